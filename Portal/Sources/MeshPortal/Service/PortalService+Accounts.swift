import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeys

extension PortalService {
    func validateAccount(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: ["Account"])
        let name = try reader.string("Account")
        var body: [String: JSONValue] = ["Account": .string(name), "Minimum": .number(Double(AccountName.minimum))]
        if let problem = AccountName.problem(name) {
            body["Valid"] = .bool(false)
            body["InvalidCharacters"] = .string(problem.invalidCharacters)
            body["Reason"] = .string(problem.reason)
        } else {
            let taken = try await store.transaction { try await PortalRecords($0).account(name) != nil }
            body["Valid"] = .bool(!taken)
            body["InvalidCharacters"] = .string("")
            body["Reason"] = .string(taken ? "the name is taken" : "")
        }
        return PortalMessage("ValidateAccountResponse", body)
    }

    func createAccount(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: ["Account", "Profile", RequestSignature.member])
        let name = try reader.string("Account")
        if let problem = AccountName.problem(name) { throw PortalError(.invalidAccountName, problem.reason) }
        let (document, text) = try verifiedProfile(reader.object("Profile"))
        guard let admin = document.key(.administratorSignature) else {
            throw PortalError(.invalidProfile, "the profile has no AdministratorSignature key")
        }
        let now = clock()
        let signature = try readSignature(request, now: now)
        let head = try await store.transaction { transaction in
            let records = PortalRecords(transaction)
            if try await records.account(name) != nil {
                throw PortalError(.accountExists, "the account \(name) exists")
            }
            if let bound = try await records.profileAccount(document.profileUDF) {
                throw PortalError(.accountExists, "the profile is bound to the account \(bound)")
            }
            _ = try await self.authorise(
                request,
                signature: signature,
                adminKey: admin.publicKey,
                adminUDF: admin.udf,
                in: records,
                now: now
            )
            try await records.insertAccount(
                .init(
                    name: name,
                    profileUDF: document.profileUDF,
                    adminKey: Base64URL.encode(admin.publicKey),
                    adminUDF: admin.udf
                ),
                time: now
            )
            try await records.putProfile(document.profileUDF, account: name, document: text, time: now)
            return try await PortalLog.append(
                transaction,
                operation: "CreateAccount",
                identifier: name,
                digest: Digest.hash(.sha256, Array(text.utf8)),
                time: now
            )
        }
        return PortalMessage(
            "CreateAccountResponse",
            [
                "Account": .string(name), "ProfileUDF": .string(document.profileUDF), "Log": Self.logHead(head),
            ]
        )
    }

    /// A profile document (the JWS object) verified by MeshKeys, and its compact text.
    func verifiedProfile(_ value: JSONValue) throws(PortalError) -> (ProfileDocument, String) {
        let text = value.serialized
        do {
            return (try ProfileDocument.verify(Array(text.utf8)), text)
        } catch {
            throw PortalError(.invalidProfile, "the profile document does not verify: \(error)")
        }
    }
}
