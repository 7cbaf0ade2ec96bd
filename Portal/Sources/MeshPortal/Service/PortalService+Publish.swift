import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON
import MeshKeys

/// What a Publish, Get or Delete names in its `Kind` member.
enum PublishedKind: String, CaseIterable {
    case profile = "MeshProfile"
    case offlineEntry = "OfflineEscrowEntry"
    case onlineEntry = "OnlineEscrowEntry"

    static func read(_ reader: MessageReader) throws(PortalError) -> PublishedKind {
        let text = try reader.string("Kind")
        guard let kind = PublishedKind(rawValue: text) else {
            throw PortalError(.invalidMember, "Kind must be one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }
}

extension PortalService {
    func publish(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(
            request,
            required: ["Account", "Kind", "Document", RequestSignature.member],
            optional: ["Authenticator"]
        )
        let name = try reader.string("Account")
        let kind = try PublishedKind.read(reader)
        let value = try reader.object("Document")
        let text = value.serialized
        let (identifier, authenticator, profileUDF) = try publishedItem(kind, value, reader)
        let head = try await asAdministrator(of: name, request) { records, account, now in
            if let profileUDF {
                guard profileUDF == account.profileUDF else {
                    throw PortalError(
                        .profileMismatch,
                        "the profile \(profileUDF) is not the account's \(account.profileUDF)"
                    )
                }
                try await records.putProfile(profileUDF, account: name, document: text, time: now)
            } else {
                if let existing = try await records.entry(identifier) {
                    if existing.deleted != nil {
                        throw PortalError(.entryDeleted, "the entry \(identifier) was deleted")
                    }
                    throw PortalError(.entryExists, "an entry \(identifier) exists")
                }
                try await records.insertEntry(
                    .init(
                        identifier: identifier,
                        kind: kind.rawValue,
                        account: name,
                        document: text,
                        authenticator: authenticator,
                        deleted: nil
                    ),
                    time: now
                )
            }
            return try await PortalLog.append(
                records.transaction,
                operation: "Publish \(kind.rawValue)",
                identifier: identifier,
                digest: Digest.hash(.sha256, Array(text.utf8)),
                time: now
            )
        }
        return PortalMessage(
            "PublishResponse",
            [
                "Kind": .string(kind.rawValue), "Identifier": .string(identifier), "Log": Self.logHead(head),
            ]
        )
    }

    /// What a Publish stores: the identifier, the offline entry's authenticator, the profile's UDF.
    /// StatusRequest.From: nil, or a sequence number of 1 or more.
    static func sequenceNumber(_ value: JSONValue?) throws(PortalError) -> Int64? {
        guard let value else { return nil }
        guard case .number(let number) = value, number == number.rounded(), number >= 1, number < 1e15 else {
            throw PortalError(.invalidMember, "StatusRequest.From must be a sequence number (1 or more)")
        }
        return Int64(number)
    }

    func publishedItem(
        _ kind: PublishedKind,
        _ value: JSONValue,
        _ reader: MessageReader
    ) throws(PortalError)
        -> (identifier: String, authenticator: String?, profileUDF: String?)
    {
        switch kind {
        case .profile:
            guard reader.body["Authenticator"] == nil else {
                throw PortalError(.unknownMember, "a MeshProfile is published without an Authenticator")
            }
            let (document, _) = try verifiedProfile(value)
            return (document.profileUDF, nil, document.profileUDF)
        case .offlineEntry, .onlineEntry:
            let entry: EscrowEntry
            do { entry = try EscrowEntry.parse(Array(value.serialized.utf8)) } catch {
                throw PortalError(.invalidEntry, "the escrow entry does not parse: \(error)")
            }
            guard entry.kind.rawValue == kind.rawValue else {
                throw PortalError(.invalidEntry, "the document is an \(entry.kind.rawValue), not an \(kind.rawValue)")
            }
            guard kind == .offlineEntry else {
                guard reader.body["Authenticator"] == nil else {
                    throw PortalError(.unknownMember, "an OnlineEscrowEntry is published without an Authenticator")
                }
                return (entry.identifier, nil, nil)
            }
            guard reader.body["Authenticator"] != nil else {
                throw PortalError(.missingMember, "an OfflineEscrowEntry is published with its Authenticator")
            }
            let count = OfflineEntryProof.authenticatorBytes
            return (entry.identifier, Base64URL.encode(try reader.bytes("Authenticator", count: count...count)), nil)
        }
    }

    func delete(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: ["Account", "Identifier", RequestSignature.member])
        let name = try reader.string("Account")
        let identifier = try reader.string("Identifier")
        let head = try await asAdministrator(of: name, request) { records, account, now in
            guard let entry = try await records.entry(identifier) else {
                throw PortalError(.notFound, "there is no entry \(identifier)")
            }
            guard entry.account == name else {
                throw PortalError(.notAuthorised, "the entry \(identifier) belongs to another account")
            }
            guard entry.deleted == nil, let document = entry.document else {
                throw PortalError(.entryDeleted, "the entry \(identifier) was deleted")
            }
            try await records.deleteEntry(identifier, time: now)
            return try await PortalLog.append(
                records.transaction,
                operation: "Delete \(entry.kind)",
                identifier: identifier,
                digest: Digest.hash(.sha256, Array(document.utf8)),
                time: now
            )
        }
        return PortalMessage("DeleteResponse", ["Identifier": .string(identifier), "Log": Self.logHead(head)])
    }

    func status(_ request: PortalMessage) async throws -> PortalMessage {
        let reader = try MessageReader(request, required: [], optional: ["From"])
        let from = try Self.sequenceNumber(reader.body["From"])
        let (head, entries) = try await store.transaction { transaction in
            let head = try await PortalLog.head(transaction)
            guard let from else { return (head, [PortalLogEntry]()) }
            return (head, try await PortalLog.entries(transaction, from: from, limit: 100))
        }
        var body: [String: JSONValue] = [
            "Sequence": .number(Double(head?.sequence ?? 0)),
            "Hash": .string(Base64URL.encode(head?.hash ?? PortalLogEntry.genesis)),
            "LastWrite": .number(Double(head?.time ?? 0)),
            "SchemaVersion": .number(Double(PortalSchema.currentVersion)),
        ]
        if from != nil {
            body["Entries"] = .array(entries.map(\.json))
        }
        return PortalMessage("StatusResponse", body)
    }
}
