import MeshCrypto
import MeshJOSE
import MeshJSON
import Testing

@testable import MeshPortal

/// The storage protocol, the same tests on SQLite and PostgreSQL.
@Suite struct StorageTests {
    @Test(arguments: Backend.allCases) func migrationsAreVersionedAndIdempotent(backend: Backend) async throws {
        let store = try await backend.makeStore()
        #expect(try await store.migrate() == PortalSchema.currentVersion)
        let versions = try await store.transaction {
            try await $0.execute("SELECT version FROM schema_version ORDER BY version")
        }
        #expect(versions.map { $0.first?.integer } == (1...PortalSchema.currentVersion).map { Int64($0) })
        try await store.close()
    }

    @Test(arguments: Backend.allCases) func aThrowingTransactionWritesNothing(backend: Backend) async throws {
        let store = try await backend.makeStore()
        await #expect(throws: PortalError(.notFound, "")) {
            _ = try await store.transaction { transaction in
                try await PortalLog.append(
                    transaction,
                    operation: "Test",
                    identifier: "a",
                    digest: Array(repeating: 1, count: 32),
                    time: 5
                )
                throw PortalError(.notFound, "rolled back")
            }
        }
        #expect(try await store.transaction { try await PortalLog.head($0) } == nil)
        try await store.close()
    }

    @Test(arguments: Backend.allCases) func theLogIsAHashChain(backend: Backend) async throws {
        let store = try await backend.makeStore()
        for index in 0..<5 {
            _ = try await store.transaction { transaction in
                try await PortalLog.append(
                    transaction,
                    operation: "Publish",
                    identifier: "id\(index)",
                    digest: Digest.hash(.sha256, [UInt8(index)]),
                    time: 100 + Int64(index)
                )
            }
        }
        let entries = try await store.transaction { try await PortalLog.entries($0, from: 1, limit: 100) }
        #expect(entries.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(entries.allSatisfy { $0.isConsistent })
        #expect(entries[0].previous == PortalLogEntry.genesis)
        for (earlier, later) in zip(entries, entries.dropFirst()) { #expect(later.previous == earlier.hash) }
        try await store.close()
    }

    @Test(arguments: Backend.allCases) func concurrentTransactionsKeepOneChain(backend: Backend) async throws {
        let store = try await backend.makeStore()
        try await withThrowingTaskGroup(of: PortalLogEntry.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await store.transaction { transaction in
                        try await PortalLog.append(
                            transaction,
                            operation: "Publish",
                            identifier: "c\(index)",
                            digest: Array(repeating: UInt8(index), count: 32),
                            time: 1
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = try await store.transaction { try await PortalLog.entries($0, from: 1, limit: 100) }
        #expect(entries.count == 40)
        #expect(Set(entries.map(\.identifier)).count == 40)
        for (earlier, later) in zip(entries, entries.dropFirst()) { #expect(later.previous == earlier.hash) }
        try await store.close()
    }

    @Test(arguments: Backend.allCases) func aRestartKeepsEverything(backend: Backend) async throws {
        let location = try await backend.newLocation()
        let first = PortalService(store: try await location.open())
        let alice = try Holder("alice")
        #expect(await first.respond(to: alice.createAccount(time: PortalClock.now()).bytes, client: "c").status == 200)
        let before = await first.respond(to: PortalMessage("StatusRequest").bytes, client: "c").message
        try await first.store.close()
        // Reopened (migrations run again and find nothing to do): the account and the log are there.
        let second = PortalService(store: try await location.open())
        #expect(await second.respond(to: PortalMessage("StatusRequest").bytes, client: "c").message == before)
        let get = PortalMessage("GetRequest", ["Kind": .string("MeshProfile"), "Account": .string("alice")])
        #expect(await second.respond(to: get.bytes, client: "c").status == 200)
        try await second.store.close()
    }

    @Test func dollarParametersBecomeSQLiteNumberedParameters() {
        #expect(
            "SELECT a FROM t WHERE b = $1 AND c = $12".replacingDollarParameters()
                == "SELECT a FROM t WHERE b = ?1 AND c = ?12"
        )
    }
}
