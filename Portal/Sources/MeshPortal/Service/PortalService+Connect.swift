import MeshCrypto
import MeshDevice
import MeshJOSE
import MeshJSON

/// The device connection flow carried by the portal: a new device asks to join an account (ConnectStart, signed
/// by the device's own ProfileSignature key), the account's administrator lists the requests (ConnectPending)
/// and answers one (ConnectComplete: Accept with MeshDevice's enrolment answer, or Reject), the device fetches
/// the outcome (ConnectStatus, signed by the device).
extension PortalService {
    /// A verified device profile from a request member (a SignedRecord in JSON serialization) and its text.
    func verifiedDevice(_ value: JSONValue) throws(PortalError) -> (DeviceProfileDocument, String) {
        let text = value.serialized
        do {
            return (
                try DeviceProfileDocument.verify(try SignedRecord.parse(Array(text.utf8), what: "device profile")), text
            )
        } catch {
            throw PortalError(.invalidDevice, "the device profile does not verify: \(error)")
        }
    }

    func connectStart(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: ["Account", "Device", RequestSignature.member])
        let name = try reader.string("Account")
        let (device, text) = try verifiedDevice(reader.object("Device"))
        guard let deviceKey = device.publicKeys[.profileSignature] else {
            throw PortalError(.invalidDevice, "the device profile has no ProfileSignature key")
        }
        let now = clock()
        let signature = try readSignature(request, now: now)
        let head = try await store.transaction { transaction in
            let records = PortalRecords(transaction)
            _ = try await self.account(name, in: records)
            _ = try await self.authorise(
                request,
                signature: signature,
                adminKey: deviceKey,
                adminUDF: device.deviceUDF,
                in: records,
                now: now
            )
            if let existing = try await records.connection(device.deviceUDF), existing.state != "Rejected" {
                throw PortalError(
                    .connectionExists,
                    "the device \(device.deviceUDF) has a \(existing.state.lowercased()) connection"
                )
            }
            try await records.putConnection(deviceUDF: device.deviceUDF, account: name, device: text, time: now)
            return try await PortalLog.append(
                transaction,
                operation: "ConnectStart",
                identifier: device.deviceUDF,
                digest: Digest.hash(.sha256, Array(text.utf8)),
                time: now
            )
        }
        return PortalMessage(
            "ConnectStartResponse",
            [
                "Account": .string(name), "DeviceUDF": .string(device.deviceUDF), "State": .string("Pending"),
                "Log": Self.logHead(head),
            ]
        )
    }

    func connectPending(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: ["Account", RequestSignature.member])
        let name = try reader.string("Account")
        let pending = try await asAdministrator(of: name, request) { records, account, now in
            try await records.pendingConnections(name).map { ($0.deviceUDF, $0.device, $0.created) }
        }
        var requests: [JSONValue] = []
        for (udf, device, created) in pending {
            guard let value = JSONValue.parse(Array(device.utf8)) else {
                throw PortalError(.storageFailure, "a stored device profile is damaged")
            }
            requests.append(.object(["DeviceUDF": .string(udf), "Device": value, "Created": .number(Double(created))]))
        }
        return PortalMessage("ConnectPendingResponse", ["Account": .string(name), "Requests": .array(requests)])
    }

    func connectComplete(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(
            request,
            required: ["Account", "DeviceUDF", "Result", RequestSignature.member],
            optional: ["Answer"]
        )
        let name = try reader.string("Account")
        let deviceUDF = try reader.string("DeviceUDF")
        let result = try reader.string("Result")
        guard result == "Accept" || result == "Reject" else {
            throw PortalError(.invalidMember, "ConnectCompleteRequest.Result must be Accept or Reject")
        }
        var answerText: String?
        if result == "Accept" {
            guard reader.body["Answer"] != nil else {
                throw PortalError(.missingMember, "an Accept carries the Answer")
            }
            answerText = try reader.object("Answer").serialized
        } else if reader.body["Answer"] != nil {
            throw PortalError(.unknownMember, "a Reject carries no Answer")
        }
        let answer = answerText
        let head = try await asAdministrator(of: name, request) { records, account, now in
            guard let connection = try await records.connection(deviceUDF), connection.account == name,
                connection.state == "Pending"
            else {
                throw PortalError(.notFound, "the account \(name) has no pending request from \(deviceUDF)")
            }
            if let answer {
                guard let profile = try await records.profileDocument(account.profileUDF) else {
                    throw PortalError(.storageFailure, "the account's profile is missing")
                }
                try Self.checkAnswer(answer, profile: profile, deviceUDF: deviceUDF)
            }
            try await records.completeConnection(
                deviceUDF: deviceUDF,
                state: answer == nil ? "Rejected" : "Accepted",
                answer: answer,
                time: now
            )
            return try await PortalLog.append(
                records.transaction,
                operation: "ConnectComplete \(result)",
                identifier: deviceUDF,
                digest: Digest.hash(.sha256, Array((answer ?? "").utf8)),
                time: now
            )
        }
        return PortalMessage(
            "ConnectCompleteResponse",
            [
                "DeviceUDF": .string(deviceUDF), "State": .string(answer == nil ? "Rejected" : "Accepted"),
                "Log": Self.logHead(head),
            ]
        )
    }

    /// An enrolment answer must be for this device and verify against the account's profile (MeshDevice's
    /// DeviceVerification: the device profile, both connection records and the catalog).
    static func checkAnswer(_ text: String, profile: String, deviceUDF: String) throws(PortalError) {
        do {
            let answer = try EnrolmentAnswer.parse(Array(text.utf8))
            let account = try AccountProfile(document: Array(profile.utf8))
            let device = try DeviceProfileDocument.verify(answer.deviceProfile)
            guard device.deviceUDF == deviceUDF else {
                throw PortalError(.invalidAnswer, "the answer is for the device \(device.deviceUDF), not \(deviceUDF)")
            }
            _ = try DeviceVerification.verify(
                account: account,
                profile: answer.deviceProfile,
                connection: answer.connection,
                service: answer.service,
                catalog: DeviceCatalog.verify(versions: answer.catalog.versions, account: account),
                revocation: nil
            )
        } catch let error as PortalError {
            throw error
        } catch {
            throw PortalError(.invalidAnswer, "the enrolment answer does not verify: \(error)")
        }
    }

    func connectStatus(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: ["DeviceUDF", RequestSignature.member])
        let deviceUDF = try reader.string("DeviceUDF")
        let now = clock()
        let signature = try readSignature(request, now: now)
        let connection = try await store.transaction { transaction in
            let records = PortalRecords(transaction)
            guard let connection = try await records.connection(deviceUDF) else {
                throw PortalError(.notFound, "there is no request from \(deviceUDF)")
            }
            let (device, _) = try self.verifiedDevice(JSONValue.parse(Array(connection.device.utf8)) ?? .null)
            guard let key = device.publicKeys[.profileSignature] else {
                throw PortalError(.storageFailure, "a stored device profile is damaged")
            }
            _ = try await self.authorise(
                request,
                signature: signature,
                adminKey: key,
                adminUDF: deviceUDF,
                in: records,
                now: now
            )
            return (connection.state, connection.answer)
        }
        var body: [String: JSONValue] = ["DeviceUDF": .string(deviceUDF), "State": .string(connection.0)]
        if let answer = connection.1 {
            guard let value = JSONValue.parse(Array(answer.utf8)) else {
                throw PortalError(.storageFailure, "a stored answer is damaged")
            }
            body["Answer"] = value
        }
        return PortalMessage("ConnectStatusResponse", body)
    }
}
