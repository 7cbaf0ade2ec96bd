/// A JSON value: what the strict parser of ``SecretJSON`` reads (duplicate member names are refused) and
/// what ``JSONWriter`` writes. No Foundation is involved.
///
/// Objects come in two forms: `object`, members by name, written in sorted key order so that the same value
/// always gives the same bytes (signed and sealed documents); and `orderedObject`, members in the order given,
/// for output meant to be read by people (`--json` lines). The parser gives `object`.
public enum JSONValue: Sendable, Equatable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])
    case orderedObject([Member])

    /// A member of an ``orderedObject``.
    public struct Member: Sendable, Equatable {
        public let name: String
        public let value: JSONValue

        public init(_ name: String, _ value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// An object whose members are written in this order.
    public static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .orderedObject(members.map { Member($0.0, $0.1) })
    }

    /// An integer.
    public static func int(_ value: Int) -> JSONValue { .number(Double(value)) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object, .orderedObject: try container.encode(objectValue ?? [:])
        }
    }

    /// Parses UTF-8 JSON strictly; nil if it is not JSON (or repeats a member name).
    public static func parse(_ bytes: [UInt8]) -> JSONValue? {
        SecretJSON.parsePublic(bytes)
    }

    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    public var boolValue: Bool? { if case .bool(let value) = self { value } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let value) = self { value } else { nil } }

    /// An array of strings only.
    public var stringArrayValue: [String]? {
        guard let items = arrayValue else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }

    /// The members by name (of either form of object).
    public var objectValue: [String: JSONValue]? {
        switch self {
        case .object(let members): members
        case .orderedObject(let members):
            Dictionary(members.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        default: nil
        }
    }

    /// A number that is a whole number within `Int`'s range.
    public var integerValue: Int? {
        guard case .number(let value) = self, value == value.rounded(), abs(value) < 9.0e15 else { return nil }
        return Int(value)
    }

    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// An optional member read with `read`: `.some(nil)` when absent or null, nil when present but not what
    /// `read` accepts (as a decoder reads an optional field).
    public static func optional<T>(_ member: JSONValue?, _ read: (JSONValue) -> T?) -> T?? {
        switch member {
        case nil, .null?: return .some(nil)
        case let value?: return read(value).map { .some($0) }
        }
    }

    /// The JSON type's name: string, number, boolean, null, array or object.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        case .array: "array"
        case .object, .orderedObject: "object"
        }
    }
}
