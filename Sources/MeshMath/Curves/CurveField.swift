internal import CGMP
import MeshCrypto

/// Arithmetic modulo p = 2^255 − 19 or p = 2^448 − 2^224 − 1 on fixed-size limb arrays.
///
/// Elements are `limbCount` little-endian limbs, always fully reduced (0 ≤ a < p). Products and squares
/// come from GMP's side-channel-silent `mpn_sec_mul` / `mpn_sec_sqr`; the reduction of the double-width
/// product is a fixed sequence of word operations specialised to the prime (2^256 ≡ 38, resp.
/// 2^448 ≡ 2^224 + 1) that never branches on the value, followed by conditional subtractions done with
/// `mpn_sub_n` and `mpn_cnd_swap`. Additions and subtractions use `mpn_add_n` / `mpn_sub_n` /
/// `mpn_cnd_add_n`. Inversion is Fermat's a^(p−2) by a fixed addition chain (the exponent is public).
final class CurveField: Sendable {
    enum Prime: Sendable { case p25519, p448 }

    let prime: Prime
    /// Limbs in an element: 4 or 7.
    let limbCount: Int
    /// Bytes in an encoded element: 32 or 56.
    let byteCount: Int
    /// Bits of p: 255 or 448.
    let bitCount: Int
    /// p as little-endian limbs.
    let modulus: [UInt]
    /// Scratch limbs GMP needs for one product or square.
    let scratchCount: Int

    static let p25519 = CurveField(.p25519)
    static let p448 = CurveField(.p448)

    private init(_ prime: Prime) {
        self.prime = prime
        GMPAllocator.install()
        let value: GMPInteger
        switch prime {
        case .p25519:
            value = GMPInteger.powerOfTwo(255) - GMPInteger(19)
            bitCount = 255
        case .p448:
            value = GMPInteger.powerOfTwo(448) - GMPInteger.powerOfTwo(224) - GMPInteger(1)
            bitCount = 448
        }
        limbCount = prime == .p25519 ? 4 : 7
        byteCount = prime == .p25519 ? 32 : 56
        modulus = value.limbs(count: limbCount)!
        let n = limbCount
        scratchCount = Swift.max(
            Int(__gmpn_sec_mul_itch(n, n)),
            Int(__gmpn_sec_sqr_itch(n)),
            Int(__gmpn_sec_mul_itch(n, 1)),
            1
        )
    }

    /// p as an integer (public).
    var primeInteger: GMPInteger { GMPInteger.fromLimbs(modulus, count: limbCount) }
}

/// Registers and scratch space for field arithmetic, all in one wiped ``SecretLimbs`` buffer.
/// Not shared between threads; one workspace per operation.
final class FieldWorkspace {
    let field: CurveField
    let n: Int
    let storage: SecretLimbs
    let scratch: UnsafeMutablePointer<UInt>
    /// 2n limbs for products.
    let product: UnsafeMutablePointer<UInt>
    /// n limbs for trial subtractions.
    let difference: UnsafeMutablePointer<UInt>
    /// 14 64-bit accumulators for the p448 reduction.
    let accumulator: UnsafeMutablePointer<UInt>
    /// Temporaries for inversion (6n limbs).
    let inversionTemp: UnsafeMutablePointer<UInt>
    /// p, copied here so the hot paths touch no reference-counted storage.
    let modulus: UnsafeMutablePointer<UInt>
    let prime: CurveField.Prime
    private let registerBase: UnsafeMutablePointer<UInt>
    let registerCount: Int

    init(_ field: CurveField, registers: Int) {
        self.field = field
        n = field.limbCount
        registerCount = registers
        prime = field.prime
        let fixed = field.scratchCount + 2 * n + n + 14 + 6 * n + n
        storage = SecretLimbs(count: fixed + registers * n)
        let modulusSlot = storage.slot(fixed - n)
        field.modulus.withUnsafeBufferPointer { modulusSlot.update(from: $0.baseAddress!, count: field.limbCount) }
        modulus = modulusSlot
        scratch = storage.slot(0)
        product = storage.slot(field.scratchCount)
        difference = storage.slot(field.scratchCount + 2 * n)
        accumulator = storage.slot(field.scratchCount + 3 * n)
        inversionTemp = storage.slot(field.scratchCount + 3 * n + 14)
        registerBase = storage.slot(fixed)
    }

    /// Register `index` (n limbs). Indices are fixed by the code, never derived from secrets.
    @inline(__always)
    func reg(_ index: Int) -> UnsafeMutablePointer<UInt> { registerBase + index * n }

    // MARK: Loading and storing

    func set(_ r: UnsafeMutablePointer<UInt>, _ limbs: [UInt]) {
        precondition(limbs.count == n)
        limbs.withUnsafeBufferPointer { r.update(from: $0.baseAddress!, count: n) }
    }

    func set(_ r: UnsafeMutablePointer<UInt>, small value: UInt) {
        r.update(repeating: 0, count: n)
        r[0] = value
    }

    func copy(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>) {
        if UnsafePointer(r) != a { r.update(from: a, count: n) }
    }

    /// Loads little-endian bytes (at most 8n of them) and reduces modulo p. Indexing by position only.
    func load(littleEndian bytes: UnsafeRawBufferPointer, into r: UnsafeMutablePointer<UInt>) {
        precondition(bytes.count <= 8 * n)
        r.update(repeating: 0, count: n)
        for index in 0..<bytes.count {
            r[index / 8] |= UInt(bytes[index]) << UInt((index % 8) * 8)
        }
        reduceOnce(r)
        reduceOnce(r)
    }

    /// The `field.byteCount` little-endian bytes of a reduced element.
    func bytes(_ a: UnsafePointer<UInt>) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: field.byteCount)
        for index in 0..<out.count {
            out[index] = UInt8(truncatingIfNeeded: a[index / 8] >> UInt((index % 8) * 8))
        }
        return out
    }

    // MARK: Arithmetic

    /// r = a − p if a ≥ p, else a (a < 2^(64n)).
    @inline(__always)
    func reduceOnce(_ r: UnsafeMutablePointer<UInt>) {
        let borrow = __gmpn_sub_n(difference, r, modulus, n)
        __gmpn_cnd_swap(borrow ^ 1, r, difference, n)
    }

    /// r = a · b mod p. r may alias a or b.
    @inline(__always)
    func mul(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>) {
        __gmpn_sec_mul(product, a, n, b, n, scratch)
        reduceProduct(into: r)
    }

    /// r = a² mod p. r may alias a.
    @inline(__always)
    func sqr(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>) {
        __gmpn_sec_sqr(product, a, n, scratch)
        reduceProduct(into: r)
    }

    /// r = a · k mod p for a public one-limb k.
    func mul(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, small k: UInt) {
        var factor = k
        __gmpn_sec_mul(product, a, n, &factor, 1, scratch)
        (product + n + 1).update(repeating: 0, count: n - 1)
        reduceProduct(into: r)
    }

    /// r = a + b mod p. r may alias a or b.
    @inline(__always)
    func add(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>) {
        let carry = __gmpn_add_n(r, a, b, n)
        let borrow = __gmpn_sub_n(difference, r, modulus, n)
        __gmpn_cnd_swap(carry | (borrow ^ 1), r, difference, n)
    }

    /// r = a − b mod p. r may alias a or b.
    @inline(__always)
    func sub(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>) {
        let borrow = __gmpn_sub_n(r, a, b, n)
        _ = __gmpn_cnd_add_n(borrow, r, r, modulus, n)
    }

    /// r = −a mod p.
    func neg(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>) {
        difference.update(repeating: 0, count: n)
        sub(r, UnsafePointer(difference), a)
    }

    /// r = a^(p−2) = a⁻¹ mod p (0 for a = 0), by a fixed addition chain for the public exponent p − 2
    /// (254 / 446 squarings and 11 / 13 multiplications). r may alias a.
    func invert(_ r: UnsafeMutablePointer<UInt>, _ a: UnsafePointer<UInt>) {
        let t = inversionTemp
        let x1 = t
        let s1 = t + n
        let s2 = t + 2 * n
        let s3 = t + 3 * n
        let acc = t + 4 * n
        let s4 = t + 5 * n
        x1.update(from: a, count: n)
        /// acc = acc^(2^k) · factor
        func step(_ k: Int, _ factor: UnsafePointer<UInt>) {
            for _ in 0..<k { sqr(acc, acc) }
            mul(acc, acc, factor)
        }
        switch prime {
        case .p25519:  // p − 2 = 2^255 − 21 (ref10's chain)
            sqr(s1, x1)  // z^2
            sqr(acc, s1)
            sqr(acc, acc)  // z^8
            mul(s2, acc, x1)  // z^9
            mul(s3, s2, s1)  // z^11
            sqr(acc, s3)
            mul(acc, acc, s2)  // 2^5 − 1
            s1.update(from: acc, count: n)
            step(5, s1)  // 2^10 − 1
            s2.update(from: acc, count: n)
            step(10, s2)  // 2^20 − 1
            s4.update(from: acc, count: n)
            step(20, s4)  // 2^40 − 1
            step(10, s2)  // 2^50 − 1
            s1.update(from: acc, count: n)
            step(50, s1)  // 2^100 − 1
            s2.update(from: acc, count: n)
            step(100, s2)  // 2^200 − 1
            step(50, s1)  // 2^250 − 1
            step(5, s3)  // 2^255 − 32 + 11 = 2^255 − 21
        case .p448:  // p − 2 = (2^223 − 1)·2^225 + (2^222 − 1)·2^2 + 1
            sqr(acc, x1)
            mul(acc, acc, x1)  // x2 (xk = a^(2^k − 1))
            step(1, x1)  // x3
            s1.update(from: acc, count: n)
            step(3, s1)  // x6
            s2.update(from: acc, count: n)
            step(6, s2)  // x12
            s3.update(from: acc, count: n)
            step(12, s3)  // x24
            step(6, s2)  // x30
            s4.update(from: acc, count: n)
            step(30, s4)  // x60
            s3.update(from: acc, count: n)
            step(60, s3)  // x120
            step(60, s3)  // x180
            step(30, s4)  // x210
            step(6, s2)  // x216
            step(6, s2)  // x222
            s3.update(from: acc, count: n)
            step(1, x1)  // x223
            step(223, s3)  // (2^223 − 1)·2^223 + 2^222 − 1
            step(2, x1)  // p − 2
        }
        r.update(from: acc, count: n)
    }

    /// Swaps a and b when flag = 1 (flag is 0 or 1), touching the same memory either way.
    @inline(__always)
    func cswap(_ flag: UInt, _ a: UnsafeMutablePointer<UInt>, _ b: UnsafeMutablePointer<UInt>, count: Int? = nil) {
        __gmpn_cnd_swap(flag, a, b, count ?? n)
    }

    /// 1 if a = 0, else 0, without branching on a.
    func isZero(_ a: UnsafePointer<UInt>) -> UInt {
        var bits: UInt = 0
        for index in 0..<n { bits |= a[index] }
        // (bits | −bits) has its top bit set exactly when bits ≠ 0.
        return ((bits | (0 &- bits)) >> 63) ^ 1
    }

    /// 1 if a = b, else 0, without branching.
    func equal(_ a: UnsafePointer<UInt>, _ b: UnsafePointer<UInt>) -> UInt {
        var bits: UInt = 0
        for index in 0..<n { bits |= a[index] ^ b[index] }
        return ((bits | (0 &- bits)) >> 63) ^ 1
    }

    /// The low bit of a reduced element.
    func parity(_ a: UnsafePointer<UInt>) -> UInt { a[0] & 1 }

    // MARK: Reduction of the 2n-limb product

    @inline(__always)
    private func reduceProduct(into r: UnsafeMutablePointer<UInt>) {
        switch prime {
        case .p25519: reduce25519(into: r)
        case .p448: reduce448(into: r)
        }
    }

    /// 8 limbs t = lo + 2^256·hi ≡ lo + 38·hi (mod 2^255 − 19).
    @inline(__always)
    private func reduce25519(into r: UnsafeMutablePointer<UInt>) {
        let t = product
        var carry: UInt = 0
        for i in 0..<4 {
            let (high, low) = UInt(38).multipliedFullWidth(by: t[4 + i])
            let (s1, o1) = addWithCarry(t[i], low)
            let (s2, o2) = addWithCarry(s1, carry)
            r[i] = s2
            carry = high &+ o1 &+ o2
        }
        // carry ≤ 39: fold carry·2^256 ≡ 38·carry, twice (the second fold adds at most 38 to a small value).
        for _ in 0..<2 {
            var add = carry &* 38
            for i in 0..<4 {
                let (s, o) = addWithCarry(r[i], add)
                r[i] = s
                add = o
            }
            carry = add
        }
        // r < 2^256 = 2p + 38: subtract p up to twice.
        reduceOnce(r)
        reduceOnce(r)
    }

    /// 14 limbs, reduced with 32-bit digits: 2^448 ≡ 2^224 + 1 (mod 2^448 − 2^224 − 1).
    @inline(__always)
    private func reduce448(into r: UnsafeMutablePointer<UInt>) {
        let t = product
        let acc = accumulator
        let mask: UInt = 0xffff_ffff
        @inline(__always) func word(_ k: Int) -> UInt { (t[k >> 1] >> UInt(32 * (k & 1))) & mask }
        for i in 0..<14 { acc[i] = word(i) }
        for j in 0..<14 {  // h·2^(32(14+j)) ≡ h·2^(32j) + h·2^(32(j+7))
            let h = word(14 + j)
            if j < 7 {
                acc[j] &+= h
                acc[j + 7] &+= h
            } else {  // 2^(32(j+7)) ≡ 2^(32(j−7)) + 2^(32j)
                acc[j] &+= h &* 2
                acc[j - 7] &+= h
            }
        }
        for _ in 0..<2 {
            for i in 0..<13 {
                acc[i + 1] &+= acc[i] >> 32
                acc[i] &= mask
            }
            let c = acc[13] >> 32
            acc[13] &= mask
            acc[0] &+= c
            acc[7] &+= c
        }
        for i in 0..<13 {
            acc[i + 1] &+= acc[i] >> 32
            acc[i] &= mask
        }
        for i in 0..<7 { r[i] = acc[2 * i] | (acc[2 * i + 1] << 32) }
        // r < 2^448 < 2p.
        reduceOnce(r)
    }
}

/// (a + b mod 2^64, carry) with the carry computed by bit operations, not from a flag: compilers turn
/// `Bool`-to-integer conversions into conditional moves, which a secret must not steer.
@inline(__always)
func addWithCarry(_ a: UInt, _ b: UInt) -> (sum: UInt, carry: UInt) {
    let sum = a &+ b
    return (sum, ((a & b) | ((a | b) & ~sum)) >> 63)
}
