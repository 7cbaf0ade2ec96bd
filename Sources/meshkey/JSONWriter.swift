import MeshJOSE

/// A minimal JSON writer for the CLI's `--json` output (strings, integers, arrays, objects), so that the
/// command line does not need Foundation's encoder at start-up.
enum JSONValueOut {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValueOut])
    case object([(String, JSONValueOut)])

    var text: String {
        switch self {
        case .string(let value): return Self.quote(value)
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { "\(Self.quote($0.0)): \($0.1.text)" }.joined(separator: ", ") + "}"
        }
    }

    static func quote(_ value: String) -> String { JSONValue.quote(value) }
}
