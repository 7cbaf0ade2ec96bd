import MeshJSON

/// Reading the members of a record's JSON object: each accessor is nil when the member is missing or of
/// another type.
struct JSONMembers {
    let members: [String: JSONValue]

    init?(_ value: JSONValue?) {
        guard let members = value?.objectValue else { return nil }
        self.members = members
    }

    func string(_ name: String) -> String? { members[name]?.stringValue }
    func int(_ name: String) -> Int? { members[name]?.integerValue }
    func strings(_ name: String) -> [String]? { members[name]?.stringArrayValue }

    /// An array whose every item `read` accepts.
    func array<T>(_ name: String, _ read: (JSONValue) -> T?) -> [T]? {
        guard let items = members[name]?.arrayValue else { return nil }
        let values = items.compactMap(read)
        return values.count == items.count ? values : nil
    }

    /// An object whose every member is a string.
    func stringMap(_ name: String) -> [String: String]? {
        guard let object = members[name]?.objectValue else { return nil }
        let strings = object.compactMapValues(\.stringValue)
        return strings.count == object.count ? strings : nil
    }

    /// `.some(nil)` when absent or null, nil when present with the wrong type.
    func optional<T>(_ name: String, _ read: (JSONValue) -> T?) -> T?? { JSONValue.optional(members[name], read) }

    /// An object of the members that are present (a nil member is left out, as an absent optional).
    static func object(_ members: [String: JSONValue?]) -> JSONValue { .object(members.compactMapValues { $0 }) }
}
