import MeshCrypto
import MeshDevice
import MeshJOSE
import MeshJSON
import MeshKeys
import Testing

@testable import MeshPortal

/// The device connection flow through the portal, on both backends.
@Suite struct ConnectTests {
    /// A new device: its keys and its signed device profile.
    struct Device {
        let keys = DeviceKeys.generate()
        var profile: DeviceProfileDocument { try! DeviceProfileDocument(device: keys) }
        var profileJSON: JSONValue { JSONValue.parse(profile.record.json)! }

        func sign(_ message: PortalMessage, time: Int64) -> PortalMessage {
            RequestSignature.sign(message, secret: keys.key(.profileSignature).privateKey, keyUDF: keys.udf, time: time)
        }

        func start(_ account: String, time: Int64) -> PortalMessage {
            sign(
                PortalMessage("ConnectStartRequest", ["Account": .string(account), "Device": profileJSON]),
                time: time
            )
        }

        func status(time: Int64) -> PortalMessage {
            sign(PortalMessage("ConnectStatusRequest", ["DeviceUDF": .string(keys.udf)]), time: time)
        }
    }

    /// The administrator's enrolment answer for `device` (MeshDevice's Administrator).
    static func answer(_ holder: Holder, _ device: Device) throws -> JSONValue {
        let administrator = try Administrator(
            account: try AccountProfile(document: holder.document.json),
            signer: .derived(holder.profile.key(.administratorSignature))
        )
        let enrolment = try administrator.enroll(
            request: device.profile.record,
            name: "phone",
            roles: ["user"],
            catalog: .empty
        )
        return try #require(JSONValue.parse(enrolment.answer.json))
    }

    static func complete(
        _ holder: Holder,
        account: String,
        _ device: Device,
        answer: JSONValue?,
        time: Int64
    ) -> PortalMessage {
        var body: [String: JSONValue] = [
            "Account": .string(account), "DeviceUDF": .string(device.keys.udf),
            "Result": .string(answer == nil ? "Reject" : "Accept"),
        ]
        if let answer { body["Answer"] = answer }
        return holder.sign(PortalMessage("ConnectCompleteRequest", body), time: time)
    }

    @Test(arguments: Backend.allCases) func aDeviceConnectsThroughThePortal(backend: Backend) async throws {
        let (portal, alice, _) = try await RefusalTests.portalWithAccounts(backend)
        let phone = Device()
        let started = try await portal.ok(phone.start("alice", time: portal.clock.now), "ConnectStartResponse")
        #expect(started["State"] == .string("Pending"))
        #expect(
            try await portal.ok(phone.status(time: portal.clock.now), "ConnectStatusResponse")["State"]
                == .string("Pending")
        )
        // The administrator sees the request, with the device profile to check.
        let pending = try await portal.ok(
            alice.sign(
                PortalMessage("ConnectPendingRequest", ["Account": .string("alice")]),
                time: portal.clock.now
            ),
            "ConnectPendingResponse"
        )
        let requests = try #require(pending["Requests"]?.arrayValue)
        #expect(requests.map { $0["DeviceUDF"] } == [.string(phone.keys.udf)])
        let listed = try SignedRecord.parse(Array(try #require(requests[0]["Device"]).serialized.utf8), what: "device")
        #expect(try DeviceProfileDocument.verify(listed).deviceUDF == phone.keys.udf)
        // Accepted with the enrolment answer; the device fetches it.
        let answer = try Self.answer(alice, phone)
        let completed = try await portal.ok(
            Self.complete(alice, account: "alice", phone, answer: answer, time: portal.clock.now),
            "ConnectCompleteResponse"
        )
        #expect(completed["State"] == .string("Accepted"))
        let status = try await portal.ok(phone.status(time: portal.clock.now), "ConnectStatusResponse")
        #expect(status["State"] == .string("Accepted"))
        let fetched = try EnrolmentAnswer.parse(Array(try #require(status["Answer"]).serialized.utf8))
        #expect(try DeviceProfileDocument.verify(fetched.deviceProfile).deviceUDF == phone.keys.udf)
        // Nothing pending any more; every step is in the log.
        let after = try await portal.ok(
            alice.sign(
                PortalMessage("ConnectPendingRequest", ["Account": .string("alice")]),
                time: portal.clock.now
            ),
            "ConnectPendingResponse"
        )
        #expect(after["Requests"] == .array([]))
        let log = try await portal.ok(PortalMessage("StatusRequest", ["From": .number(3)]), "StatusResponse")
        #expect(
            log["Entries"]?.arrayValue?.map { $0["Operation"] } == [
                .string("ConnectStart"), .string("ConnectComplete Accept"),
            ]
        )
        await portal.close()
    }

    @Test(arguments: Backend.allCases) func connectRefusals(backend: Backend) async throws {
        let (portal, alice, bob) = try await RefusalTests.portalWithAccounts(backend)
        let phone = Device()
        let other = Device()
        let now = portal.clock.now
        // Signed by another device than the one in the request; a broken device profile; no such account.
        try await RefusalTests.expectRefusal(
            portal,
            other.sign(
                PortalMessage(
                    "ConnectStartRequest",
                    [
                        "Account": .string("alice"), "Device": phone.profileJSON,
                    ]
                ),
                time: now
            ),
            .notAuthorised,
            403
        )
        var broken = phone.profileJSON.objectValue!
        broken["payload"] = other.profileJSON["payload"]
        try await RefusalTests.expectRefusal(
            portal,
            phone.sign(
                PortalMessage(
                    "ConnectStartRequest",
                    [
                        "Account": .string("alice"), "Device": .object(broken),
                    ]
                ),
                time: now
            ),
            .invalidDevice,
            400
        )
        try await RefusalTests.expectRefusal(portal, phone.start("carol", time: now), .unknownAccount, 404)
        // Started once; not twice.
        _ = try await portal.ok(phone.start("alice", time: now), "ConnectStartResponse")
        try await RefusalTests.expectRefusal(portal, phone.start("alice", time: now), .connectionExists, 409)
        // Only alice's administrator lists and completes; only the device reads its status.
        try await RefusalTests.expectRefusal(
            portal,
            bob.sign(PortalMessage("ConnectPendingRequest", ["Account": .string("alice")]), time: now),
            .notAuthorised,
            403
        )
        try await RefusalTests.expectRefusal(
            portal,
            Self.complete(bob, account: "alice", phone, answer: nil, time: now),
            .notAuthorised,
            403
        )
        try await RefusalTests.expectRefusal(
            portal,
            other.sign(
                PortalMessage("ConnectStatusRequest", ["DeviceUDF": .string(phone.keys.udf)]),
                time: now
            ),
            .notAuthorised,
            403
        )
        // An answer for another device, or another account's answer.
        try await RefusalTests.expectRefusal(
            portal,
            Self.complete(alice, account: "alice", phone, answer: try Self.answer(alice, other), time: now),
            .invalidAnswer,
            400
        )
        try await RefusalTests.expectRefusal(
            portal,
            Self.complete(alice, account: "alice", phone, answer: try Self.answer(bob, phone), time: now),
            .invalidAnswer,
            400
        )
        // Bob has no request from the phone.
        try await RefusalTests.expectRefusal(
            portal,
            Self.complete(bob, account: "bob", phone, answer: nil, time: now),
            .notFound,
            404
        )
        // Rejected: the device reads it, and may ask again.
        _ = try await portal.ok(
            Self.complete(alice, account: "alice", phone, answer: nil, time: now),
            "ConnectCompleteResponse"
        )
        #expect(try await portal.ok(phone.status(time: now), "ConnectStatusResponse")["State"] == .string("Rejected"))
        _ = try await portal.ok(phone.start("alice", time: now), "ConnectStartResponse")
        await portal.close()
    }
}
