public import MeshCrypto
import MeshUDF

/// Why a share set could not be split or recovered.
///
/// Each failure has a distinct ``Code`` (the class names of the conformance vectors), the share it
/// concerns when there is one, and a reason for people. Like swift-certificates' `CertificateError`,
/// equality compares codes only. Nothing here ever holds secret material.
///
/// Codes: `invalid_character`, `invalid_length`, `wrong_type`, `mixed_threshold`, `mixed_length`,
/// `duplicate_share`, `insufficient_shares`, `inconsistent_shares`, `invalid_parameters`, `invalid_secret`,
/// and for verifiable sets `share_mismatch`, `wrong_epoch`, `mixed_epochs`, `foreign_share`,
/// `invalid_commitments`, `commitments_unavailable`, `invalid_index`.
public struct ShareError: CodedError, Hashable {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        public static let invalidCharacter = Code("invalid_character")
        public static let invalidLength = Code("invalid_length")
        public static let wrongType = Code("wrong_type")
        public static let mixedThreshold = Code("mixed_threshold")
        public static let mixedLength = Code("mixed_length")
        public static let duplicateShare = Code("duplicate_share")
        public static let insufficientShares = Code("insufficient_shares")
        public static let inconsistentShares = Code("inconsistent_shares")
        /// Split parameters outside the Mesh share format's limits.
        public static let invalidParameters = Code("invalid_parameters")
        /// A secret that cannot be shared (empty, or longer than 64 bytes).
        public static let invalidSecret = Code("invalid_secret")
    }

    /// A share in the user's list: its 1-based position there and, once decoded, its x.
    public struct ShareReference: Hashable, Sendable, CustomStringConvertible {
        public let position: Int
        public let x: Int?
        public var description: String { x.map { "share \(position) (x=\($0))" } ?? "share \(position)" }
    }

    public let code: Code
    public let reason: String
    /// The share the error is about, if one.
    public let share: ShareReference?
    /// Character position inside that share (for `invalid_character`).
    public let characterPosition: Int?
    /// For `inconsistent_shares`: the shares found to be off the polynomial (empty when they could not
    /// be identified, e.g. with only threshold + 1 shares).
    public let culprits: [ShareReference]

    init(
        _ code: Code,
        _ reason: String,
        share: ShareReference? = nil,
        characterPosition: Int? = nil,
        culprits: [ShareReference] = []
    ) {
        self.code = code
        self.reason = reason
        self.share = share
        self.characterPosition = characterPosition
        self.culprits = culprits
    }

    /// One line: the code, the share, the reason.
    public var description: String {
        if let share { return "\(code.name): \(share): \(reason)" }
        return "\(code.name): \(reason)"
    }

    public var errorCode: String { code.name }
    /// `code: share n (x=…): reason` when the error concerns one share.
    public var codedDescription: String { description }

}

extension ShareError.Code {
    init(_ udf: UDFError.Code) {
        switch udf {
        case .invalidCharacter: self = .invalidCharacter
        case .invalidLength: self = .invalidLength
        default: self = .wrongType
        }
    }
}
