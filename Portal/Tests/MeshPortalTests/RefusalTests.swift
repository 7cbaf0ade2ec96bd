import MeshCrypto
import MeshJOSE
import MeshJSON
import Testing

@testable import MeshPortal

/// One bad input per refusal: its code, its HTTP status, and that nothing was written. On both backends.
@Suite struct RefusalTests {
    /// A portal with the account alice and the account bob.
    static func portalWithAccounts(_ backend: Backend) async throws -> (Portal, Holder, Holder) {
        let portal = try await Portal(backend)
        let alice = try Holder("alice")
        let bob = try Holder("bob")
        _ = try await portal.ok(alice.createAccount(time: portal.clock.now), "CreateAccountResponse")
        _ = try await portal.ok(bob.createAccount(time: portal.clock.now), "CreateAccountResponse")
        return (portal, alice, bob)
    }

    static func publishProfile(_ holder: Holder, account: String? = nil) -> PortalMessage {
        PortalMessage(
            "PublishRequest",
            [
                "Account": .string(account ?? holder.name), "Kind": .string("MeshProfile"),
                "Document": holder.profileJSON,
            ]
        )
    }

    /// Sends `message`, expects the refusal `code` with `status`, and no row added anywhere.
    static func expectRefusal(
        _ portal: Portal,
        _ message: PortalMessage,
        _ code: PortalError.Code,
        _ status: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try await portal.rowCounts()
        let refusal = await portal.refusal(message)
        #expect(refusal.code == code.rawValue, sourceLocation: sourceLocation)
        #expect(refusal.status == status, sourceLocation: sourceLocation)
        #expect(try await portal.rowCounts() == before, "a refusal wrote something", sourceLocation: sourceLocation)
    }

    @Test(arguments: Backend.allCases) func malformedRequests(backend: Backend) async throws {
        let (portal, _, _) = try await Self.portalWithAccounts(backend)
        for bytes in [
            "", "{", "[]", #"{"HelloRequest": 1}"#, #"{"HelloRequest": {}, "StatusRequest": {}}"#, #"{"a":1,"a":2}"#,
        ] {
            let reply = await portal.sendRaw(Array(bytes.utf8))
            #expect(reply.message["Error"]?["code"] == .string("malformed_request"), "\(bytes)")
            #expect(reply.status == 400)
        }
        let big = await portal.sendRaw(Array(repeating: 0x20, count: PortalLimits().maximumRequestBytes + 1))
        #expect(big.message["Error"]?["code"] == .string("request_too_large"))
        #expect(big.status == 413)
        try await Self.expectRefusal(portal, PortalMessage("TransferRequest"), .unknownMessage, 400)
        try await Self.expectRefusal(portal, PortalMessage("HelloRequest", ["Extra": .null]), .unknownMember, 400)
        try await Self.expectRefusal(portal, PortalMessage("ValidateAccountRequest"), .missingMember, 400)
        try await Self.expectRefusal(
            portal,
            PortalMessage("ValidateAccountRequest", ["Account": .number(1)]),
            .invalidMember,
            400
        )
        try await Self.expectRefusal(portal, PortalMessage("StatusRequest", ["From": .number(0)]), .invalidMember, 400)
        try await Self.expectRefusal(
            portal,
            PortalMessage("GetRequest", ["Kind": .string("Nope"), "Identifier": .string("x")]),
            .invalidMember,
            400
        )
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func signatureRefusals(backend: Backend) async throws {
        let (portal, alice, bob) = try await Self.portalWithAccounts(backend)
        let now = portal.clock.now
        // Missing, malformed, for another message, over other content.
        try await Self.expectRefusal(portal, Self.publishProfile(alice), .missingSignature, 400)
        var body = Self.publishProfile(alice).body
        body["Signature"] = .string("x")
        try await Self.expectRefusal(portal, PortalMessage("PublishRequest", body), .malformedSignature, 400)
        let signed = alice.sign(Self.publishProfile(alice), time: now)
        try await Self.expectRefusal(
            portal,
            PortalMessage(
                "DeleteRequest",
                [
                    "Account": .string("alice"), "Identifier": .string("x"),
                    "Signature": signed.body["Signature"]!,
                ]
            ),
            .signatureMismatch,
            401
        )
        var altered = signed.body
        altered["Account"] = .string("bob")
        try await Self.expectRefusal(portal, PortalMessage("PublishRequest", altered), .signatureMismatch, 401)
        // A bad signature: the right key named, the signature bytes of another request.
        let other = alice.sign(
            PortalMessage(
                "PublishRequest",
                [
                    "Account": .string("alice"), "Kind": .string("MeshProfile"),
                    "Document": bob.profileJSON,
                ]
            ),
            time: now
        )
        var forged = signed.body
        var jws = forged["Signature"]!.objectValue!
        jws["signature"] = other.body["Signature"]!["signature"]
        forged["Signature"] = .object(jws)
        try await Self.expectRefusal(portal, PortalMessage("PublishRequest", forged), .badSignature, 401)
        // Stale time, both ways.
        try await Self.expectRefusal(
            portal,
            alice.sign(Self.publishProfile(alice), time: now - 301),
            .staleRequest,
            401
        )
        try await Self.expectRefusal(
            portal,
            alice.sign(Self.publishProfile(alice), time: now + 301),
            .staleRequest,
            401
        )
        // Another account's key.
        try await Self.expectRefusal(portal, bob.sign(Self.publishProfile(alice), time: now), .notAuthorised, 403)
        // A replayed nonce: the first is accepted, the same request again refused.
        let once = alice.sign(Self.publishProfile(alice), time: now, nonce: Array(repeating: 7, count: 16))
        _ = try await portal.ok(once, "PublishResponse")
        try await Self.expectRefusal(portal, once, .replayedNonce, 401)
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func accountAndProfileRefusals(backend: Backend) async throws {
        let (portal, alice, bob) = try await Self.portalWithAccounts(backend)
        let now = portal.clock.now
        let carol = try Holder("carol")
        try await Self.expectRefusal(portal, Holder("Bad Name").createAccount(time: now), .invalidAccountName, 400)
        try await Self.expectRefusal(portal, try Holder("alice").createAccount(time: now), .accountExists, 409)
        // The same profile under a second name.
        let again = alice.sign(
            PortalMessage("CreateAccountRequest", ["Account": .string("alice2"), "Profile": alice.profileJSON]),
            time: now
        )
        try await Self.expectRefusal(portal, again, .accountExists, 409)
        // A profile whose signature does not verify.
        var document = alice.profileJSON.objectValue!
        document["payload"] = bob.profileJSON["payload"]
        let broken = carol.sign(
            PortalMessage("CreateAccountRequest", ["Account": .string("carol"), "Profile": .object(document)]),
            time: now
        )
        try await Self.expectRefusal(portal, broken, .invalidProfile, 400)
        // CreateAccount signed by another key than the profile's administrator.
        let wrongKey = bob.sign(
            PortalMessage("CreateAccountRequest", ["Account": .string("carol"), "Profile": carol.profileJSON]),
            time: now
        )
        try await Self.expectRefusal(portal, wrongKey, .notAuthorised, 403)
        // Publish to an account that does not exist; another profile onto alice's account.
        try await Self.expectRefusal(portal, carol.sign(Self.publishProfile(carol), time: now), .unknownAccount, 404)
        try await Self.expectRefusal(
            portal,
            alice.sign(
                PortalMessage(
                    "PublishRequest",
                    [
                        "Account": .string("alice"), "Kind": .string("MeshProfile"), "Document": bob.profileJSON,
                    ]
                ),
                time: now
            ),
            .profileMismatch,
            403
        )
        try await Self.expectRefusal(
            portal,
            PortalMessage("GetRequest", ["Kind": .string("MeshProfile"), "Account": .string("carol")]),
            .notFound,
            404
        )
        await portal.close()
    }
}
