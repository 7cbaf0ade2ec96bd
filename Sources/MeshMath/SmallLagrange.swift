internal import CGMP

/// Lagrange weights for small x coordinates, computed on limb arrays without allocating big integers.
///
/// For node i and target t the weight is N_i / D_i mod p with N_i = Π_{m≠i} (t − x_m) and
/// D_i = Π_{m≠i} (x_i − x_m). When every |N_i| and |D_i| fits in 62 bits (always so for the Mesh share
/// format, x ≤ 16 and k ≤ 15), the inverse of a small d modulo p is found without a big-integer gcd:
/// with r = p mod d and j ≡ −r⁻¹ (mod d), the number 1 + j·p is divisible by d and (1 + j·p)/d is d⁻¹ mod p.
/// All values here are public (functions of the x coordinates).
enum SmallLagrange {
    /// The weights at `target` as n-limb little-endian values below p, or nil when a product could exceed
    /// 62 bits (the caller then uses ``LagrangeBasis``).
    static func weights(nodes: [Int], target: Int, field: SecretField) -> [[UInt]]? {
        var pairs: [(numerator: Int, denominator: Int)] = []
        pairs.reserveCapacity(nodes.count)
        for index in nodes.indices {
            guard let pair = products(nodes: nodes, index: index, target: target) else { return nil }
            pairs.append(pair)
        }
        let n = field.limbCount
        return field.modulus.withUnsafeBufferPointer { modulus -> [[UInt]] in
            let p = modulus.baseAddress!
            let pModD = { (d: UInt) -> UInt in UInt(__gmpn_mod_1(p, n, mp_limb_t(d))) }
            var result: [[UInt]] = []
            result.reserveCapacity(nodes.count)
            var wide = [UInt](repeating: 0, count: n + 2)
            var quotient = [UInt](repeating: 0, count: n + 2)
            var remainder = [UInt](repeating: 0, count: n)
            for i in nodes.indices {
                let (numerator, denominator) = pairs[i]
                let negative = (numerator < 0) != (denominator < 0)
                let d = UInt(denominator.magnitude)
                let a = UInt(numerator.magnitude)
                var weight = [UInt](repeating: 0, count: n)
                if a != 0 {
                    // u = d⁻¹ mod p = (1 + j·p) / d.
                    let r = pModD(d)
                    let j = d == 1 ? 0 : (d - inverse(r, modulo: d)) % d
                    wide.withUnsafeMutableBufferPointer { w in
                        w[n] = __gmpn_mul_1(w.baseAddress!, p, n, mp_limb_t(j))
                        w[n + 1] = 0
                        _ = __gmpn_add_1(w.baseAddress!, w.baseAddress!, n + 1, 1)
                    }
                    quotient.withUnsafeMutableBufferPointer { q in
                        wide.withUnsafeBufferPointer { w in
                            let rest = __gmpn_divrem_1(q.baseAddress!, 0, w.baseAddress!, n + 1, mp_limb_t(d))
                            precondition(rest == 0, "1 + j·p must be divisible by d")
                        }
                    }
                    // weight = a · u mod p (u < p fits in n limbs).
                    wide.withUnsafeMutableBufferPointer { w in
                        quotient.withUnsafeBufferPointer { q in
                            w[n] = __gmpn_mul_1(w.baseAddress!, q.baseAddress!, n, mp_limb_t(a))
                        }
                    }
                    quotient.withUnsafeMutableBufferPointer { q in
                        remainder.withUnsafeMutableBufferPointer { r in
                            wide.withUnsafeBufferPointer { w in
                                __gmpn_tdiv_qr(q.baseAddress!, r.baseAddress!, 0, w.baseAddress!, n + 1, p, n)
                            }
                        }
                    }
                    weight = remainder
                    if negative && weight.contains(where: { $0 != 0 }) {
                        weight.withUnsafeMutableBufferPointer { wt in
                            _ = __gmpn_sub_n(wt.baseAddress!, p, wt.baseAddress!, n)
                        }
                    }
                }
                result.append(weight)
            }
            return result
        }
    }

    /// Whether every N_i and D_i fits in a machine word (no overflow, magnitude below 2^62).
    static func fitsInWords(nodes: [Int], target: Int) -> Bool {
        guard nodes.count <= 64 else { return false }
        return nodes.indices.allSatisfy { products(nodes: nodes, index: $0, target: target) != nil }
    }

    /// (N_i, D_i), or nil if either leaves ±2^62.
    static func products(nodes: [Int], index i: Int, target: Int) -> (Int, Int)? {
        var numerator = 1
        var denominator = 1
        let limit = 1 << 62
        let xi = nodes[i]
        for (m, xm) in nodes.enumerated() where m != i {
            let (n, nOverflow) = numerator.multipliedReportingOverflow(by: target - xm)
            let (d, dOverflow) = denominator.multipliedReportingOverflow(by: xi - xm)
            guard !nOverflow, !dOverflow, n.magnitude < limit, d.magnitude < limit else { return nil }
            numerator = n
            denominator = d
        }
        return (numerator, denominator)
    }

    /// a⁻¹ mod m for coprime a, m ≥ 2 (extended Euclid on machine words).
    static func inverse(_ a: UInt, modulo m: UInt) -> UInt {
        var (oldR, r) = (Int(a % m), Int(m))
        var (oldS, s) = (1, 0)
        while r != 0 {
            let q = oldR / r
            (oldR, r) = (r, oldR - q * r)
            (oldS, s) = (s, oldS - q * s)
        }
        precondition(oldR == 1, "d and p must be coprime")
        let value = oldS % Int(m)
        return UInt(value < 0 ? value + Int(m) : value)
    }
}

extension UInt {
    /// Bits needed to write the value (0 for zero).
    var bitWidthUsed: Int { UInt.bitWidth - leadingZeroBitCount }
}
