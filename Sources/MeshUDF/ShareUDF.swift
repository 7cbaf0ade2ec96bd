public import MeshCrypto

/// A Mesh secret-share UDF (`S…`):
///
///     0x90 ‖ (threshold << 4 | (x − 1)) ‖ f(x), big-endian in exactly L bytes
///
/// so a share of an L-byte secret is L + 2 bytes and ⌈8(L + 2)/5⌉ characters. The nibbles allow a
/// threshold of 1…15 and x of 1…16; the secret length is 1…64 bytes.
public struct ShareUDF: Sendable, Equatable {
    public static let secretLengths = 1...64
    public static let thresholds = 1...15
    public static let xValues = 1...16

    public let threshold: Int
    public let x: Int
    /// f(x), L bytes big-endian.
    public let value: SecureBytes

    public init(threshold: Int, x: Int, value: SecureBytes) {
        precondition(Self.thresholds.contains(threshold), "threshold outside 1…15")
        precondition(Self.xValues.contains(x), "x outside 1…16")
        precondition(Self.secretLengths.contains(value.count), "share value outside 1…64 bytes")
        self.threshold = threshold
        self.x = x
        self.value = value
    }

    /// The secret's length in bytes.
    public var secretLength: Int { value.count }

    public var binary: SecureBytes {
        SecureBytes(prefix: [UDFType.share.rawValue, UInt8(threshold << 4 | (x - 1))], value)
    }

    public var text: String { Base32.encode(binary) }

    /// Parses a share strictly, in the order of checks the conformance vectors fix:
    /// `invalid_character` (with its position), then `invalid_length` (character count not that of a
    /// whole encoding, fewer than 3 bytes, or a secret over 64 bytes), then `wrong_type` (type octet not
    /// 0x90, or threshold nibble 0).
    public static func parse(_ text: String) throws(UDFError) -> ShareUDF {
        let (bytes, characters) = try Base32.decodeCounting(text)
        let expected = Base32.characterCount(byteCount: bytes.count)
        guard characters == expected else {
            throw UDFError(
                .invalidLength,
                "\(characters) Base32 characters is not the length of any share (a character missing or extra?)"
            )
        }
        guard bytes.count >= 3 else {
            throw UDFError(.invalidLength, "\(characters) characters is too short for a share")
        }
        guard secretLengths.contains(bytes.count - 2) else {
            throw UDFError(
                .invalidLength,
                "a share of a \(bytes.count - 2)-byte secret is longer than the 64-byte limit"
            )
        }
        guard bytes[0] == UDFType.share.rawValue else {
            throw UDFError(
                .wrongType,
                bytes[0] == UDFType.seed.rawValue
                    ? "is a seed UDF (Z…), not a share (S…)"
                    : "is not a share: a share UDF starts with S (type 144)"
            )
        }
        let threshold = Int(bytes[1] >> 4)
        guard threshold >= 1 else { throw UDFError(.wrongType, "the threshold field is 0") }
        return ShareUDF(threshold: threshold, x: Int(bytes[1] & 0x0F) + 1, value: bytes.slice(2..<bytes.count))
    }
}
