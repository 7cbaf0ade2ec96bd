public import MeshCrypto

/// Why a received point was refused.
///
/// Codes: `invalid_point`, `small_order`. Errors compare by code only.
public struct CurveError: CodedError, Hashable {
    public struct Code: Hashable, Sendable {
        public let name: String
        public init(name: String) { self.name = name }
        /// The encoding is not a point of the curve (length, non-canonical, off curve, bad sign).
        public static let invalidPoint = Code(name: "invalid_point")
        /// The point decodes but its order divides the cofactor (this includes the identity).
        public static let smallOrder = Code(name: "small_order")
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// Errors compare by code only.

    public var description: String { "\(code.name): \(reason)" }
    public var errorCode: String { code.name }
}
