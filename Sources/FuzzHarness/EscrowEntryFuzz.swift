import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON

/// `jwe_escrow_entry`: every input goes through the strict JSON parser (public and secret-holding), the
/// OKP JWK reader, the JWE parser (compact and JSON forms), the escrow-entry parser and the escrowed
/// key-set parser. Accepted values must re-serialize to values that parse back the same; JWEs and entries
/// are also opened with the target's fixed test keys (a `dir` key and an X25519 and an X448 private key),
/// so that inputs grown from the seeds reach the code behind a valid tag.
enum EscrowEntryFuzz {
    /// Test keys, public in this file: what the seeds are encrypted under.
    static let directKey = SecureBytes((1...32).map { UInt8($0) })
    static let x25519Key = try! OpenSSLPrivateKey(
        algorithm: .x25519,
        rawRepresentation: SecureBytes((0..<32).map { UInt8(0x40 + $0) })
    )
    static let x448Key = try! OpenSSLPrivateKey(
        algorithm: .x448,
        rawRepresentation: SecureBytes((0..<56).map { UInt8(0x80 + $0) })
    )

    static func run(_ input: [UInt8]) throws(FuzzFailure) {
        let json = try checkJSON(input)
        if let json { try checkJWK(json) }
        if let jwe = try checkJWEParse(String(decoding: input, as: UTF8.self)) { try open(jwe) }
        try checkEntry(input)
        if let keySet = try? EscrowedKeySet.parse(SecureBytes(input)) { try checkKeySet(keySet) }
    }

    // MARK: JSON

    static func checkJSON(_ input: [UInt8]) throws(FuzzFailure) -> JSONValue? {
        let value = JSONValue.parse(input)
        let secret = SecretJSON.parse(SecureBytes(input), secretMember: "d")
        if let (tree, secrets) = secret {
            // The secret-holding parser is the public one with `d` values moved to secure buffers.
            guard let value else {
                throw FuzzFailure("the secret-holding JSON parser accepted what the public one refuses")
            }
            try expect(matches(tree, value, secrets), "the secret-holding parse differs from the public parse")
        } else if let value {
            // Refused by the secret-holding parser only for a `d` it cannot take (escapes need a backslash).
            try expect(
                input.contains(0x5C) || hasUnacceptableSecret(value),
                "the secret-holding JSON parser refused a document the public one accepts"
            )
        }
        guard let value else { return nil }
        try expect(
            JSONValue.parse(Array(value.serialized.utf8)) == value,
            "compact JSON output does not parse back to the same value"
        )
        try expect(
            JSONValue.parse(Array(value.pretty().utf8)) == value,
            "pretty JSON output does not parse back to the same value"
        )
        return value
    }

    /// Whether `tree` (secret parse) is `value` (public parse) with every `d` string replaced by its secret.
    static func matches(_ tree: JSONValue, _ value: JSONValue, _ secrets: [SecureBytes]) -> Bool {
        switch (tree, value) {
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { matches($0, $1, secrets) }
        case (.object(let a), .object(let b)):
            guard Set(a.keys) == Set(b.keys) else { return false }
            return a.keys.allSatisfy { key in
                if key == "d" {
                    guard case .string(let text) = b[key]!, let secret = SecretJSON.secret(a[key], in: secrets) else {
                        return false
                    }
                    return secret.unprotectedBytes == Array(text.utf8)
                }
                return matches(a[key]!, b[key]!, secrets)
            }
        default:
            return tree == value
        }
    }

    /// Whether some `d` member is one the secret-holding parser must refuse: not a string, or a string
    /// with a character outside printable ASCII.
    static func hasUnacceptableSecret(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let items): return items.contains(where: hasUnacceptableSecret)
        case .object(let members):
            return members.contains { key, member in
                if key == "d" {
                    guard case .string(let text) = member else { return true }
                    return !text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
                }
                return hasUnacceptableSecret(member)
            }
        default: return false
        }
    }

    // MARK: JWK

    static func checkJWK(_ json: JSONValue) throws(FuzzFailure) {
        guard let key = try? OKPKey(json: json) else { return }
        try expect(key.x.count == key.algorithm.publicKeyByteCount, "a JWK was accepted with an x of the wrong length")
        try expect(
            key.d.map { $0.count == key.algorithm.privateKeyByteCount } ?? true,
            "a JWK was accepted with a d of the wrong length"
        )
        let published = key.publicJSON
        try expect(published["d"] == nil, "the public form of a JWK holds d")
        guard let again = try? OKPKey(json: published) else {
            throw FuzzFailure("the public form of an accepted JWK is refused")
        }
        try expect(
            again.algorithm == key.algorithm && again.x == key.x && again.kid == key.kid,
            "a JWK does not round-trip"
        )
    }

    // MARK: JWE

    static func checkJWEParse(_ text: String) throws(FuzzFailure) -> JWE? {
        guard let jwe = try? JWE.parse(text) else { return nil }
        let json = jwe.json
        guard let again = try? JWE.parse(json: json), let reread = try? JWE.parse(json.serialized) else {
            throw FuzzFailure("the JSON form of an accepted JWE is refused")
        }
        try expect(again.json == json && reread.json == json, "a JWE does not round-trip through its JSON form")
        try expect(
            Base64URL.decode(jwe.protectedText).map(Base64URL.encode) == jwe.protectedText,
            "the protected header is not canonical base64url"
        )
        return jwe
    }

    /// Tries the fixed keys; a JWE that opens must have had the parameters meshkey supports.
    static func open(_ jwe: JWE) throws(FuzzFailure) {
        var opened: [SecureBytes] = []
        if let plaintext = try? jwe.decrypt(with: .direct(directKey)) {
            try expectSupported(jwe, recipient: jwe.recipients.isEmpty ? nil : 0, algorithm: JWE.directAlgorithm)
            opened.append(plaintext)
        }
        if !jwe.recipients.isEmpty {
            for key in [x25519Key, x448Key] {
                if let plaintext = try? jwe.decrypt(with: .agreement(key)) {
                    // Recipients are independent (RFC 7516 §5.2): the one that opened it must be supported,
                    // others may carry anything.
                    let supported = jwe.recipients.indices.contains { index in
                        (try? expectSupported(jwe, recipient: index, algorithm: JWE.agreementAlgorithm)) != nil
                    }
                    try expect(supported, "a JWE was decrypted though none of its recipients has supported parameters")
                    opened.append(plaintext)
                }
            }
        }
        for plaintext in opened {
            if let keySet = try? EscrowedKeySet.parse(plaintext) { try checkKeySet(keySet) }
        }
    }

    static func expectSupported(_ jwe: JWE, recipient: Int?, algorithm: String) throws(FuzzFailure) {
        guard let header = try? jwe.joinedHeader(recipient: recipient) else {
            throw FuzzFailure("a JWE with a repeated header parameter was decrypted")
        }
        // `alg` and `enc` may be in any of the three headers (RFC 7516 §7.2.1), once.
        try expect(
            header["alg"]?.stringValue == algorithm && header["enc"]?.stringValue == JWE.contentEncryption
                && header["crit"] == nil && header["zip"] == nil,
            "a JWE with unsupported parameters was decrypted"
        )
        try expect(
            jwe.iv.count == AESGCM.nonceByteCount && jwe.tag.count == AESGCM.tagByteCount,
            "a JWE with a wrong IV or tag length was decrypted"
        )
    }

    // MARK: Escrow entries and key sets

    static func checkEntry(_ input: [UInt8]) throws(FuzzFailure) {
        guard let entry = try? EscrowEntry.parse(input) else { return }
        guard let again = try? EscrowEntry.parse(entry.document) else {
            throw FuzzFailure("the document of an accepted entry is refused")
        }
        try expect(
            again.kind == entry.kind && again.identifier == entry.identifier && again.json == entry.json,
            "an escrow entry does not round-trip through its document"
        )
        let keySets: [EscrowedKeySet]
        switch entry.kind {
        case .offline: keySets = [try? entry.openOffline(key: directKey)].compactMap { $0 }
        case .online: keySets = [x25519Key, x448Key].compactMap { try? entry.openOnline(privateKey: $0) }
        }
        for keySet in keySets { try checkKeySet(keySet) }
    }

    static func checkKeySet(_ keySet: EscrowedKeySet) throws(FuzzFailure) {
        for key in keySet.keys {
            try expect(
                (try? EscrowedKeySet.udf(of: key.privateKey)) == key.udf,
                "a key set holds a key under another key's UDF"
            )
        }
        guard let document = try? keySet.serialized(), let again = try? EscrowedKeySet.parse(document) else {
            throw FuzzFailure("the document of an accepted key set is refused")
        }
        try expect(
            again.keys.map(\.udf) == keySet.keys.map(\.udf) && again.keys.map(\.role) == keySet.keys.map(\.role),
            "a key set does not round-trip through its document"
        )
    }

    // MARK: Seeds

    /// A key set with one key of each algorithm; offline and online entries holding it under the fixed
    /// keys; the bare JWEs in JSON and compact form; a private and a public JWK.
    static func seeds(_ vectors: VectorSeeds) -> [[UInt8]] {
        let keys = KeyAlgorithm.allCases.compactMap { algorithm -> EscrowedKeySet.Key? in
            guard let key = try? OpenSSLPrivateKey.generate(algorithm), let udf = try? EscrowedKeySet.udf(of: key)
            else { return nil }
            return EscrowedKeySet.Key(
                udf: udf,
                role: "fuzz seed \(algorithm.rawValue)",
                privateKey: key,
                exportable: algorithm != .x448
            )
        }
        let keySet = EscrowedKeySet(keys: keys)
        guard let plaintext = try? keySet.serialized(),
            let direct = try? JWE.encryptDirect(plaintext, key: directKey),
            let online = try? EscrowEntry.sealOnline(
                keySet,
                to: [
                    JWE.AgreementRecipient(key: x25519Key.publicKey, kid: "X25519 test key"),
                    JWE.AgreementRecipient(key: x448Key.publicKey, kid: nil),
                ]
            )
        else {
            return []
        }
        let offline = EscrowEntry(
            kind: .offline,
            identifier: SecretSharing.identifier(of: directKey),
            encryptedData: direct
        )
        let compact = [
            direct.protectedText, "", Base64URL.encode(direct.iv), Base64URL.encode(direct.ciphertext),
            Base64URL.encode(direct.tag),
        ].joined(separator: ".")
        var seeds = [
            plaintext.unprotectedBytes, offline.document, online.document, Array(direct.json.serialized.utf8),
            Array(online.encryptedData.json.pretty().utf8), Array(compact.utf8),
        ]
        if let jwk = try? OKPKey(privateKey: x25519Key, kid: "k"), let d = jwk.d {
            var members = jwk.publicJSON.objectValue ?? [:]
            members["d"] = .string(Base64URL.encode(d.unprotectedBytes))
            seeds.append(Array(JSONValue.object(members).serialized.utf8))
            seeds.append(Array(jwk.publicJSON.serialized.utf8))
        }
        return seeds
    }
}
