public import MeshCrypto
public import MeshJOSE
public import MeshJSON

/// A refused portal request: a stable code, a reason for people, and the HTTP status it is sent with. On the
/// wire: `{"Error": {"code": "...", "reason": "..."}}`. Nothing is written when a request is refused.
public struct PortalError: CodedError, Equatable {
    /// The stable codes (Docs/portal.md lists them with their HTTP status).
    public enum Code: String, Sendable, CaseIterable {
        // The request as a whole.
        case malformedRequest = "malformed_request"
        case requestTooLarge = "request_too_large"
        case unknownMessage = "unknown_message"
        case unknownMember = "unknown_member"
        case missingMember = "missing_member"
        case invalidMember = "invalid_member"
        // Signatures and replay protection.
        case missingSignature = "missing_signature"
        case malformedSignature = "malformed_signature"
        case badSignature = "bad_signature"
        case signatureMismatch = "signature_mismatch"
        case staleRequest = "stale_request"
        case replayedNonce = "replayed_nonce"
        case notAuthorised = "not_authorised"
        // Accounts and profiles.
        case invalidAccountName = "invalid_account_name"
        case accountExists = "account_exists"
        case unknownAccount = "unknown_account"
        case invalidProfile = "invalid_profile"
        case profileMismatch = "profile_mismatch"
        case notFound = "not_found"
        // Escrow entries.
        case invalidEntry = "invalid_entry"
        case entryExists = "entry_exists"
        case entryDeleted = "entry_deleted"
        case proofRejected = "proof_rejected"
        case lockedOut = "locked_out"
        // Device connection.
        case invalidDevice = "invalid_device"
        case connectionExists = "connection_exists"
        case invalidAnswer = "invalid_answer"
        // The service.
        case storageFailure = "storage_failure"
    }

    public let code: Code
    public let reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var errorCode: String { code.rawValue }
    public var description: String { codedDescription }

    /// The HTTP status the refusal is sent with.
    public var httpStatus: Int {
        switch code {
        case .malformedRequest, .unknownMessage, .unknownMember, .missingMember, .invalidMember, .invalidAccountName,
            .invalidProfile, .invalidEntry, .malformedSignature, .missingSignature, .invalidDevice, .invalidAnswer:
            400
        case .requestTooLarge: 413
        case .badSignature, .signatureMismatch, .staleRequest, .replayedNonce, .proofRejected: 401
        case .notAuthorised, .profileMismatch: 403
        case .unknownAccount, .notFound: 404
        case .accountExists, .entryExists, .connectionExists: 409
        case .entryDeleted: 410
        case .lockedOut: 429
        case .storageFailure: 500
        }
    }

    /// The error body.
    public var json: JSONValue {
        .object(["Error": .object(["code": .string(code.rawValue), "reason": .string(reason)])])
    }

    public static func == (lhs: PortalError, rhs: PortalError) -> Bool { lhs.code == rhs.code }
}
