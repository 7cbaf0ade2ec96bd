public import MeshCrypto

/// Why a UDF or Base32 string was refused.
///
/// Modelled on swift-certificates' `CertificateError`: a small extensible code plus a human reason.
/// Two errors are equal when their codes are equal. Reasons never contain secret material: they name
/// positions and lengths, and at most echo a character that is *not* part of the Base32 alphabet.
///
/// Codes: `invalid_character`, `invalid_length`, `wrong_type`, `not_canonical`.
public struct UDFError: CodedError, Hashable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The class name used by the conformance vectors and the CLI (`invalid_character`, …).
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A character that is neither Base32 nor a separator (dash, space, tab, CR, LF).
        public static let invalidCharacter = Code("invalid_character")
        /// The string does not decode to a value of an acceptable length.
        public static let invalidLength = Code("invalid_length")
        /// The type octet (or a field it implies) is not the one expected.
        public static let wrongType = Code("wrong_type")
    }

    public let code: Code
    public let reason: String
    /// 1-based position of the offending character (Unicode scalar) in the input, when there is one.
    public let position: Int?

    init(_ code: Code, _ reason: String, position: Int? = nil) {
        self.code = code
        self.reason = reason
        self.position = position
    }

    public var description: String { "\(code.name): \(reason)" }
    public var errorCode: String { code.name }

}
