public import MeshCrypto

/// One point (x, f(x)) of a Shamir polynomial over the prime field for L-byte secrets.
///
/// `value` is f(x) as exactly L big-endian bytes; x is public.
public struct ShamirShare: Sendable, Equatable {
    public let x: Int
    public let value: SecureBytes

    public init(x: Int, value: SecureBytes) {
        self.x = x
        self.value = value
    }
}

/// Misuse of the Shamir functions: the caller passed parameters no valid share set can have.
/// (User input is validated, with named errors, by the share-set layer before it gets here.)
///
/// Code: `invalid_parameters`. Errors compare by code only.
public struct ShamirParameterError: CodedError, Hashable {
    public let description: String
    init(_ description: String) { self.description = description }

    public var errorCode: String { "invalid_parameters" }
    public var reason: String { description }
}
