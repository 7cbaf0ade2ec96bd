public import MeshCrypto

/// Why a device operation refused its input. `code` is a short stable name (`connection_signature`,
/// `device_revoked`, …) that the CLI prints first; `reason` says what was wrong, never a secret.
///
/// The codes are named where the errors are thrown (`connection_signature`, `device_revoked`,
/// `device_profile_mismatch`, `profile_mismatch`, `already_enrolled`, …). Errors compare by code only.
public struct DeviceError: CodedError, Hashable {
    public let code: String
    public let reason: String

    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason`, the form the CLI prints after `meshkey <command>: `.
    public var description: String { "\(code): \(reason)" }
    public var errorCode: String { code }

}
