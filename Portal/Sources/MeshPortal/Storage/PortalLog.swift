import MeshCrypto
public import MeshJOSE
public import MeshJSON

/// The hash-chained log of every write. Entry n states its sequence, the previous entry's hash, the operation,
/// the identifier it wrote, the digest of what it wrote and the time; its hash is
///
///     SHA-256(previous ‖ u64be(sequence) ‖ u64be(time) ‖ u16be(len) ‖ operation ‖ u16be(len) ‖ identifier ‖ digest)
///
/// with previous = 32 zero bytes for sequence 1. A client that kept a head (sequence, hash) detects a rollback
/// (a lower sequence) or a forked history (another hash at its sequence).
public struct PortalLogEntry: Sendable, Equatable {
    public let sequence: Int64
    public let previous: [UInt8]
    public let operation: String
    public let identifier: String
    public let digest: [UInt8]
    public let time: Int64
    public let hash: [UInt8]

    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// The hash of an entry with these fields.
    public static func hash(
        sequence: Int64,
        previous: [UInt8],
        operation: String,
        identifier: String,
        digest: [UInt8],
        time: Int64
    ) -> [UInt8] {
        func u64(_ value: Int64) -> [UInt8] {
            (0..<8).reversed().map { UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> (8 * UInt64($0))) }
        }
        func field(_ text: String) -> [UInt8] {
            let bytes = Array(text.utf8)
            return [UInt8(truncatingIfNeeded: bytes.count >> 8), UInt8(truncatingIfNeeded: bytes.count)] + bytes
        }
        return Digest.hash(
            .sha256,
            parts: [previous, u64(sequence), u64(time), field(operation), field(identifier), digest]
        )
    }

    public init(
        sequence: Int64,
        previous: [UInt8],
        operation: String,
        identifier: String,
        digest: [UInt8],
        time: Int64,
        hash: [UInt8]
    ) {
        self.sequence = sequence
        self.previous = previous
        self.operation = operation
        self.identifier = identifier
        self.digest = digest
        self.time = time
        self.hash = hash
    }

    /// An entry as `StatusResponse.Entries` lists it; nil when a member is missing or malformed.
    public init?(json: JSONValue) {
        guard case .number(let sequence) = json["Sequence"], case .number(let time) = json["Time"],
            let previous = json["Previous"]?.stringValue.flatMap(Base64URL.decode),
            let operation = json["Operation"]?.stringValue, let identifier = json["Identifier"]?.stringValue,
            let digest = json["Digest"]?.stringValue.flatMap(Base64URL.decode),
            let hash = json["Hash"]?.stringValue.flatMap(Base64URL.decode)
        else { return nil }
        self.init(
            sequence: Int64(sequence),
            previous: previous,
            operation: operation,
            identifier: identifier,
            digest: digest,
            time: Int64(time),
            hash: hash
        )
    }

    /// The entry as `StatusResponse.Entries` lists it.
    public var json: JSONValue {
        var members: [String: JSONValue] = [:]
        members["Sequence"] = .number(Double(sequence))
        members["Previous"] = .string(Base64URL.encode(previous))
        members["Operation"] = .string(operation)
        members["Identifier"] = .string(identifier)
        members["Digest"] = .string(Base64URL.encode(digest))
        members["Time"] = .number(Double(time))
        members["Hash"] = .string(Base64URL.encode(hash))
        return .object(members)
    }

    /// Whether `entries` continue the history a client saw, whose last entry was `sequence` with hash `hash`
    /// (0 and ``genesis`` for an empty log): consecutive sequence numbers from `sequence + 1`, each entry consistent
    /// and chained to the one before. False means a rollback or a forked history.
    public static func continues(_ entries: [PortalLogEntry], sequence: Int64, hash: [UInt8]) -> Bool {
        var expected = (sequence: sequence + 1, previous: hash)
        for entry in entries {
            guard entry.sequence == expected.sequence, entry.previous == expected.previous, entry.isConsistent else {
                return false
            }
            expected = (entry.sequence + 1, entry.hash)
        }
        return true
    }

    /// Whether the entry's hash is that of its fields.
    public var isConsistent: Bool {
        hash
            == Self.hash(
                sequence: sequence,
                previous: previous,
                operation: operation,
                identifier: identifier,
                digest: digest,
                time: time
            )
    }
}

/// Reads and appends the log inside a transaction.
enum PortalLog {
    static let columns = "sequence, previous, operation, identifier, digest, time, hash"

    /// The last entry, or nil while the log is empty.
    static func head(_ transaction: any StorageTransaction) async throws -> PortalLogEntry? {
        try await transaction.execute("SELECT \(columns) FROM log ORDER BY sequence DESC LIMIT 1").first.map(entry)
    }

    /// Appends an entry for a write; in the write's own transaction.
    @discardableResult
    static func append(
        _ transaction: any StorageTransaction,
        operation: String,
        identifier: String,
        digest: [UInt8],
        time: Int64
    ) async throws -> PortalLogEntry {
        let last = try await head(transaction)
        let sequence = (last?.sequence ?? 0) + 1
        let previous = last?.hash ?? PortalLogEntry.genesis
        let hash = PortalLogEntry.hash(
            sequence: sequence,
            previous: previous,
            operation: operation,
            identifier: identifier,
            digest: digest,
            time: time
        )
        try await transaction.execute(
            "INSERT INTO log (\(columns)) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [
                .integer(sequence), .text(Base64URL.encode(previous)), .text(operation), .text(identifier),
                .text(Base64URL.encode(digest)), .integer(time), .text(Base64URL.encode(hash)),
            ]
        )
        return PortalLogEntry(
            sequence: sequence,
            previous: previous,
            operation: operation,
            identifier: identifier,
            digest: digest,
            time: time,
            hash: hash
        )
    }

    /// Entries from `first` on, in order (at most `limit`).
    static func entries(
        _ transaction: any StorageTransaction,
        from first: Int64,
        limit: Int64
    ) async throws -> [PortalLogEntry] {
        try await transaction.execute(
            "SELECT \(columns) FROM log WHERE sequence >= $1 ORDER BY sequence LIMIT $2",
            [.integer(first), .integer(limit)]
        ).map(entry)
    }

    static func entry(_ row: [StorageValue]) throws -> PortalLogEntry {
        guard row.count == 7, let sequence = row[0].integer, let previous = row[1].text.flatMap(Base64URL.decode),
            let operation = row[2].text, let identifier = row[3].text,
            let digest = row[4].text.flatMap(Base64URL.decode),
            let time = row[5].integer, let hash = row[6].text.flatMap(Base64URL.decode)
        else {
            throw PortalError(.storageFailure, "a log row is damaged")
        }
        return PortalLogEntry(
            sequence: sequence,
            previous: previous,
            operation: operation,
            identifier: identifier,
            digest: digest,
            time: time,
            hash: hash
        )
    }
}
