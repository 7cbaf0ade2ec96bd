/// Presentation of variable-length UDFs (digests, authenticators, identifiers) at a precision.
public enum Presentation {
    /// The usual precision in bits (28 characters).
    public static let defaultBits = 140

    /// The presentation of `binary` at `bits` bits of precision (type octet included): the first ⌈B/5⌉
    /// characters of the Base32 form of the complete value, dashed by four. When B is not a multiple of 5
    /// the last character carries the value's next bits, not zeros.
    public static func present(_ binary: [UInt8], bits: Int) -> String {
        precondition(bits > 0, "precision must be positive")
        return binary.withUnsafeBytes { Base32.encode($0, characters: (bits + 4) / 5) }
    }
}
