/// Reading the members of a JSON object (a record, a store file): each accessor is nil when the member is
/// missing or of another type, so a reader is one `guard` over the members it needs; members it does not ask
/// for are ignored.
public struct JSONMembers: Sendable {
    public let members: [String: JSONValue]

    /// Nil unless `value` is an object.
    public init?(_ value: JSONValue?) {
        guard let members = value?.objectValue else { return nil }
        self.members = members
    }

    public func string(_ name: String) -> String? { members[name]?.stringValue }
    public func int(_ name: String) -> Int? { members[name]?.integerValue }
    public func bool(_ name: String) -> Bool? { members[name]?.boolValue }
    public func strings(_ name: String) -> [String]? { members[name]?.stringArrayValue }

    /// An array whose every item `read` accepts.
    public func array<T>(_ name: String, _ read: (JSONValue) -> T?) -> [T]? {
        guard let items = members[name]?.arrayValue else { return nil }
        let values = items.compactMap(read)
        return values.count == items.count ? values : nil
    }

    /// An object whose every member is a string.
    public func stringMap(_ name: String) -> [String: String]? {
        guard let object = members[name]?.objectValue else { return nil }
        let strings = object.compactMapValues(\.stringValue)
        return strings.count == object.count ? strings : nil
    }

    /// `.some(nil)` when absent or null, nil when present with the wrong type.
    public func optional<T>(_ name: String, _ read: (JSONValue) -> T?) -> T?? {
        JSONValue.optional(members[name], read)
    }

    /// An object of the members that are present (a nil member is left out, as an absent optional).
    public static func object(_ members: [String: JSONValue?]) -> JSONValue { .object(members.compactMapValues { $0 }) }
}
