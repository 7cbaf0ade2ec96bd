/// A value in or out of the portal's database. The schema uses only these two types (and NULL) so that the
/// same SQL runs on SQLite and PostgreSQL: bytes are stored as base64url text.
public enum StorageValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case null

    public var text: String? { if case .text(let value) = self { value } else { nil } }
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
}

/// One statement's result: the rows, each the selected columns in order.
public typealias StorageRows = [[StorageValue]]

/// The statements of one open transaction. Parameters are written `$1`, `$2`, … in both backends.
public protocol StorageTransaction: Sendable {
    @discardableResult
    func execute(_ sql: String, _ binds: [StorageValue]) async throws -> StorageRows
}

extension StorageTransaction {
    @discardableResult
    public func execute(_ sql: String) async throws -> StorageRows { try await execute(sql, []) }
}

/// The portal's storage: a database in which every request runs as ONE transaction (its reads, its write and
/// its log append commit together, or nothing does). Two backends: ``SQLiteStore`` (embedded, the default) and
/// ``PostgresStore`` (several portal instances on one database). Writers are serialised: SQLite takes its
/// write lock at `BEGIN IMMEDIATE`, PostgreSQL takes an advisory lock at the start of every transaction.
public protocol PortalStore: Sendable {
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<Result: Sendable>(
        _ body: @Sendable (any StorageTransaction) async throws -> Result
    ) async throws
        -> Result
    /// Closes the connection.
    func close() async throws
    /// The backend's name (`sqlite`, `postgres`), for logs and test names.
    var backend: String { get }
}

extension PortalStore {
    /// Brings the schema up to date (``PortalSchema``) and returns its version.
    @discardableResult
    public func migrate() async throws -> Int { try await transaction { try await PortalSchema.migrate($0) } }
}
