import Synchronization

/// The Shamir field modulus for an L-byte secret: the smallest prime strictly greater than 2^(8L).
///
/// For L = 1…64 the offsets p − 2^(8L) are those of Appendix A of draft-hallambaker-mesh-udf-12 and later
/// (the reference implementation's `PrimeOffsetNext`); the test suite recomputes every one with a
/// primality test. Longer secrets (library use only) get their prime computed once and cached.
public enum ShamirPrime {
    /// Appendix A offsets, indexed by L − 1.
    static let appendixAOffsets: [Int] = [
        1, 1, 43, 15, 15, 21, 81, 13, 15, 13, 7, 61, 111, 25, 451, 51, 85, 175, 253, 7, 87, 427, 27, 133,
        235, 375, 423, 735, 357, 115, 81, 297, 175, 57, 45, 127, 61, 37, 91, 27, 15, 241, 231, 55, 105,
        127, 115, 231, 207, 181, 37, 235, 163, 1093, 187, 211, 21, 841, 445, 165, 777, 583, 133, 75,
    ]

    /// Largest secret length with a tabulated prime.
    public static let tabulatedLengths = 1...64

    private static let computed = Mutex<[Int: Int]>([:])

    /// p − 2^(8L) for a secret of `byteLength` bytes (≥ 1).
    public static func offset(byteLength: Int) -> Int {
        precondition(byteLength >= 1, "a secret has at least one byte")
        if tabulatedLengths.contains(byteLength) { return appendixAOffsets[byteLength - 1] }
        if let known = computed.withLock({ $0[byteLength] }) { return known }
        let offset = computeOffset(byteLength: byteLength)
        computed.withLock { $0[byteLength] = offset }
        return offset
    }

    /// The offset found by searching, without the table (used for long secrets and by the tests to
    /// check the table).
    public static func computeOffset(byteLength: Int) -> Int {
        let base = GMPInteger.powerOfTwo(8 * byteLength)
        let prime = base.nextPrime()
        precondition(prime.isProbablePrime, "GMP's next prime failed the confirming primality test")
        let difference = prime - base
        guard let bytes = difference.bigEndianBytes(count: 8) else {
            preconditionFailure("prime gap above 2^64")
        }
        return bytes.reduce(0) { $0 << 8 | Int($1) }
    }

    /// The prime itself.
    public static func prime(byteLength: Int) -> GMPInteger {
        GMPInteger.powerOfTwo(8 * byteLength) + GMPInteger(offset(byteLength: byteLength))
    }
}
