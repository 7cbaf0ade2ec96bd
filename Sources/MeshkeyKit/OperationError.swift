public import MeshCrypto

/// Why a profile or escrow operation was refused, where no lower library's error says it.
///
/// Codes: `not_found` (no account seed, or no key or recipient of that name), `profile_required` (the
/// store holds several account seeds and none was named), `profile_mismatch` (the profile is not the one
/// expected), `not_a_key` (an entry named as a key to escrow is a seed or share), `invalid_recipient` (a
/// recipient file that is no JWK or profile document), `invalid_document` (a profile document that does not
/// verify, named by its file). Errors compare by code only.
public struct OperationError: CodedError, Hashable {
    public let errorCode: String
    public let reason: String

    public init(_ code: String, _ reason: String) {
        self.errorCode = code
        self.reason = reason
    }

    public var description: String { codedDescription }

}
