public import Logging
import NIOCore
import SQLiteNIO

/// The embedded backend: one SQLite file (sqlite-nio vendors SQLite, nothing to install), write-ahead log,
/// `synchronous=FULL` so that a committed request survives a crash.
public final class SQLiteStore: PortalStore {
    public var backend: String { "sqlite" }
    let connection: SQLiteConnection
    let gate = TransactionGate()

    struct Transaction: StorageTransaction {
        let connection: SQLiteConnection
        func execute(_ sql: String, _ binds: [StorageValue]) async throws -> StorageRows {
            // SQLite numbers `?NNN` parameters as PostgreSQL numbers `$N`.
            let rows = try await connection.query(sql.replacingDollarParameters(), binds.map(\.sqlite))
            return rows.map { row in row.columns.map { StorageValue(sqlite: $0.data) } }
        }
    }

    /// Opens (creating it if needed) the database file at `path` and migrates it.
    public static func open(
        path: String,
        logger: Logger = Logger(label: "meshkey-portal.sqlite")
    ) async throws -> SQLiteStore {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        let store = SQLiteStore(connection: connection)
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=10000"] {
            _ = try await connection.query(pragma, [])
        }
        try await store.migrate()
        return store
    }

    init(connection: SQLiteConnection) { self.connection = connection }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any StorageTransaction) async throws -> Result
    )
        async throws -> Result
    {
        let connection = self.connection
        return try await gate.run {
            _ = try await connection.query("BEGIN IMMEDIATE", [])
            do {
                let result = try await body(Transaction(connection: connection))
                _ = try await connection.query("COMMIT", [])
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", [])
                throw error
            }
        }
    }

    public func close() async throws { try await connection.close() }
}

extension StorageValue {
    var sqlite: SQLiteData {
        switch self {
        case .text(let value): .text(value)
        case .integer(let value): .integer(SQLiteInt64(value))
        case .null: .null
        }
    }

    init(sqlite data: SQLiteData) {
        switch data {
        case .integer(let value): self = .integer(Int64(value))
        case .text(let value): self = .text(value)
        case .float(let value): self = .integer(Int64(value))
        case .blob(let buffer): self = .text(String(buffer: buffer))
        case .null: self = .null
        }
    }
}

extension String {
    /// `$1` → `?1` (outside quotes; the portal's SQL has no `$` in literals).
    func replacingDollarParameters() -> String {
        var out = ""
        var previous: Character = " "
        for character in self {
            if previous == "$", character.isNumber {
                out.removeLast()
                out.append("?")
            }
            out.append(character)
            previous = character
        }
        return out
    }
}
