public import MeshCrypto

/// The four curves of RFC 7748 / RFC 8032 that the Mesh uses.
public enum CurveID: String, Sendable, CaseIterable {
    case ed25519 = "Ed25519", ed448 = "Ed448", x25519 = "X25519", x448 = "X448"

    /// Whether this names an Edwards curve (Ed25519, Ed448).
    public var isEdwards: Bool { self == .ed25519 || self == .ed448 }
    /// Whether this is one of the 448-bit curves.
    var is448: Bool { self == .ed448 || self == .x448 }
    /// Field and curve constants shared by the Edwards and Montgomery forms.
    var parameters: CurveParameters { is448 ? .curve448 : .curve25519 }
    /// The Edwards curve of the same family.
    var edwards: CurveID { is448 ? .ed448 : .ed25519 }
    /// The Montgomery curve of the same family.
    var montgomery: CurveID { is448 ? .x448 : .x25519 }
}

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
    public static func == (a: CurveError, b: CurveError) -> Bool { a.code == b.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { "\(code.name): \(reason)" }
    public var errorCode: String { code.name }
}
