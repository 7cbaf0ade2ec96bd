import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeys
import MeshMath
import MeshUDF
import Testing

@testable import MeshEscrow

/// The security review at library level: the exportable flag inside the EscrowedKeySet (version 2, version 1
/// still read), the sender's signature on online entries and sealed recryption shares (SealSignature), the
/// recipients' kid computed from the key (EscrowRecipient), and labels without control characters (KeyLabel).
@Suite struct SealedDocumentTests {
    static func key(
        _ algorithm: KeyAlgorithm,
        role: String? = "r",
        exportable: Bool = true
    ) throws -> EscrowedKeySet.Key {
        let key = try OpenSSLPrivateKey.generate(algorithm)
        return .init(udf: try EscrowedKeySet.udf(of: key), role: role, privateKey: key, exportable: exportable)
    }

    static func code(_ body: () throws -> Any) -> EscrowError.Code? {
        do {
            _ = try body()
            return nil
        } catch { return (error as? EscrowError)?.code }
    }

    // MARK: Item 4: the exportable flag travels in the key set

    @Test func keySetVersion2CarriesTheExportableFlag() throws {
        let set = EscrowedKeySet(keys: [
            try Self.key(.ed25519, exportable: false), try Self.key(.x25519, exportable: true),
        ])
        let document = try #require(JSONValue.parse(try set.serialized().unprotectedBytes))
        #expect(document["version"] == .number(2))
        #expect(document["keys"]?.arrayValue?.map { $0["exportable"] } == [.bool(false), .bool(true)])
        let parsed = try EscrowedKeySet.parse(try set.serialized())
        #expect(parsed.formatVersion == 2)
        #expect(parsed.keys.map(\.exportable) == [false, true])
        // Through a sealed entry too.
        let recipient = try OpenSSLPrivateKey.generate(.x448)
        let entry = try EscrowEntry.sealOnline(set, to: [.init(key: recipient.publicKey, kid: nil)])
        #expect(
            try EscrowEntry.parse(entry.document).openOnline(privateKey: recipient).keys.map(\.exportable) == [
                false, true,
            ]
        )
    }

    /// A version 1 set (no version, no exportable: what earlier meshkey wrote) is read; its keys are not
    /// exportable. A version 2 set must say, for every key; unknown versions are refused.
    @Test func olderAndMalformedKeySetVersions() throws {
        let set = EscrowedKeySet(keys: [try Self.key(.x448, exportable: true)])
        var document = try #require(JSONValue.parse(try set.serialized().unprotectedBytes)?.objectValue)
        func parse(_ members: [String: JSONValue]) throws -> EscrowedKeySet {
            try EscrowedKeySet.parse(SecureBytes(Array(JSONValue.object(members).serialized.utf8)))
        }
        var key = try #require(document["keys"]?.arrayValue?[0].objectValue)
        key["exportable"] = nil
        var version1 = document
        version1["version"] = nil
        version1["keys"] = .array([.object(key)])
        let old = try parse(version1)
        #expect(old.formatVersion == 1)
        #expect(old.keys.map(\.exportable) == [false])
        #expect(old.keys.map(\.udf) == set.keys.map(\.udf))
        // Version 2 without the flag, with a non-boolean flag; version 3; a flag in a version 1 set.
        var missing = document
        missing["keys"] = .array([.object(key)])
        #expect(Self.code { try parse(missing) } == .invalidKeySet)
        key["exportable"] = .string("yes")
        missing["keys"] = .array([.object(key)])
        #expect(Self.code { try parse(missing) } == .invalidKeySet)
        document["version"] = .number(3)
        #expect(Self.code { try parse(document) } == .invalidKeySet)
        document["version"] = nil
        #expect(Self.code { try parse(document) } == .invalidKeySet)
    }

    /// A role with a newline or an escape sequence is refused when the set is read (it would become a label).
    @Test(arguments: ["ssh\nMAAA  key  Ed25519  exportable  forged", "ssh\u{1B}[8m", "a\u{202E}b", "\u{9B}31m"])
    func controlCharactersInARoleAreRefused(_ role: String) throws {
        let set = EscrowedKeySet(keys: [try Self.key(.ed25519, role: role)])
        #expect(Self.code { try EscrowedKeySet.parse(try set.serialized()) } == .invalidKeySet)
    }

    // MARK: Item 6: signatures

    struct Parties {
        let recipient = try! OpenSSLPrivateKey.generate(.x25519)
        let sender = try! SealSigner(key: OpenSSLPrivateKey.generate(.ed25519))
        let attacker = try! SealSigner(key: OpenSSLPrivateKey.generate(.ed448))
        var senderUDF: String { sender.udf }
        var attackerUDF: String { attacker.udf }
    }

    @Test func signedOnlineEntryOpensOnlyForTheExpectedSigner() throws {
        let p = Parties()
        let set = EscrowedKeySet(keys: [try Self.key(.ed25519, role: "ssh")])
        let entry = try EscrowEntry.parse(
            try EscrowEntry.sealOnline(set, to: [.init(key: p.recipient.publicKey, kid: "k")], signer: p.sender)
                .document
        )
        #expect(entry.signature?.signerUDF == p.senderUDF)
        #expect(entry.encryptedData.protectedHeader[SealSignature.jweHeader] == .string(p.senderUDF))
        #expect(try entry.checkSignature(.none) == p.senderUDF)
        let opened = try entry.openOnline(
            privateKey: p.recipient,
            expectation: .init(signer: p.senderUDF, requireSignature: true)
        )
        #expect(opened.keys.map(\.udf) == set.keys.map(\.udf))
        // Expected another signer: refused before decryption (a stranger's key gets the same answer, not wrong_key).
        let expectAttacker = SealSignature.Expectation(signer: p.attackerUDF, requireSignature: true)
        #expect(
            Self.code { try entry.openOnline(privateKey: p.recipient, expectation: expectAttacker) } == .signerMismatch
        )
        #expect(
            Self.code {
                try entry.openOnline(privateKey: try OpenSSLPrivateKey.generate(.x25519), expectation: expectAttacker)
            } == .signerMismatch
        )
    }

    /// The attack of the finding: anyone with the victim's public key seals a key set of their own. Unsigned,
    /// it is refused where a signature is required; signed by the attacker, it fails the expected signer.
    @Test func anUnsignedOrForeignEntryIsRefusedWhenASignerIsExpected() throws {
        let p = Parties()
        let set = EscrowedKeySet(keys: [try Self.key(.ed25519, role: "ssh")])
        let unsigned = try EscrowEntry.parse(
            try EscrowEntry.sealOnline(set, to: [.init(key: p.recipient.publicKey, kid: nil)]).document
        )
        #expect(unsigned.signature == nil)
        #expect(
            Self.code {
                try unsigned.openOnline(
                    privateKey: p.recipient,
                    expectation: .init(signer: p.senderUDF, requireSignature: true)
                )
            } == .unsigned
        )
        #expect(
            Self.code {
                try unsigned.openOnline(
                    privateKey: p.recipient,
                    expectation: .init(signer: nil, requireSignature: true)
                )
            } == .unsigned
        )
        #expect(try unsigned.openOnline(privateKey: p.recipient).keys.count == 1)
        let foreign = try EscrowEntry.sealOnline(
            set,
            to: [.init(key: p.recipient.publicKey, kid: nil)],
            signer: p.attacker
        )
        #expect(
            Self.code {
                try foreign.openOnline(
                    privateKey: p.recipient,
                    expectation: .init(signer: p.senderUDF, requireSignature: true)
                )
            } == .signerMismatch
        )
    }

    /// Any change to the signed document (a recipient's kid, the Identifier, the ciphertext) breaks the
    /// signature; removing it, or replacing it by another key's, is caught by the JWE's named signer.
    @Test func tamperingStrippingAndResigningAreRefused() throws {
        let p = Parties()
        let set = EscrowedKeySet(keys: [try Self.key(.x448)])
        let entry = try EscrowEntry.sealOnline(set, to: [.init(key: p.recipient.publicKey, kid: "k")], signer: p.sender)
        guard case .object(let outer) = entry.json, case .object(let body) = outer["OnlineEscrowEntry"]!,
            case .object(var jwe) = body["EncryptedData"]!
        else {
            Issue.record("shape")
            return
        }
        func reparsed(_ change: (inout [String: JSONValue]) -> Void) throws -> EscrowEntry {
            var members = body
            change(&members)
            return try EscrowEntry.parse(
                Array(JSONValue.object(["OnlineEscrowEntry": .object(members)]).serialized.utf8)
            )
        }
        var recipients = try #require(jwe["recipients"]?.arrayValue)
        var first = try #require(recipients[0].objectValue)
        var header = try #require(first["header"]?.objectValue)
        header["kid"] = .string("MVICTIM")
        first["header"] = .object(header)
        recipients[0] = .object(first)
        jwe["recipients"] = .array(recipients)
        let renamed = try reparsed { $0["EncryptedData"] = .object(jwe) }
        #expect(Self.code { try renamed.checkSignature(.none) } == .badSignature)
        #expect(Self.code { try renamed.openOnline(privateKey: p.recipient) } == .badSignature)
        // A JWS member the format does not have, a kid that is not the jwk's UDF.
        #expect(
            Self.code {
                try reparsed {
                    $0["Signature"] = .object(["protected": .string("e30"), "signature": .string(""), "x": .null])
                }
            } == .badSignature
        )
        // Stripped: the JWE still names the sender.
        let stripped = try reparsed { $0["Signature"] = nil }
        #expect(stripped.signature == nil)
        #expect(Self.code { try stripped.openOnline(privateKey: p.recipient) } == .unsigned)
        // Re-signed by the attacker, who expects to be believed: the JWE names the sender.
        let resigned = try EscrowEntry(
            kind: .online,
            identifier: stripped.identifier,
            encryptedData: stripped.encryptedData
        ).signed(by: p.attacker)
        #expect(try resigned.checkSignature(.init(signer: p.attackerUDF, requireSignature: true)) == p.attackerUDF)
        #expect(
            Self.code {
                try resigned.openOnline(
                    privateKey: p.recipient,
                    expectation: .init(signer: p.attackerUDF, requireSignature: true)
                )
            } == .signerMismatch
        )
        // An unsigned entry signed afterwards by anyone: the JWE names no signer.
        let plain = try EscrowEntry.sealOnline(set, to: [.init(key: p.recipient.publicKey, kid: nil)])
        let added = try plain.signed(by: p.attacker)
        #expect(Self.code { try added.openOnline(privateKey: p.recipient) } == .signerMismatch)
    }

    /// A profile signs with its ProfileSignature key (Ed448): the signer's UDF is the profile UDF.
    @Test func profileSignerIsTheProfileUDF() throws {
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        let signer = try SealSigner(derived: profile.key(.profileSignature))
        #expect(signer.udf == profile.udf)
        let p = Parties()
        let entry = try EscrowEntry.sealOnline(
            EscrowedKeySet(keys: [try Self.key(.ed25519)]),
            to: [.init(key: p.recipient.publicKey, kid: nil)],
            signer: signer
        )
        #expect(
            try EscrowEntry.parse(entry.document).checkSignature(.init(signer: profile.udf, requireSignature: true))
                == profile.udf
        )
    }

    @Test func sealedRecryptionSharesAreSigned() throws {
        let p = Parties()
        let parts = try DeviceRecryptionKeyTests.split(.x25519)
        let sealed = try DeviceRecryptionKey.seal(
            parts.member,
            holder: .member,
            complementPublic: parts.service.partPublic,
            to: .init(key: p.recipient.publicKey, kid: nil),
            signer: p.sender
        )
        let parsed = try DeviceRecryptionKey.parse(sealed.document)
        #expect(parsed.signature?.signerUDF == p.senderUDF)
        #expect(
            try parsed.open(privateKey: p.recipient, expectation: .init(signer: p.senderUDF, requireSignature: true))
                .part == parts.member.part
        )
        #expect(
            Self.code {
                try parsed.open(
                    privateKey: p.recipient,
                    expectation: .init(signer: p.attackerUDF, requireSignature: true)
                )
            } == .signerMismatch
        )
        // An unsigned share where one is required; a changed complement point breaks the signature.
        let unsigned = try DeviceRecryptionKey.parse(
            try DeviceRecryptionKey.seal(
                parts.member,
                holder: .member,
                complementPublic: parts.service.partPublic,
                to: .init(key: p.recipient.publicKey, kid: nil)
            ).document
        )
        #expect(
            Self.code {
                try unsigned.open(
                    privateKey: p.recipient,
                    expectation: .init(signer: p.senderUDF, requireSignature: true)
                )
            } == .unsigned
        )
        let changed = DeviceRecryptionKey(
            holder: .member,
            curve: .x25519,
            groupUDF: parsed.groupUDF,
            complementPublic: try DeviceRecryptionKeyTests.split(.x25519).service.partPublic,
            envelope: parsed.envelope,
            signature: parsed.signature
        )
        #expect(Self.code { try changed.open(privateKey: p.recipient) } == .badSignature)
    }

    // MARK: Item 5: the kid is computed from the key

    @Test func aJWKKidMustBeTheKeysUDF() throws {
        for algorithm in [KeyAlgorithm.x25519, .x448] {
            let key = try OpenSSLPrivateKey.generate(algorithm)
            let udf = try EscrowedKeySet.udf(of: key)
            let right = try EscrowRecipient.recipient(jwk: OKPKey(publicKey: key.publicKey, kid: udf))
            #expect(right.kid == udf)
            // Another key's UDF as kid (the attack: a JWK claiming to be the victim's key).
            let victim = try EscrowedKeySet.udf(of: try OpenSSLPrivateKey.generate(algorithm))
            #expect(
                Self.code { try EscrowRecipient.recipient(jwk: OKPKey(publicKey: key.publicKey, kid: victim)) }
                    == .identifierMismatch
            )
            #expect(try EscrowRecipient.recipient(jwk: OKPKey(publicKey: key.publicKey)).kid == nil)
            #expect(try EscrowRecipient.recipient(privateKey: key).kid == udf)
        }
        let signing = try OpenSSLPrivateKey.generate(.ed25519)
        #expect(
            Self.code { try EscrowRecipient.recipient(jwk: OKPKey(publicKey: signing.publicKey)) } == .invalidParameters
        )
    }

    @Test func profileDocumentRecipientIsItsEscrowKey() throws {
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        let document = try ProfileDocument.verify(try ProfileDocument(profile: profile).json)
        let recipient = try EscrowRecipient.recipient(profile: document)
        #expect(recipient.kid == profile.key(.escrowEncryption).udf)
        #expect(recipient.key.rawRepresentation == profile.key(.escrowEncryption).publicKey)
    }

    // MARK: Labels

    @Test func keyLabels() {
        #expect(KeyLabel.problem("ssh key (laptop) – ünïcode") == nil)
        for bad in [
            "a\nb", "\u{1B}[8m", "tab\there", "del\u{7F}", "\u{9B}", "rtl\u{202E}", String(repeating: "x", count: 257),
        ] {
            #expect(KeyLabel.problem(bad) != nil, "\(bad.debugDescription)")
        }
        #expect(KeyLabel.displayed("ssh\n\u{1B}[8mhidden") == "ssh\\n\\e[8mhidden")
        #expect(KeyLabel.displayed("a\\b") == "a\\\\b")
        #expect(KeyLabel.displayed("plain") == "plain")
        #expect(
            !KeyLabel.displayed("x\u{202E}y\u{9B}").unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x9B }
        )
        #expect(KeyLabel.acceptable("fine") == "fine")
        #expect(KeyLabel.acceptable("old\tlabel") == "old\\tlabel")
        #expect(KeyLabel.acceptable(String(repeating: "\n", count: 200)) == nil)
    }
}
