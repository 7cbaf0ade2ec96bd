internal import CGMP
import MeshCrypto

/// Arithmetic modulo the Shamir prime for L-byte secrets, on fixed-size limb arrays.
///
/// Every operation on secret values uses GMP's side-channel-silent layer (`mpn_sec_mul`,
/// `mpn_sec_div_r`, `mpn_add_n`, `mpn_sub_n`, `mpn_cnd_swap`): the sequence of instructions and memory
/// addresses depends only on the sizes, never on the values. Conversions between bytes and limbs index by
/// byte position only. Public operands (x coordinates, Lagrange weights) may come from ``GMPInteger``.
final class SecretField: Sendable {
    /// Secret length L in bytes.
    let byteLength: Int
    /// p − 2^(8L).
    let offset: Int
    /// Limbs in a field element (the limbs of p).
    let limbCount: Int
    /// p as little-endian limbs.
    let modulus: [UInt]
    /// Limbs in a random value to be reduced to a coefficient: L + 1 + 16 bytes, so that the reduction
    /// bias is below 2^-128.
    let wideLimbCount: Int
    /// Scratch limbs needed by the largest operation.
    let scratchCount: Int

    init(byteLength: Int) {
        self.byteLength = byteLength
        offset = ShamirPrime.offset(byteLength: byteLength)
        let prime = ShamirPrime.prime(byteLength: byteLength)
        limbCount = (prime.bitWidth + 63) / 64
        modulus = prime.limbs(count: limbCount)!
        wideLimbCount = Swift.max((byteLength + 17 + 7) / 8, limbCount)
        let n = limbCount
        scratchCount = Swift.max(
            Int(__gmpn_sec_mul_itch(n, n)),
            Int(__gmpn_sec_mul_itch(n, 1)),
            Int(__gmpn_sec_div_r_itch(2 * n, n)),
            Int(__gmpn_sec_div_r_itch(wideLimbCount, n)),
            Int(__gmpn_sec_div_r_itch(n + 1, n))
        )
    }

    var prime: GMPInteger { ShamirPrime.prime(byteLength: byteLength) }

    /// Whether 1 ≤ x < p (x is a usable share coordinate).
    func isNonZeroPoint(_ x: Int) -> Bool {
        guard x >= 1 else { return false }
        guard byteLength < 7 else { return true }  // p > 2^56 > any x we meet
        return x < (1 << (8 * byteLength)) + offset
    }

    // MARK: Workspace

    /// Scratch and temporaries for one operation. Not shared between threads.
    final class Workspace {
        let limbs: SecretLimbs
        let scratch: UnsafeMutablePointer<UInt>
        let product: UnsafeMutablePointer<UInt>  // 2n limbs (also holds wide values)
        let difference: UnsafeMutablePointer<UInt>  // n limbs
        let field: SecretField

        init(_ field: SecretField) {
            self.field = field
            let n = field.limbCount
            let productCount = Swift.max(2 * n, field.wideLimbCount)
            limbs = SecretLimbs(count: field.scratchCount + productCount + n)
            scratch = limbs.slot(0)
            product = limbs.slot(field.scratchCount)
            difference = limbs.slot(field.scratchCount + productCount)
        }
    }

    // MARK: Conversions (index by position only)

    /// Loads a big-endian byte string of at most 8·limbs bytes into `limbs` limbs.
    static func load(bigEndian bytes: UnsafeRawBufferPointer, into result: UnsafeMutablePointer<UInt>, limbs: Int) {
        precondition(bytes.count <= 8 * limbs, "value wider than its limb array")
        result.update(repeating: 0, count: limbs)
        let count = bytes.count
        for index in 0..<count {
            let position = count - 1 - index  // byte significance
            result[position / 8] |= UInt(bytes[index]) << UInt((position % 8) * 8)
        }
    }

    /// Stores the low `bytes.count` bytes of `value` big-endian.
    static func store(_ value: UnsafePointer<UInt>, limbs: Int, bigEndian bytes: UnsafeMutableRawBufferPointer) {
        let count = bytes.count
        precondition(count <= 8 * limbs)
        for index in 0..<count {
            let position = count - 1 - index
            bytes[index] = UInt8(truncatingIfNeeded: value[position / 8] >> UInt((position % 8) * 8))
        }
    }

    // MARK: Arithmetic on n-limb elements below p

    /// result = a · b mod p. `result` may alias `a` or `b`.
    func multiply(
        _ result: UnsafeMutablePointer<UInt>,
        _ a: UnsafePointer<UInt>,
        _ b: UnsafePointer<UInt>,
        _ work: Workspace
    ) {
        let n = limbCount
        __gmpn_sec_mul(work.product, a, n, b, n, work.scratch)
        modulus.withUnsafeBufferPointer { p in
            __gmpn_sec_div_r(work.product, 2 * n, p.baseAddress!, n, work.scratch)
        }
        result.update(from: work.product, count: n)
    }

    /// result = a · x mod p for a public single-limb x. `result` may alias `a`.
    func multiply(_ result: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, small x: UInt, _ work: Workspace) {
        let n = limbCount
        var factor = x
        __gmpn_sec_mul(work.product, a, n, &factor, 1, work.scratch)
        modulus.withUnsafeBufferPointer { p in
            __gmpn_sec_div_r(work.product, n + 1, p.baseAddress!, n, work.scratch)
        }
        result.update(from: work.product, count: n)
    }

    /// result = (a + b) mod p, for a, b < p. `result` may alias `a` or `b`.
    func add(
        _ result: UnsafeMutablePointer<UInt>,
        _ a: UnsafePointer<UInt>,
        _ b: UnsafePointer<UInt>,
        _ work: Workspace
    ) {
        let n = limbCount
        let carry = __gmpn_add_n(result, a, b, n)
        let borrow = modulus.withUnsafeBufferPointer { p in __gmpn_sub_n(work.difference, result, p.baseAddress!, n) }
        // The sum is at least p exactly when it carried out or subtracting p did not borrow.
        let atLeastP = carry | (borrow ^ 1)
        __gmpn_cnd_swap(atLeastP, result, work.difference, n)
    }

    /// Reduces a wide value of `wideLimbCount` limbs (held in `work.product`) modulo p into `result`.
    func reduceWide(into result: UnsafeMutablePointer<UInt>, _ work: Workspace) {
        modulus.withUnsafeBufferPointer { p in
            __gmpn_sec_div_r(work.product, wideLimbCount, p.baseAddress!, limbCount, work.scratch)
        }
        result.update(from: work.product, count: limbCount)
    }

    /// Whether a < p, computed without branching on a (the answer itself is returned).
    func isBelowModulus(_ a: UnsafePointer<UInt>, _ work: Workspace) -> Bool {
        let borrow = modulus.withUnsafeBufferPointer { p in __gmpn_sub_n(work.difference, a, p.baseAddress!, limbCount)
        }
        return SecretVerdict.reveal(borrow == 1)
    }

    /// Whether a < 2^(8L), i.e. fits the share's L bytes; no branch on a's bits.
    func fitsByteLength(_ a: UnsafePointer<UInt>) -> Bool {
        var high: UInt = 0
        let bits = 8 * byteLength
        for index in 0..<limbCount {
            let limbStart = index * 64
            if limbStart >= bits {
                high |= a[index]
            } else if limbStart + 64 > bits {
                high |= a[index] >> UInt(bits - limbStart)
            }
        }
        return SecretVerdict.reveal(high == 0)
    }

    /// Constant-time equality of two n-limb values.
    func equal(_ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>) -> Bool {
        var difference: UInt = 0
        for index in 0..<limbCount { difference |= a[index] ^ b[index] }
        return SecretVerdict.reveal(difference == 0)
    }
}
