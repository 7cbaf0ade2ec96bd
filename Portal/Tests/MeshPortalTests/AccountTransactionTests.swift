import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeys
import Testing

@testable import MeshPortal

/// Hello, ValidateAccount, CreateAccount, Publish and Get of profiles, Status: on both backends.
@Suite struct AccountTransactionTests {
    @Test(arguments: Backend.allCases) func helloStatesVersionsAndLimits(backend: Backend) async throws {
        let portal = try await Portal(backend)
        let hello = try await portal.ok(PortalMessage("HelloRequest"), "HelloResponse")
        #expect(hello["Versions"] == .array([.string("1.0")]))
        #expect(hello["Limits"]?["TimeWindowSeconds"] == .number(300))
        #expect(hello["Messages"]?.arrayValue?.contains(.string("CreateAccount")) == true)
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func validateAccount(backend: Backend) async throws {
        let portal = try await Portal(backend)
        let good = try await portal.ok(
            PortalMessage("ValidateAccountRequest", ["Account": .string("alice")]),
            "ValidateAccountResponse"
        )
        #expect(good["Valid"] == .bool(true))
        #expect(good["Minimum"] == .number(3))
        let bad = try await portal.ok(
            PortalMessage("ValidateAccountRequest", ["Account": .string("Al ice!")]),
            "ValidateAccountResponse"
        )
        #expect(bad["Valid"] == .bool(false))
        #expect(bad["InvalidCharacters"] == .string(" !A"))
        let short = try await portal.ok(
            PortalMessage("ValidateAccountRequest", ["Account": .string("al")]),
            "ValidateAccountResponse"
        )
        #expect(short["Valid"] == .bool(false))
        let alice = try Holder("alice")
        _ = try await portal.ok(alice.createAccount(time: portal.clock.now), "CreateAccountResponse")
        let taken = try await portal.ok(
            PortalMessage("ValidateAccountRequest", ["Account": .string("alice")]),
            "ValidateAccountResponse"
        )
        #expect(taken["Valid"] == .bool(false))
        #expect(taken["Reason"] == .string("the name is taken"))
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func createPublishGetAndStatus(backend: Backend) async throws {
        let portal = try await Portal(backend)
        let alice = try Holder("alice")
        let created = try await portal.ok(alice.createAccount(time: portal.clock.now), "CreateAccountResponse")
        #expect(created["ProfileUDF"] == .string(alice.document.profileUDF))
        #expect(created["Log"]?["Sequence"] == .number(1))
        // Get the profile by account name and by UDF: public, and the document verifies.
        for key in ["Account", "Identifier"] {
            let value = key == "Account" ? alice.name : alice.document.profileUDF
            let got = try await portal.ok(
                PortalMessage("GetRequest", ["Kind": .string("MeshProfile"), key: .string(value)]),
                "GetResponse"
            )
            let document = try #require(got["Document"])
            #expect(try ProfileDocument.verify(Array(document.serialized.utf8)).profileUDF == alice.document.profileUDF)
        }
        // Publish it again (the same profile, re-signed document): logged.
        let republish = alice.sign(
            PortalMessage(
                "PublishRequest",
                [
                    "Account": .string("alice"), "Kind": .string("MeshProfile"), "Document": alice.profileJSON,
                ]
            ),
            time: portal.clock.now
        )
        let published = try await portal.ok(republish, "PublishResponse")
        #expect(published["Identifier"] == .string(alice.document.profileUDF))
        // Status: the log head and its entries.
        let status = try await portal.ok(PortalMessage("StatusRequest", ["From": .number(1)]), "StatusResponse")
        #expect(status["Sequence"] == .number(2))
        let entries = try #require(status["Entries"]?.arrayValue)
        #expect(entries.map { $0["Operation"] } == [.string("CreateAccount"), .string("Publish MeshProfile")])
        #expect(entries[1]["Previous"] == entries[0]["Hash"])
        #expect(status["Hash"] == entries[1]["Hash"])
        // A client checks the entries against the head it saw before (none: the genesis).
        let parsed = entries.compactMap(PortalLogEntry.init(json:))
        #expect(parsed.count == 2)
        #expect(PortalLogEntry.continues(parsed, sequence: 0, hash: PortalLogEntry.genesis))
        #expect(PortalLogEntry.continues(Array(parsed.dropFirst()), sequence: 1, hash: parsed[0].hash))
        // A rollback (the head it saw is missing) or a forked history (another hash at its sequence) shows.
        #expect(!PortalLogEntry.continues(Array(parsed.dropFirst()), sequence: 0, hash: PortalLogEntry.genesis))
        #expect(!PortalLogEntry.continues(Array(parsed.dropFirst()), sequence: 1, hash: Array(repeating: 9, count: 32)))
        let altered = PortalLogEntry(
            sequence: 2,
            previous: parsed[1].previous,
            operation: "Delete OfflineEscrowEntry",
            identifier: parsed[1].identifier,
            digest: parsed[1].digest,
            time: parsed[1].time,
            hash: parsed[1].hash
        )
        #expect(!PortalLogEntry.continues([parsed[0], altered], sequence: 0, hash: PortalLogEntry.genesis))
        await portal.close()
    }
}
