public import MeshJSON

/// The payload of a ``SignedRecord``: its JSON value (written compact, members in sorted key order) and
/// how it is read back from the parsed payload (nil when a member is missing or of the wrong type; members
/// it does not know are ignored).
public protocol RecordPayload {
    var json: JSONValue { get }
    init?(json: JSONValue)
}
