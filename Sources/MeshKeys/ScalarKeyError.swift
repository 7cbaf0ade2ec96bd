public import MeshCrypto

/// Why key co-generation (overlays), recryption or threshold decryption refused its input. Codes:
/// `invalid_key` (a key, scalar or share that cannot be used: wrong length, zero, another curve),
/// `invalid_point` (a received point or a sum refused: not on the curve, small order, neutral),
/// `malformed_key_file` (a KeyOverlay, KeyComposite or key file that does not parse),
/// `overlay_mismatch` (an overlay whose base key, UDF or published composite does not match),
/// `invalid_input` (a Shamir quorum that is missing, malformed or given for an additive share); for
/// ``ScalarKeyFiles``, the codes of ``SecureFile/ReadError`` (`cannot_open`, `cannot_read`, `empty_input`,
/// `input_too_large`) and `cannot_write` (a file that cannot be created or written).
/// Errors compare by code only.
public struct ScalarKeyError: CodedError, Hashable {
    public struct Code: Hashable, Sendable {
        public let name: String
        public init(name: String) { self.name = name }
        public static let invalidKey = Code(name: "invalid_key")
        public static let invalidPoint = Code(name: "invalid_point")
        public static let malformedKeyFile = Code(name: "malformed_key_file")
        public static let overlayMismatch = Code(name: "overlay_mismatch")
        public static let cannotWrite = Code(name: "cannot_write")
        public static let invalidInput = Code(name: "invalid_input")
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// An `invalid_key` error.
    public init(_ reason: String) { self.init(.invalidKey, reason) }

    public var errorCode: String { code.name }
    /// The reason alone (the code is not part of it).
    public var description: String { reason }

}
