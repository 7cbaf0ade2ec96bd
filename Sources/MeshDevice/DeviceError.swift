/// Why a device operation refused its input. `code` is a short stable name (`connection_signature`,
/// `device_revoked`, …) that the CLI prints first; `reason` says what was wrong, never a secret.
public struct DeviceError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let reason: String

    public init(_ code: String, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `code: reason`, the form the CLI prints after `meshkey <command>: `.
    public var description: String { "\(code): \(reason)" }
}
