/// The versioned schema. `schema_version` holds one row per applied migration; ``migrate(_:)`` applies the
/// missing ones in order, in the caller's transaction. Only portable SQL: TEXT and BIGINT columns.
public enum PortalSchema {
    /// The migrations, version 1 first. Never edit one that has shipped: add the next.
    static let migrations: [[String]] = [
        [
            "CREATE TABLE accounts (name TEXT PRIMARY KEY, profile_udf TEXT NOT NULL, admin_key TEXT NOT NULL, admin_udf TEXT NOT NULL, created BIGINT NOT NULL)",
            "CREATE TABLE profiles (profile_udf TEXT PRIMARY KEY, account TEXT NOT NULL, document TEXT NOT NULL, updated BIGINT NOT NULL)",
            "CREATE TABLE entries (identifier TEXT PRIMARY KEY, kind TEXT NOT NULL, account TEXT NOT NULL, document TEXT, authenticator TEXT, created BIGINT NOT NULL, deleted BIGINT)",
            "CREATE TABLE nonces (nonce TEXT PRIMARY KEY, seen BIGINT NOT NULL)",
            "CREATE TABLE challenges (challenge TEXT PRIMARY KEY, identifier TEXT NOT NULL, expires BIGINT NOT NULL)",
            "CREATE TABLE attempts (subject TEXT PRIMARY KEY, failures BIGINT NOT NULL, window_start BIGINT NOT NULL, locked_until BIGINT NOT NULL)",
            "CREATE TABLE log (sequence BIGINT PRIMARY KEY, previous TEXT NOT NULL, operation TEXT NOT NULL, identifier TEXT NOT NULL, digest TEXT NOT NULL, time BIGINT NOT NULL, hash TEXT NOT NULL)",
        ],
        // Version 2: device connection requests (ConnectStart … ConnectStatus).
        [
            "CREATE TABLE connections (device_udf TEXT PRIMARY KEY, account TEXT NOT NULL, device TEXT NOT NULL, state TEXT NOT NULL, answer TEXT, created BIGINT NOT NULL, completed BIGINT)"
        ],
    ]

    /// The version this code writes.
    public static var currentVersion: Int { migrations.count }

    /// Applies the missing migrations; returns the schema version.
    static func migrate(_ transaction: any StorageTransaction) async throws -> Int {
        try await transaction.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, applied BIGINT NOT NULL)"
        )
        let rows = try await transaction.execute("SELECT MAX(version) FROM schema_version")
        let applied = Int(rows.first?.first?.integer ?? 0)
        guard applied <= migrations.count else {
            throw PortalError(
                .storageFailure,
                "the database has schema version \(applied), newer than this portal's \(migrations.count)"
            )
        }
        for version in (applied + 1)..<(migrations.count + 1) {
            for statement in migrations[version - 1] { try await transaction.execute(statement) }
            try await transaction.execute(
                "INSERT INTO schema_version (version, applied) VALUES ($1, $2)",
                [.integer(Int64(version)), .integer(PortalClock.now())]
            )
        }
        return migrations.count
    }
}
