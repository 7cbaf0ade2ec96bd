public import Logging
import NIOCore
import PostgresNIO

/// The PostgreSQL backend, for several portal instances on one database. Every transaction first locks the log
/// table (`SHARE ROW EXCLUSIVE`), so writers across instances are serialised and the log stays one chain.
public final class PostgresStore: PortalStore {
    public var backend: String { "postgres" }
    let connection: PostgresConnection
    let logger: Logger
    let gate = TransactionGate()

    struct Transaction: StorageTransaction {
        let connection: PostgresConnection
        let logger: Logger
        func execute(_ sql: String, _ binds: [StorageValue]) async throws -> StorageRows {
            var bindings = PostgresBindings()
            for value in binds {
                switch value {
                case .text(let text): bindings.append(text)
                case .integer(let integer): bindings.append(integer)
                case .null: bindings.appendNull()
                }
            }
            let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            var result: StorageRows = []
            for try await row in rows {
                var values: [StorageValue] = []
                for cell in row {
                    guard cell.bytes != nil else {
                        values.append(.null)
                        continue
                    }
                    switch cell.dataType {
                    case .int8, .int4, .int2: values.append(.integer(try cell.decode(Int64.self)))
                    default: values.append(.text(try cell.decode(String.self)))
                    }
                }
                result.append(values)
            }
            return result
        }
    }

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`, no TLS: loopback or a private
    /// network; see Docs/portal.md) and migrates the database.
    public static func open(
        url: String,
        logger: Logger = Logger(label: "meshkey-portal.postgres")
    ) async throws -> PostgresStore {
        let location = try PostgresLocation(url)
        let configuration = PostgresConnection.Configuration(
            host: location.host,
            port: location.port,
            username: location.user,
            password: location.password,
            database: location.database,
            tls: .disable
        )
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        let store = PostgresStore(connection: connection, logger: logger)
        try await store.migrate()
        return store
    }

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    public func transaction<Result: Sendable>(
        _ body: @Sendable (any StorageTransaction) async throws -> Result
    )
        async throws -> Result
    {
        let connection = self.connection
        let logger = self.logger
        return try await gate.run {
            let transaction = Transaction(connection: connection, logger: logger)
            _ = try await transaction.execute("BEGIN")
            do {
                // Serialises transactions across portal instances on this database (one log chain).
                _ = try await transaction.execute("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7400)) AS gate")
                let result = try await body(transaction)
                _ = try await transaction.execute("COMMIT")
                return result
            } catch {
                _ = try? await transaction.execute("ROLLBACK")
                throw error
            }
        }
    }

    public func close() async throws { try await connection.close() }

    /// One statement outside any transaction (`CREATE DATABASE`, for the tests' databases).
    func executeOutsideTransaction(_ sql: String) async throws {
        try await gate.run { _ = try await self.connection.query(PostgresQuery(unsafeSQL: sql), logger: self.logger) }
    }
}

/// A `postgres://` URL's parts.
struct PostgresLocation {
    let user: String
    let password: String?
    let host: String
    let port: Int
    let database: String

    init(_ url: String) throws(PortalError) {
        func bad() -> PortalError {
            PortalError(.storageFailure, "expected postgres://user[:password]@host[:port]/database")
        }
        var rest = Substring(url)
        guard let scheme = ["postgres://", "postgresql://"].first(where: { rest.hasPrefix($0) }) else { throw bad() }
        rest = rest.dropFirst(scheme.count)
        guard let at = rest.lastIndex(of: "@"), let slash = rest[at...].firstIndex(of: "/") else { throw bad() }
        let credentials = rest[..<at]
        let hostPort = rest[rest.index(after: at)..<slash]
        let database = rest[rest.index(after: slash)...]
        if let colon = credentials.firstIndex(of: ":") {
            user = String(credentials[..<colon]).removingPercentEncoding
            password = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding
        } else {
            user = String(credentials).removingPercentEncoding
            password = nil
        }
        if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            guard let port = Int(hostPort[hostPort.index(after: colon)...]) else { throw bad() }
            self.port = port
        } else {
            host = String(hostPort)
            port = 5432
        }
        guard !user.isEmpty, !host.isEmpty, !database.isEmpty, !database.contains("?") else { throw bad() }
        self.database = String(database)
    }
}

extension String {
    /// `%XX` escapes decoded (user names and passwords in URLs); the text unchanged when it has none.
    var removingPercentEncoding: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
