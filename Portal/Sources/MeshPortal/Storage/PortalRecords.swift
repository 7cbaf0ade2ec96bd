/// The portal's rows, read and written inside one transaction.
struct PortalRecords: Sendable {
    let transaction: any StorageTransaction

    init(_ transaction: any StorageTransaction) { self.transaction = transaction }

    // MARK: Accounts and profiles

    struct Account: Sendable {
        let name: String
        let profileUDF: String
        let adminKey: String
        let adminUDF: String
    }

    func account(_ name: String) async throws -> Account? {
        try await transaction.execute(
            "SELECT name, profile_udf, admin_key, admin_udf FROM accounts WHERE name = $1",
            [.text(name)]
        )
        .first.flatMap { row in
            guard let name = row[0].text, let profile = row[1].text, let key = row[2].text, let udf = row[3].text else {
                return nil
            }
            return Account(name: name, profileUDF: profile, adminKey: key, adminUDF: udf)
        }
    }

    func insertAccount(_ account: Account, time: Int64) async throws {
        try await transaction.execute(
            "INSERT INTO accounts (name, profile_udf, admin_key, admin_udf, created) VALUES ($1, $2, $3, $4, $5)",
            [
                .text(account.name), .text(account.profileUDF), .text(account.adminKey), .text(account.adminUDF),
                .integer(time),
            ]
        )
    }

    /// The account a profile UDF is bound to.
    func profileAccount(_ profileUDF: String) async throws -> String? {
        try await transaction.execute("SELECT account FROM profiles WHERE profile_udf = $1", [.text(profileUDF)]).first?
            .first?.text
    }

    func profileDocument(_ profileUDF: String) async throws -> String? {
        try await transaction.execute("SELECT document FROM profiles WHERE profile_udf = $1", [.text(profileUDF)])
            .first?.first?.text
    }

    func putProfile(_ profileUDF: String, account: String, document: String, time: Int64) async throws {
        try await transaction.execute("DELETE FROM profiles WHERE profile_udf = $1", [.text(profileUDF)])
        try await transaction.execute(
            "INSERT INTO profiles (profile_udf, account, document, updated) VALUES ($1, $2, $3, $4)",
            [.text(profileUDF), .text(account), .text(document), .integer(time)]
        )
    }

    // MARK: Escrow entries

    struct Entry {
        let identifier: String
        let kind: String
        let account: String
        let document: String?
        let authenticator: String?
        let deleted: Int64?
    }

    func entry(_ identifier: String) async throws -> Entry? {
        try await transaction.execute(
            "SELECT identifier, kind, account, document, authenticator, deleted FROM entries WHERE identifier = $1",
            [.text(identifier)]
        ).first.flatMap { row in
            guard let identifier = row[0].text, let kind = row[1].text, let account = row[2].text else { return nil }
            return Entry(
                identifier: identifier,
                kind: kind,
                account: account,
                document: row[3].text,
                authenticator: row[4].text,
                deleted: row[5].integer
            )
        }
    }

    func insertEntry(_ entry: Entry, time: Int64) async throws {
        try await transaction.execute(
            "INSERT INTO entries (identifier, kind, account, document, authenticator, created, deleted) VALUES ($1, $2, $3, $4, $5, $6, NULL)",
            [
                .text(entry.identifier), .text(entry.kind), .text(entry.account),
                entry.document.map(StorageValue.text) ?? .null,
                entry.authenticator.map(StorageValue.text) ?? .null, .integer(time),
            ]
        )
    }

    /// Hard revocation: the document is gone; the row stays as a tombstone (the identifier is never reused).
    func deleteEntry(_ identifier: String, time: Int64) async throws {
        try await transaction.execute(
            "UPDATE entries SET document = NULL, deleted = $2 WHERE identifier = $1",
            [.text(identifier), .integer(time)]
        )
    }

    // MARK: Device connection requests

    struct Connection {
        let deviceUDF: String
        let account: String
        let device: String
        let state: String
        let answer: String?
        let created: Int64
    }

    func connection(_ deviceUDF: String) async throws -> Connection? {
        try await transaction.execute(
            "SELECT device_udf, account, device, state, answer, created FROM connections WHERE device_udf = $1",
            [.text(deviceUDF)]
        ).first.flatMap(Self.connection)
    }

    func pendingConnections(_ account: String) async throws -> [Connection] {
        try await transaction.execute(
            "SELECT device_udf, account, device, state, answer, created FROM connections WHERE account = $1 AND state = 'Pending' ORDER BY created, device_udf",
            [.text(account)]
        ).compactMap(Self.connection)
    }

    static func connection(_ row: [StorageValue]) -> Connection? {
        guard let udf = row[0].text, let account = row[1].text, let device = row[2].text, let state = row[3].text,
            let created = row[5].integer
        else { return nil }
        return Connection(
            deviceUDF: udf,
            account: account,
            device: device,
            state: state,
            answer: row[4].text,
            created: created
        )
    }

    /// A new pending request (an earlier refused or completed one for the device is replaced).
    func putConnection(deviceUDF: String, account: String, device: String, time: Int64) async throws {
        try await transaction.execute("DELETE FROM connections WHERE device_udf = $1", [.text(deviceUDF)])
        try await transaction.execute(
            "INSERT INTO connections (device_udf, account, device, state, answer, created, completed) VALUES ($1, $2, $3, 'Pending', NULL, $4, NULL)",
            [.text(deviceUDF), .text(account), .text(device), .integer(time)]
        )
    }

    func completeConnection(deviceUDF: String, state: String, answer: String?, time: Int64) async throws {
        try await transaction.execute(
            "UPDATE connections SET state = $2, answer = $3, completed = $4 WHERE device_udf = $1",
            [.text(deviceUDF), .text(state), answer.map(StorageValue.text) ?? .null, .integer(time)]
        )
    }

    // MARK: Replay protection

    /// Records `nonce`; false when it was seen before. Nonces older than `keepSince` are dropped first.
    func recordNonce(_ nonce: String, time: Int64, keepSince: Int64) async throws -> Bool {
        try await transaction.execute("DELETE FROM nonces WHERE seen < $1", [.integer(keepSince)])
        guard try await transaction.execute("SELECT 1 FROM nonces WHERE nonce = $1", [.text(nonce)]).isEmpty else {
            return false
        }
        try await transaction.execute(
            "INSERT INTO nonces (nonce, seen) VALUES ($1, $2)",
            [.text(nonce), .integer(time)]
        )
        return true
    }

    // MARK: Challenges and attempt limits

    func insertChallenge(_ challenge: String, identifier: String, expires: Int64, now: Int64) async throws {
        try await transaction.execute("DELETE FROM challenges WHERE expires < $1", [.integer(now)])
        try await transaction.execute(
            "INSERT INTO challenges (challenge, identifier, expires) VALUES ($1, $2, $3)",
            [.text(challenge), .text(identifier), .integer(expires)]
        )
    }

    /// Removes a challenge (each is used once); its identifier and expiry if it existed.
    func takeChallenge(_ challenge: String) async throws -> (identifier: String, expires: Int64)? {
        let rows = try await transaction.execute(
            "SELECT identifier, expires FROM challenges WHERE challenge = $1",
            [.text(challenge)]
        )
        try await transaction.execute("DELETE FROM challenges WHERE challenge = $1", [.text(challenge)])
        guard let row = rows.first, let identifier = row[0].text, let expires = row[1].integer else { return nil }
        return (identifier, expires)
    }

    /// When the subject's lockout ends (0 when it is not locked).
    func lockedUntil(_ subject: String) async throws -> Int64 {
        try await transaction.execute("SELECT locked_until FROM attempts WHERE subject = $1", [.text(subject)])
            .first?.first?.integer ?? 0
    }

    /// Counts one failure against `subject` in a window of `window` seconds; locks it for `window` seconds at
    /// `maximum` failures.
    func recordFailure(_ subject: String, now: Int64, maximum: Int64, window: Int64) async throws {
        let row = try await transaction.execute(
            "SELECT failures, window_start FROM attempts WHERE subject = $1",
            [.text(subject)]
        ).first
        var failures = row?[0].integer ?? 0
        var start = row?[1].integer ?? now
        if now - start >= window {
            failures = 0
            start = now
        }
        failures += 1
        let lockedUntil = failures >= maximum ? now + window : 0
        try await transaction.execute("DELETE FROM attempts WHERE subject = $1", [.text(subject)])
        try await transaction.execute(
            "INSERT INTO attempts (subject, failures, window_start, locked_until) VALUES ($1, $2, $3, $4)",
            [.text(subject), .integer(failures), .integer(start), .integer(lockedUntil)]
        )
    }

    func clearFailures(_ subject: String) async throws {
        try await transaction.execute("DELETE FROM attempts WHERE subject = $1", [.text(subject)])
    }
}
