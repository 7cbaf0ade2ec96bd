internal import CGMP
import MeshCrypto

/// An arbitrary-precision integer owned by Swift: a GMP `mpz_t` that is cleared, and through
/// ``GMPAllocator`` wiped, when the object is released.
///
/// Use it for public values (moduli, Lagrange coefficients, x coordinates, test vectors): GMP's `mpz`
/// functions branch on their operands. Arithmetic on secrets goes through the fixed-limb layer
/// (``SecretField``) instead.
///
/// Not `Sendable`: each value belongs to one task at a time.
public final class GMPInteger {
    let raw: UnsafeMutablePointer<__mpz_struct>

    /// Zero.
    public init() {
        GMPAllocator.install()
        raw = .allocate(capacity: 1)
        __gmpz_init(raw)
    }

    public convenience init(_ value: Int) {
        self.init()
        __gmpz_set_si(raw, value)
    }

    /// The integer whose big-endian unsigned encoding is `bytes`.
    public convenience init(bigEndian bytes: UnsafeRawBufferPointer) {
        self.init()
        if let base = bytes.baseAddress, bytes.count > 0 { __gmpz_import(raw, bytes.count, 1, 1, 1, 0, base) }
    }

    public convenience init(bigEndian bytes: [UInt8]) {
        self.init()
        bytes.withUnsafeBytes {
            if let base = $0.baseAddress, $0.count > 0 { __gmpz_import(raw, $0.count, 1, 1, 1, 0, base) }
        }
    }

    /// The integer whose little-endian unsigned encoding is `bytes`.
    public convenience init(littleEndian bytes: [UInt8]) {
        self.init()
        bytes.withUnsafeBytes {
            if let base = $0.baseAddress, $0.count > 0 { __gmpz_import(raw, $0.count, -1, 1, 0, 0, base) }
        }
    }

    /// Parses an unsigned decimal string strictly (digits only, no sign, no spaces).
    public convenience init?(decimal text: String) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        self.init()
        guard __gmpz_set_str(raw, text, 10) == 0 else { return nil }
    }

    deinit {
        __gmpz_clear(raw)
        raw.deallocate()
    }

    public func copy() -> GMPInteger {
        let result = GMPInteger()
        __gmpz_set(result.raw, raw)
        return result
    }

    /// -1, 0 or 1.
    public var signum: Int { Int(cgmp_sgn(raw)) }
    public var isOdd: Bool { cgmp_odd_p(raw) != 0 }
    /// Number of significant bits (0 for zero).
    public var bitWidth: Int { signum == 0 ? 0 : Int(__gmpz_sizeinbase(raw, 2)) }

    public var decimalString: String {
        let size = __gmpz_sizeinbase(raw, 10) + 2
        var buffer = [CChar](repeating: 0, count: size)
        __gmpz_get_str(&buffer, 10, raw)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The magnitude as exactly `count` big-endian bytes, or nil if it does not fit.
    public func bigEndianBytes(count: Int) -> [UInt8]? {
        let needed = (bitWidth + 7) / 8
        guard needed <= count else { return nil }
        var output = [UInt8](repeating: 0, count: count)
        if needed > 0 {
            var written = 0
            output.withUnsafeMutableBytes { buffer in
                _ = __gmpz_export(buffer.baseAddress! + (count - needed), &written, 1, 1, 1, 0, raw)
            }
        }
        return output
    }

    /// The magnitude as exactly `count` little-endian bytes, or nil if it does not fit.
    public func littleEndianBytes(count: Int) -> [UInt8]? {
        bigEndianBytes(count: count).map { Array($0.reversed()) }
    }

    /// The magnitude as `count` little-endian limbs (for the fixed-limb layer), or nil if it does not fit.
    func limbs(count: Int) -> [UInt]? {
        let needed = Int(__gmpz_size(raw))
        guard needed <= count else { return nil }
        var output = [UInt](repeating: 0, count: count)
        for index in 0..<needed { output[index] = UInt(__gmpz_getlimbn(raw, index)) }
        return output
    }

    /// Builds a value from little-endian limbs.
    static func fromLimbs(_ limbs: UnsafePointer<UInt>, count: Int) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_import(result.raw, count, -1, MemoryLayout<UInt>.size, 0, 0, limbs)
        return result
    }

    // MARK: Arithmetic (not constant time)

    public static func + (a: GMPInteger, b: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_add(r.raw, a.raw, b.raw)
        return r
    }
    public static func - (a: GMPInteger, b: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_sub(r.raw, a.raw, b.raw)
        return r
    }
    public static func * (a: GMPInteger, b: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_mul(r.raw, a.raw, b.raw)
        return r
    }

    /// In-place multiplication by a machine integer.
    public func multiply(by value: Int) { __gmpz_mul_si(raw, raw, value) }

    /// The least non-negative residue modulo `modulus` (which must be positive).
    public func modulo(_ modulus: GMPInteger) -> GMPInteger {
        precondition(modulus.signum > 0, "modulus must be positive")
        let r = GMPInteger()
        __gmpz_mod(r.raw, raw, modulus.raw)
        return r
    }

    /// In-place reduction modulo `modulus`.
    public func reduce(modulo modulus: GMPInteger) { __gmpz_mod(raw, raw, modulus.raw) }

    /// The inverse modulo `modulus`, or nil when none exists.
    public func inverse(modulo modulus: GMPInteger) -> GMPInteger? {
        let r = GMPInteger()
        return __gmpz_invert(r.raw, raw, modulus.raw) != 0 ? r : nil
    }

    /// 2 raised to `exponent`.
    public static func powerOfTwo(_ exponent: Int) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_setbit(r.raw, UInt(exponent))
        return r
    }

    /// Whether the value is prime, with a false-positive probability below 4^-50 (GMP's
    /// Baillie-PSW plus 50 - 24 Miller-Rabin rounds).
    public var isProbablePrime: Bool { __gmpz_probab_prime_p(raw, 50) > 0 }

    /// The smallest probable prime strictly greater than this value.
    public func nextPrime() -> GMPInteger {
        let r = GMPInteger()
        __gmpz_nextprime(r.raw, raw)
        return r
    }
}

extension GMPInteger: Equatable, Comparable {
    public static func == (a: GMPInteger, b: GMPInteger) -> Bool { __gmpz_cmp(a.raw, b.raw) == 0 }
    public static func < (a: GMPInteger, b: GMPInteger) -> Bool { __gmpz_cmp(a.raw, b.raw) < 0 }
}
