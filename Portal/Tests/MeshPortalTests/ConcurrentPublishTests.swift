import Foundation
import MeshEscrow
import Testing

@testable import MeshPortal

/// Two clients publishing at once lose nothing: every Publish is acknowledged, stored and logged once, and the log
/// stays one chain. Per client: MESHKEY_PORTAL_PUBLISHES (default 50; the portal issue asks for 500).
@Suite struct ConcurrentPublishTests {
    static let perClient = Int(ProcessInfo.processInfo.environment["MESHKEY_PORTAL_PUBLISHES"] ?? "") ?? 50

    @Test(arguments: Backend.allCases) func twoClientsLoseNothing(backend: Backend) async throws {
        let portal = try await Portal(backend)
        let alice = try Holder("alice")
        _ = try await portal.ok(alice.createAccount(time: portal.clock.now), "CreateAccountResponse")
        let identifiers = try await withThrowingTaskGroup(of: [String].self) { group in
            for client in 0..<2 {
                group.addTask {
                    var done: [String] = []
                    for _ in 0..<Self.perClient {
                        let sealed = try SealedOffline()
                        let reply = await portal.send(
                            EscrowEntryTests.publishOffline(alice, sealed, time: portal.clock.now),
                            client: "10.0.0.\(client)"
                        )
                        if reply.status == 200 { done.append(sealed.entry.identifier) }
                    }
                    return done
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(identifiers.count == 2 * Self.perClient)
        let (log, stored) = try await portal.service.store.transaction { transaction in
            (
                try await PortalLog.entries(transaction, from: 1, limit: 1_000_000),
                try await transaction.execute("SELECT identifier FROM entries").compactMap { $0.first?.text }
            )
        }
        #expect(Set(stored) == Set(identifiers))
        #expect(log.count == 1 + 2 * Self.perClient)
        #expect(PortalLogEntry.continues(log, sequence: 0, hash: PortalLogEntry.genesis))
        await portal.close()
    }
}
