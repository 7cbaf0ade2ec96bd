import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON
import Testing

@testable import MeshPortal

/// Publish, Get (with a proof for offline entries), attempt limits and Delete of escrow entries: on both backends.
@Suite struct EscrowEntryTests {
    static func publishOffline(
        _ holder: Holder,
        _ sealed: SealedOffline,
        time: Int64,
        authenticator: JSONValue? = nil
    ) -> PortalMessage {
        holder.sign(
            PortalMessage(
                "PublishRequest",
                [
                    "Account": .string(holder.name), "Kind": .string("OfflineEscrowEntry"), "Document": sealed.document,
                    "Authenticator": authenticator ?? .string(Base64URL.encode(sealed.authenticator.unprotectedBytes)),
                ]
            ),
            time: time
        )
    }

    /// Asks for a challenge and answers it with the authenticator `authenticator`.
    static func getOffline(
        _ portal: Portal,
        identifier: String,
        authenticator: SecureBytes,
        client: String = "127.0.0.1"
    )
        async throws -> PortalService.Reply
    {
        let challenge = try await portal.ok(
            PortalMessage("ChallengeRequest", ["Identifier": .string(identifier)]),
            "ChallengeResponse",
            client: client
        )
        let bytes = try #require(challenge["Challenge"]?.stringValue.flatMap(Base64URL.decode))
        let proof = OfflineEntryProof.proof(authenticator: authenticator, identifier: identifier, challenge: bytes)
        return await portal.send(
            PortalMessage(
                "GetRequest",
                [
                    "Kind": .string("OfflineEscrowEntry"), "Identifier": .string(identifier),
                    "Challenge": .string(Base64URL.encode(bytes)), "Proof": .string(Base64URL.encode(proof)),
                ]
            ),
            client: client
        )
    }

    @Test(arguments: Backend.allCases) func offlineEntryRoundTripNeedsTheKey(backend: Backend) async throws {
        let portal = try await Portal(backend)
        let alice = try Holder("alice")
        _ = try await portal.ok(alice.createAccount(time: portal.clock.now), "CreateAccountResponse")
        let sealed = try SealedOffline()
        let published = try await portal.ok(
            Self.publishOffline(alice, sealed, time: portal.clock.now),
            "PublishResponse"
        )
        #expect(published["Identifier"] == .string(sealed.entry.identifier))
        // With the key (as recovered from the shares): the entry comes back and opens.
        let reply = try await Self.getOffline(
            portal,
            identifier: sealed.entry.identifier,
            authenticator: sealed.authenticator
        )
        #expect(reply.status == 200)
        let document = try #require(reply.message["GetResponse"]?["Document"])
        let entry = try EscrowEntry.parse(Array(document.serialized.utf8))
        #expect(try entry.openOffline(key: sealed.key).keys.count == 1)
        // Without it: refused.
        let wrong = try await Self.getOffline(
            portal,
            identifier: sealed.entry.identifier,
            authenticator: SecureRandom.bytes(32)
        )
        #expect(wrong.message["Error"]?["code"] == .string("proof_rejected"))
        #expect(wrong.status == 401)
        // A challenge is used once; one for another identifier does not serve.
        let challenge = try await portal.ok(
            PortalMessage("ChallengeRequest", ["Identifier": .string(sealed.entry.identifier)]),
            "ChallengeResponse"
        )
        let bytes = try #require(challenge["Challenge"]?.stringValue.flatMap(Base64URL.decode))
        let get = PortalMessage(
            "GetRequest",
            [
                "Kind": .string("OfflineEscrowEntry"), "Identifier": .string(sealed.entry.identifier),
                "Challenge": .string(Base64URL.encode(bytes)),
                "Proof": .string(
                    Base64URL.encode(
                        OfflineEntryProof.proof(
                            authenticator: sealed.authenticator,
                            identifier: sealed.entry.identifier,
                            challenge: bytes
                        )
                    )
                ),
            ]
        )
        #expect(await portal.send(get).status == 200)
        #expect(await portal.refusal(get).code == "proof_rejected")
        // An expired challenge.
        let late = try await portal.ok(
            PortalMessage("ChallengeRequest", ["Identifier": .string(sealed.entry.identifier)]),
            "ChallengeResponse"
        )
        let lateBytes = try #require(late["Challenge"]?.stringValue.flatMap(Base64URL.decode))
        portal.clock.advance(121)
        #expect(
            await portal.refusal(
                PortalMessage(
                    "GetRequest",
                    [
                        "Kind": .string("OfflineEscrowEntry"), "Identifier": .string(sealed.entry.identifier),
                        "Challenge": .string(Base64URL.encode(lateBytes)),
                        "Proof": .string(
                            Base64URL.encode(
                                OfflineEntryProof.proof(
                                    authenticator: sealed.authenticator,
                                    identifier: sealed.entry.identifier,
                                    challenge: lateBytes
                                )
                            )
                        ),
                    ]
                )
            ).code == "proof_rejected"
        )
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func attemptLimitsLockTheIdentifierAndTheClient(backend: Backend) async throws {
        var limits = PortalLimits()
        limits.maximumFailuresPerIdentifier = 3
        limits.maximumFailuresPerClient = 5
        let portal = try await Portal(backend, limits: limits)
        let alice = try Holder("alice")
        _ = try await portal.ok(alice.createAccount(time: portal.clock.now), "CreateAccountResponse")
        let sealed = try SealedOffline()
        _ = try await portal.ok(Self.publishOffline(alice, sealed, time: portal.clock.now), "PublishResponse")
        let identifier = sealed.entry.identifier
        for attempt in 1...3 {
            let reply = try await Self.getOffline(
                portal,
                identifier: identifier,
                authenticator: SecureRandom.bytes(32),
                client: "10.0.0.\(attempt)"
            )
            #expect(reply.message["Error"]?["code"] == .string("proof_rejected"))
        }
        // Locked: even the right proof, from another client, is refused (at the challenge already).
        let locked = await portal.refusal(
            PortalMessage("ChallengeRequest", ["Identifier": .string(identifier)]),
            client: "10.0.0.9"
        )
        #expect(locked.code == "locked_out")
        #expect(locked.status == 429)
        // After the lockout, the right proof works.
        portal.clock.advance(limits.lockoutSeconds + 1)
        #expect(
            try await Self.getOffline(portal, identifier: identifier, authenticator: sealed.authenticator).status == 200
        )
        // One client guessing at many identifiers is locked too.
        for index in 0..<5 {
            _ = try await Self.getOffline(
                portal,
                identifier: "MUNKNOWN\(index)",
                authenticator: SecureRandom.bytes(32),
                client: "10.9.9.9"
            )
        }
        #expect(
            await portal.refusal(
                PortalMessage("ChallengeRequest", ["Identifier": .string(identifier)]),
                client: "10.9.9.9"
            ).code == "locked_out"
        )
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func onlineEntryIsTheOwnersOnly(backend: Backend) async throws {
        let (portal, alice, bob) = try await RefusalTests.portalWithAccounts(backend)
        let key = try OpenSSLPrivateKey.generate(.ed25519)
        let set = EscrowedKeySet(keys: [
            .init(udf: try EscrowedKeySet.udf(of: key), role: "ssh", privateKey: key, exportable: true)
        ])
        let recipient = try OpenSSLPrivateKey.generate(.x448)
        let entry = try EscrowEntry.sealOnline(set, to: [.init(key: recipient.publicKey, kid: "MRECIPIENT")])
        let publish = alice.sign(
            PortalMessage(
                "PublishRequest",
                [
                    "Account": .string("alice"), "Kind": .string("OnlineEscrowEntry"), "Document": entry.json,
                ]
            ),
            time: portal.clock.now
        )
        _ = try await portal.ok(publish, "PublishResponse")
        func get(_ holder: Holder, account: String) -> PortalMessage {
            holder.sign(
                PortalMessage(
                    "GetRequest",
                    [
                        "Kind": .string("OnlineEscrowEntry"), "Identifier": .string(entry.identifier),
                        "Account": .string(account),
                    ]
                ),
                time: portal.clock.now
            )
        }
        let got = try await portal.ok(get(alice, account: "alice"), "GetResponse")
        let fetched = try EscrowEntry.parse(Array(try #require(got["Document"]).serialized.utf8))
        #expect(try fetched.openOnline(privateKey: recipient).keys.count == 1)
        #expect(await portal.refusal(get(bob, account: "bob")).code == "not_authorised")
        #expect(await portal.refusal(get(bob, account: "alice")).code == "not_authorised")
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func deleteIsHardRevocation(backend: Backend) async throws {
        let (portal, alice, bob) = try await RefusalTests.portalWithAccounts(backend)
        let sealed = try SealedOffline()
        _ = try await portal.ok(Self.publishOffline(alice, sealed, time: portal.clock.now), "PublishResponse")
        func delete(_ holder: Holder) -> PortalMessage {
            holder.sign(
                PortalMessage(
                    "DeleteRequest",
                    ["Account": .string(holder.name), "Identifier": .string(sealed.entry.identifier)]
                ),
                time: portal.clock.now
            )
        }
        try await RefusalTests.expectRefusal(portal, delete(bob), .notAuthorised, 403)
        let deleted = try await portal.ok(delete(alice), "DeleteResponse")
        #expect(deleted["Log"]?["Sequence"] == .number(4))
        // Gone: even the right proof gets the entry no more, and it cannot be published or deleted again.
        let reply = try await Self.getOffline(
            portal,
            identifier: sealed.entry.identifier,
            authenticator: sealed.authenticator
        )
        #expect(reply.message["Error"]?["code"] == .string("entry_deleted"))
        #expect(reply.status == 410)
        try await RefusalTests.expectRefusal(
            portal,
            Self.publishOffline(alice, sealed, time: portal.clock.now),
            .entryDeleted,
            410
        )
        try await RefusalTests.expectRefusal(portal, delete(alice), .entryDeleted, 410)
        let document = try await portal.service.store.transaction {
            try await $0.execute("SELECT document FROM entries WHERE identifier = $1", [.text(sealed.entry.identifier)])
        }
        #expect(document == [[.null]])
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func entryRefusals(backend: Backend) async throws {
        let portal = try await Portal(backend)
        let alice = try Holder("alice")
        _ = try await portal.ok(alice.createAccount(time: portal.clock.now), "CreateAccountResponse")
        let sealed = try SealedOffline()
        let now = portal.clock.now
        // Not an entry; the wrong kind; no or a short authenticator.
        try await RefusalTests.expectRefusal(
            portal,
            alice.sign(
                PortalMessage(
                    "PublishRequest",
                    [
                        "Account": .string("alice"), "Kind": .string("OfflineEscrowEntry"),
                        "Document": .object(["x": .null]),
                        "Authenticator": .string(Base64URL.encode(sealed.authenticator.unprotectedBytes)),
                    ]
                ),
                time: now
            ),
            .invalidEntry,
            400
        )
        try await RefusalTests.expectRefusal(
            portal,
            alice.sign(
                PortalMessage(
                    "PublishRequest",
                    [
                        "Account": .string("alice"), "Kind": .string("OnlineEscrowEntry"), "Document": sealed.document,
                    ]
                ),
                time: now
            ),
            .invalidEntry,
            400
        )
        try await RefusalTests.expectRefusal(
            portal,
            alice.sign(
                PortalMessage(
                    "PublishRequest",
                    [
                        "Account": .string("alice"), "Kind": .string("OfflineEscrowEntry"), "Document": sealed.document,
                    ]
                ),
                time: now
            ),
            .missingMember,
            400
        )
        try await RefusalTests.expectRefusal(
            portal,
            Self.publishOffline(alice, sealed, time: now, authenticator: .string("AAAA")),
            .invalidMember,
            400
        )
        // The same entry twice.
        _ = try await portal.ok(Self.publishOffline(alice, sealed, time: now), "PublishResponse")
        try await RefusalTests.expectRefusal(portal, Self.publishOffline(alice, sealed, time: now), .entryExists, 409)
        // A Get of an offline entry without a proof.
        try await RefusalTests.expectRefusal(
            portal,
            PortalMessage(
                "GetRequest",
                [
                    "Kind": .string("OfflineEscrowEntry"), "Identifier": .string(sealed.entry.identifier),
                ]
            ),
            .missingMember,
            400
        )
        await portal.close()
    }
}
