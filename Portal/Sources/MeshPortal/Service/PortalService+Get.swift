import MeshCrypto
import MeshJOSE
import MeshJSON

extension PortalService {
    /// A challenge for a Get of an offline entry. Issued for any identifier (whether an entry exists is not
    /// told), unless the identifier or the client is locked out.
    func challenge(_ request: PortalMessage, client: String) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: ["Identifier"])
        let identifier = try reader.string("Identifier")
        let now = clock()
        let challenge = SecureRandom.bytes(OfflineEntryProof.challengeBytes).unprotectedBytes
        let expires = now + limits.challengeSeconds
        try await store.transaction { transaction in
            let records = PortalRecords(transaction)
            try await self.checkLockout(identifier: identifier, client: client, records: records, now: now)
            try await records.insertChallenge(
                Base64URL.encode(challenge),
                identifier: identifier,
                expires: expires,
                now: now
            )
        }
        return PortalMessage(
            "ChallengeResponse",
            [
                "Identifier": .string(identifier), "Challenge": .string(Base64URL.encode(challenge)),
                "Expires": .number(Double(expires)),
            ]
        )
    }

    func checkLockout(identifier: String, client: String, records: PortalRecords, now: Int64) async throws {
        for subject in ["identifier:\(identifier)", "client:\(client)"] {
            if try await records.lockedUntil(subject) > now {
                throw PortalError(.lockedOut, "too many failed proofs; try again later")
            }
        }
    }

    func get(_ request: PortalMessage, client: String) async throws -> PortalMessage {
        let first = try MessageReader(
            request,
            required: ["Kind"],
            optional: ["Identifier", "Account", "Challenge", "Proof", RequestSignature.member]
        )
        let kind = try PublishedKind.read(first)
        switch kind {
        case .profile:
            let reader = try MessageReader(request, required: ["Kind"], optional: ["Identifier", "Account"])
            let identifier = try reader.optionalString("Identifier")
            let account = try reader.optionalString("Account")
            guard (identifier == nil) != (account == nil) else {
                throw PortalError(
                    .missingMember,
                    "GetRequest for a MeshProfile needs Identifier (the profile UDF) or Account"
                )
            }
            let found: (String, String)? = try await store.transaction { transaction in
                let records = PortalRecords(transaction)
                var udf = identifier
                if let account { udf = try await records.account(account)?.profileUDF }
                guard let udf, let document = try await records.profileDocument(udf) else { return nil }
                return (udf, document)
            }
            guard let found else { throw PortalError(.notFound, "no such profile") }
            return try Self.getResponse(kind, found.0, found.1)
        case .onlineEntry:
            let reader = try MessageReader(
                request,
                required: ["Kind", "Identifier", "Account", RequestSignature.member]
            )
            let identifier = try reader.string("Identifier")
            let name = try reader.string("Account")
            let document = try await asAdministrator(of: name, request) { records, account, now in
                guard let entry = try await records.entry(identifier), entry.kind == kind.rawValue else {
                    throw PortalError(.notFound, "there is no online entry \(identifier)")
                }
                guard entry.account == name else {
                    throw PortalError(.notAuthorised, "the entry \(identifier) belongs to another account")
                }
                guard entry.deleted == nil, let document = entry.document else {
                    throw PortalError(.entryDeleted, "the entry \(identifier) was deleted")
                }
                return document
            }
            return try Self.getResponse(kind, identifier, document)
        case .offlineEntry:
            let reader = try MessageReader(request, required: ["Kind", "Identifier", "Challenge", "Proof"])
            let identifier = try reader.string("Identifier")
            let challenge = try reader.bytes(
                "Challenge",
                count: OfflineEntryProof.challengeBytes...OfflineEntryProof.challengeBytes
            )
            let proof = try reader.bytes("Proof", count: 32...32)
            let now = clock()
            let outcome: Result<String, PortalError> = try await store.transaction { transaction in
                let records = PortalRecords(transaction)
                try await self.checkLockout(identifier: identifier, client: client, records: records, now: now)
                let issued = try await records.takeChallenge(Base64URL.encode(challenge))
                let stored = try await records.entry(identifier)
                var proven = false
                if let issued, issued.identifier == identifier, issued.expires >= now, let entry = stored,
                    entry.kind == kind.rawValue,
                    let authenticator = entry.authenticator.flatMap(Base64URL.decode)
                {
                    proven = OfflineEntryProof.check(
                        proof,
                        authenticator: SecureBytes(authenticator),
                        identifier: identifier,
                        challenge: challenge
                    )
                }
                guard proven, let entry = stored else {
                    // Counted, and committed: the failure is the one thing a refused Get writes.
                    try await records.recordFailure(
                        "identifier:\(identifier)",
                        now: now,
                        maximum: self.limits.maximumFailuresPerIdentifier,
                        window: self.limits.lockoutSeconds
                    )
                    try await records.recordFailure(
                        "client:\(client)",
                        now: now,
                        maximum: self.limits.maximumFailuresPerClient,
                        window: self.limits.lockoutSeconds
                    )
                    return .failure(
                        PortalError(.proofRejected, "the challenge or the proof is wrong, or there is no such entry")
                    )
                }
                try await records.clearFailures("identifier:\(identifier)")
                guard entry.deleted == nil, let document = entry.document else {
                    return .failure(PortalError(.entryDeleted, "the entry \(identifier) was deleted"))
                }
                return .success(document)
            }
            return try Self.getResponse(kind, identifier, outcome.get())
        }
    }

    static func getResponse(
        _ kind: PublishedKind,
        _ identifier: String,
        _ document: String
    ) throws(PortalError) -> PortalMessage {
        guard let value = JSONValue.parse(Array(document.utf8)) else {
            throw PortalError(.storageFailure, "a stored document is damaged")
        }
        return PortalMessage(
            "GetResponse",
            ["Kind": .string(kind.rawValue), "Identifier": .string(identifier), "Document": value]
        )
    }
}
