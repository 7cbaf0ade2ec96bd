import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeys
import MeshMath
import Testing

@testable import MeshEscrow

/// Sealed recryption shares: the member's DeviceRecryptionKey and the service's ServiceRecryptionKey.
@Suite struct DeviceRecryptionKeyTests {
    struct Split {
        let group: ScalarKey
        let member: KeyComposite
        let service: KeyComposite
    }

    static func split(_ curve: KeyAlgorithm) throws -> Split {
        let group = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
        let shares = try Recryption.split(group: group)
        return Split(
            group: group,
            member: KeyComposite(
                curve: curve,
                groupPublic: group.publicKeyExtended,
                part: shares.member,
                service: "svc"
            ),
            service: KeyComposite(
                curve: curve,
                groupPublic: group.publicKeyExtended,
                part: shares.service,
                service: "svc"
            )
        )
    }

    static func recipient(_ key: OpenSSLPrivateKey) -> JWE.AgreementRecipient {
        JWE.AgreementRecipient(key: key.publicKey, kid: "MDEVICE")
    }

    @Test(arguments: KeyAlgorithm.allCases) func sealParseOpenBothHolders(curve: KeyAlgorithm) throws {
        let parts = try Self.split(curve)
        let device = try OpenSSLPrivateKey.generate(curve == .x448 || curve == .ed448 ? .x448 : .x25519)
        for (holder, own, other) in [
            (DeviceRecryptionKey.Holder.member, parts.member, parts.service), (.service, parts.service, parts.member),
        ] {
            let sealed = try DeviceRecryptionKey.seal(
                own,
                holder: holder,
                complementPublic: other.partPublic,
                to: Self.recipient(device)
            )
            let text = String(decoding: sealed.document, as: UTF8.self)
            #expect(text.contains("\"\(holder.rawValue)\""))
            #expect(!text.contains(Base64URL.encode(own.part.bytes.unprotectedBytes)))
            let parsed = try DeviceRecryptionKey.parse(sealed.document)
            #expect(
                parsed.holder == holder && parsed.groupUDF == parts.group.udf()
                    && parsed.recipientIdentifiers == ["MDEVICE"]
            )
            let opened = try parsed.open(privateKey: device)
            #expect(opened.part == own.part && opened.groupPublic == parts.group.publicKeyExtended)
        }
    }

    @Test func wrongKeyAndForgedComplementAreRefused() throws {
        let parts = try Self.split(.x448)
        let device = try OpenSSLPrivateKey.generate(.x448)
        let sealed = try DeviceRecryptionKey.seal(
            parts.member,
            holder: .member,
            complementPublic: parts.service.partPublic,
            to: Self.recipient(device)
        )
        // Another device's key.
        #expect(throws: EscrowError.self) { try sealed.open(privateKey: try OpenSSLPrivateKey.generate(.x448)) }
        // A complement that does not complete the group key, at sealing and at opening.
        let stranger = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: .x448), curve: .x448)
            .publicKeyExtended
        #expect(throws: EscrowError.self) {
            try DeviceRecryptionKey.seal(
                parts.member,
                holder: .member,
                complementPublic: stranger,
                to: Self.recipient(device)
            )
        }
        let forged = DeviceRecryptionKey(
            holder: .member,
            curve: .x448,
            groupUDF: sealed.groupUDF,
            complementPublic: stranger,
            envelope: sealed.envelope
        )
        #expect { try forged.open(privateKey: device) } throws: { ($0 as? EscrowError)?.code == .invalidKeySet }
        // Another group's UDF: the envelope's protected header still names the real one.
        let renamed = DeviceRecryptionKey(
            holder: .member,
            curve: .x448,
            groupUDF: try Self.split(.x448).group.udf(),
            complementPublic: sealed.complementPublic,
            envelope: sealed.envelope
        )
        #expect { try renamed.open(privateKey: device) } throws: { ($0 as? EscrowError)?.code == .identifierMismatch }
    }

    @Test func parsingIsStrict() throws {
        let parts = try Self.split(.x25519)
        let device = try OpenSSLPrivateKey.generate(.x25519)
        let sealed = try DeviceRecryptionKey.seal(
            parts.member,
            holder: .member,
            complementPublic: parts.service.partPublic,
            to: Self.recipient(device)
        )
        guard case .object(var outer) = sealed.json, case .object(var body) = outer["DeviceRecryptionKey"]! else {
            Issue.record("not an object")
            return
        }
        func document(_ body: [String: JSONValue], tag: String = "DeviceRecryptionKey") -> [UInt8] {
            Array(JSONValue.object([tag: .object(body)]).serialized.utf8)
        }
        #expect(throws: Never.self) { try DeviceRecryptionKey.parse(document(body)) }
        // The service's names under the member's tag, an extra member, a missing one, a bad point.
        #expect(throws: EscrowError.self) { try DeviceRecryptionKey.parse(document(body, tag: "ServiceRecryptionKey")) }
        var extra = body
        extra["Contact"] = .string("x")
        #expect(throws: EscrowError.self) { try DeviceRecryptionKey.parse(document(extra)) }
        var missing = body
        missing["RecryptionKey"] = nil
        #expect(throws: EscrowError.self) { try DeviceRecryptionKey.parse(document(missing)) }
        body["RecryptionKey"] = .object([
            "crv": .string("X25519"), "Public": .string(Base64URL.encode([UInt8](repeating: 0, count: 33))),
        ])
        #expect(throws: EscrowError.self) { try DeviceRecryptionKey.parse(document(body)) }
        outer["OfflineEscrowEntry"] = .object([:])
        #expect(throws: EscrowError.self) {
            try DeviceRecryptionKey.parse(Array(JSONValue.object(outer).serialized.utf8))
        }
    }
}
