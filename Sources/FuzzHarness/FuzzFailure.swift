public import MeshCrypto

/// A promise of the library that an input broke (not a refused input: refusing is fine). The text names
/// the check; it never holds secret values.
///
/// Code: `broken_promise`. Errors compare by code only.
public struct FuzzFailure: CodedError, Hashable {
    public let description: String

    init(_ description: String) { self.description = description }

    public var errorCode: String { "broken_promise" }
    public var reason: String { description }

}

/// Throws a ``FuzzFailure`` with `message` unless `condition` holds.
func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzFailure) {
    if !condition { throw FuzzFailure(message()) }
}
