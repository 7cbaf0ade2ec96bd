import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON
import MeshKeys
import MeshUDF
import Testing

@Suite struct EscrowEntryTests {
    static func keySet() throws -> EscrowedKeySet {
        var keys: [EscrowedKeySet.Key] = []
        for (algorithm, role) in [
            (KeyAlgorithm.ed25519, "signing"), (.ed448, "admin"), (.x25519, "age"), (.x448, nil as String?),
        ] {
            let key = try OpenSSLPrivateKey.generate(algorithm)
            keys.append(
                .init(
                    udf: try EscrowedKeySet.udf(of: key),
                    role: role,
                    privateKey: key,
                    exportable: algorithm != .ed448
                )
            )
        }
        return EscrowedKeySet(keys: keys)
    }

    static func same(_ a: EscrowedKeySet, _ b: EscrowedKeySet) throws -> Bool {
        guard a.keys.count == b.keys.count else { return false }
        for (x, y) in zip(a.keys, b.keys) {
            guard x.udf == y.udf, x.role == y.role, x.exportable == y.exportable,
                try x.privateKey.rawRepresentation() == y.privateKey.rawRepresentation()
            else { return false }
        }
        return true
    }

    /// The escrow error `body` throws (nil if it succeeds).
    static func error(_ body: () throws -> EscrowedKeySet) -> EscrowError? {
        do {
            _ = try body()
            return nil
        } catch { return error as? EscrowError }
    }

    @Test func keySetRoundTripAndChecks() throws {
        let set = try Self.keySet()
        let bytes = try set.serialized()
        #expect(try Self.same(EscrowedKeySet.parse(bytes), set))
        let document = try #require(JSONValue.parse(bytes.unprotectedBytes))
        #expect(document["type"] == .string("EscrowedKeySet"))
        #expect(document["keys"]?.arrayValue?.first?["kty"] == .string("OKP"))
        // A UDF that is not the key's fingerprint is refused.
        let other = try OpenSSLPrivateKey.generate(.x25519)
        let wrong = EscrowedKeySet(keys: [.init(udf: set.keys[0].udf, role: nil, privateKey: other, exportable: true)])
        #expect(throws: EscrowError.self) { try EscrowedKeySet.parse(try wrong.serialized()) }
    }

    @Test func offlineSealAndOpenWithShares() throws {
        let set = try Self.keySet()
        let (entry, split) = try EscrowEntry.sealOffline(set, threshold: 3, shareCount: 5)
        #expect(entry.kind == .offline)
        #expect(entry.identifier == split.identifier)
        let parsed = try EscrowEntry.parse(entry.document)
        let recovered = try ShareSet.parse([split.shares[4].text, split.shares[0].text, split.shares[2].text]).recover()
        #expect(try Self.same(parsed.openOffline(key: recovered.secret), set))
        // Shares of another entry: refused by identifier, before decryption.
        let (_, otherSplit) = try EscrowEntry.sealOffline(set, threshold: 2, shareCount: 3)
        let otherKey = try ShareSet.parse(otherSplit.shares.prefix(2).map(\.text)).recover().secret
        #expect(throws: EscrowError.self) { try parsed.openOffline(key: otherKey) }
        #expect(Self.error { try parsed.openOffline(key: otherKey) }?.code == .identifierMismatch)
        let stranger = try OpenSSLPrivateKey.generate(.x448)
        #expect(Self.error { try parsed.openOnline(privateKey: stranger) }?.code == .wrongEntryType)
    }

    @Test func onlineToProfileEscrowKeyAndX25519() throws {
        let set = try Self.keySet()
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        let derived = profile.key(.escrowEncryption)
        // OpenSSL loads the clamped 56-byte scalar and agrees on the public key.
        let escrowKey = try OpenSSLPrivateKey(algorithm: .x448, rawRepresentation: derived.privateKey)
        #expect(escrowKey.publicKey.rawRepresentation == derived.publicKey)
        let other = try OpenSSLPrivateKey.generate(.x25519)
        let entry = try EscrowEntry.sealOnline(
            set,
            to: [
                .init(key: escrowKey.publicKey, kid: derived.udf),
                .init(key: other.publicKey, kid: "other"),
            ]
        )
        let parsed = try EscrowEntry.parse(entry.document)
        #expect(parsed.kind == .online)
        #expect(parsed.encryptedData.recipients[0].header["kid"] == .string(derived.udf))
        #expect(try Self.same(parsed.openOnline(privateKey: escrowKey), set))
        #expect(try Self.same(parsed.openOnline(privateKey: other), set))
        let stranger = try OpenSSLPrivateKey.generate(.x448)
        #expect(Self.error { try parsed.openOnline(privateKey: stranger) }?.jose?.code == "wrong_key")
        #expect(Self.error { try parsed.openOffline(key: SecureRandom.bytes(32)) }?.code == .wrongEntryType)
    }

    @Test func malformedDocuments() {
        for text in [
            "[]", "{}", #"{"OtherEntry":{}}"#, #"{"OfflineEscrowEntry":{"Identifier":"x"}}"#,
            #"{"OfflineEscrowEntry":{"Identifier":"x","EncryptedData":{},"Extra":1}}"#,
        ] {
            #expect(throws: EscrowError.self, "\(text)") { try EscrowEntry.parse(Array(text.utf8)) }
        }
    }
}

/// An escrowed key whose `udf` differs from its fingerprint only by KELVIN SIGN (U+212A, canonically
/// equivalent to "K") is refused (item 9).
@Suite struct EscrowedKeySetUDFBytesTests {
    @Test func aKelvinSignInAKeysUDFIsRefused() throws {
        var tried = 0
        for _ in 0..<200 where tried < 3 {
            let key = try OpenSSLPrivateKey.generate(.x25519)
            let udf = try EscrowedKeySet.udf(of: key)
            guard udf.contains("K") else { continue }
            let kelvin = String(udf.map { $0 == "K" ? "\u{212A}" : $0 })
            #expect(kelvin == udf)  // what Swift's == says
            let forged = EscrowedKeySet(keys: [.init(udf: kelvin, role: "age", privateKey: key, exportable: true)])
            #expect(throws: EscrowError.self) { try EscrowedKeySet.parse(try forged.serialized()) }
            let genuine = EscrowedKeySet(keys: [.init(udf: udf, role: "age", privateKey: key, exportable: true)])
            #expect(try EscrowedKeySet.parse(try genuine.serialized()).keys[0].udf == udf)
            tried += 1
        }
        #expect(tried == 3)
    }
}
