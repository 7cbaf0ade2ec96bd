/// The one shape of every meshkey library error (swift-certificates' model): a stable code a program
/// matches on, documented on each type, and a reason for people. Two errors of a type are equal when their
/// codes are; the reason, the path or the share an error names do not take part. No error carries secret
/// bytes.
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    /// The stable code, snake_case (`wrong_passphrase`, `check_mismatch`, …).
    var errorCode: String { get }
    /// What went wrong, in words, without the code.
    var reason: String { get }
    /// `code: reason`, the form every error line of the CLI ends with. A type whose errors name a place
    /// (a path, an entry, a share) between the code and the reason writes it there: `code: PLACE: reason`.
    var codedDescription: String { get }
}

extension CodedError {
    public var codedDescription: String { "\(errorCode): \(reason)" }
}

/// Equality of coded errors: by their codes only (the reason, a path or a share named do not take part).
extension CodedError where Self: Equatable {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.errorCode == rhs.errorCode }
}

/// Hashing of coded errors, consistent with their equality: the code only.
extension CodedError where Self: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(errorCode) }
}
