import MeshCrypto
public import MeshJOSE
public import MeshJSON

/// One portal message: a JSON object with a single member named after the message (`HelloRequest`,
/// `PublishResponse`, …) whose value is the message's body object, as the 2016 messages are written:
///
///     {"HelloRequest": {}}
public struct PortalMessage: Sendable, Equatable {
    public let name: String
    public let body: [String: JSONValue]

    public init(_ name: String, _ body: [String: JSONValue] = [:]) {
        self.name = name
        self.body = body
    }

    /// Reads a message; refuses anything but one named member whose value is an object.
    public static func parse(_ bytes: [UInt8]) throws(PortalError) -> PortalMessage {
        guard let value = JSONValue.parse(bytes) else { throw PortalError(.malformedRequest, "the body is not JSON") }
        guard let outer = value.objectValue, outer.count == 1, let (name, body) = outer.first else {
            throw PortalError(.malformedRequest, "expected one member, the message name")
        }
        guard let members = body.objectValue else {
            throw PortalError(.malformedRequest, "the value of \(name) is not an object")
        }
        return PortalMessage(name, members)
    }

    /// The message as a JSON value.
    public var json: JSONValue { .object([name: .object(body)]) }

    /// The compact serialization (sorted members), UTF-8.
    public var bytes: [UInt8] { Array(json.serialized.utf8) }
}

/// Reads a request body's members by the documented rule: every member is either required or optional, and a
/// member the message does not define is refused (`unknown_member`).
struct MessageReader {
    let name: String
    let body: [String: JSONValue]

    init(_ message: PortalMessage, required: Set<String>, optional: Set<String> = []) throws(PortalError) {
        name = message.name
        body = message.body
        if let unknown = body.keys.sorted().first(where: { !required.contains($0) && !optional.contains($0) }) {
            throw PortalError(.unknownMember, "\(name) has no member \(unknown)")
        }
        if let missing = required.sorted().first(where: { body[$0] == nil }) {
            if missing == RequestSignature.member {
                throw PortalError(.missingSignature, "\(name) must be signed (member Signature)")
            }
            throw PortalError(.missingMember, "\(name) needs \(missing)")
        }
    }

    func string(_ member: String) throws(PortalError) -> String {
        guard let value = body[member]?.stringValue else {
            throw PortalError(.invalidMember, "\(name).\(member) must be a string")
        }
        return value
    }

    func optionalString(_ member: String) throws(PortalError) -> String? {
        guard body[member] != nil else { return nil }
        return try string(member)
    }

    func object(_ member: String) throws(PortalError) -> JSONValue {
        guard let value = body[member], value.objectValue != nil else {
            throw PortalError(.invalidMember, "\(name).\(member) must be an object")
        }
        return value
    }

    /// A base64url member decoding to `count` bytes (any length when nil).
    func bytes(_ member: String, count: ClosedRange<Int>) throws(PortalError) -> [UInt8] {
        guard let decoded = Base64URL.decode(try string(member)), count.contains(decoded.count) else {
            throw PortalError(
                .invalidMember,
                "\(name).\(member) must be base64url of \(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound)–\(count.upperBound)") bytes"
            )
        }
        return decoded
    }
}
