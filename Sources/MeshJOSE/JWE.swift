public import MeshCrypto
public import MeshJSON

/// A JSON Web Encryption object (RFC 7516) restricted to what meshkey writes and reads:
///
/// * `alg` `dir` (one shared 256-bit key) or `ECDH-ES+A256KW` (RFC 7518 §4.6, with X25519 or X448 OKP
///   keys per RFC 8037, Concat KDF with SHA-256 and AlgorithmID "A256KW", one recipient per key);
/// * `enc` `A256GCM`;
/// * no `crit` parameters are understood, so any `crit` is refused;
/// * `alg` and `enc` may be in the protected, the shared unprotected or the per-recipient header, once;
///   members of the JWE object and of recipient objects that RFC 7516 does not define are ignored.
///
/// Written in the JSON serialization (flattened for `dir`, general for recipients); the JSON forms and
/// the compact form are accepted on input. Decryption releases nothing unless the GCM tag verifies over
/// AAD = ASCII(BASE64URL(protected)) [‖ "." ‖ BASE64URL(aad)] (RFC 7516 §5.1 step 14).
public struct JWE: Sendable {
    public struct Recipient: Sendable {
        /// The per-recipient unprotected header (`alg`, `kid`, `epk`, …).
        public let header: [String: JSONValue]
        public let encryptedKey: [UInt8]
    }

    /// The protected header exactly as transmitted (base64url), and decoded.
    public let protectedText: String
    public let protectedHeader: [String: JSONValue]
    /// The shared unprotected header.
    public let unprotectedHeader: [String: JSONValue]
    public let recipients: [Recipient]
    public let iv: [UInt8]
    public let ciphertext: [UInt8]
    public let tag: [UInt8]
    /// The `aad` member as transmitted (base64url), if any.
    public let aadText: String?

    public static let directAlgorithm = "dir"
    public static let agreementAlgorithm = "ECDH-ES+A256KW"
    public static let contentEncryption = "A256GCM"
    /// RFC 7518 §4.6.2: with key wrapping, AlgorithmID is the `alg` value ("ECDH-ES+A256KW"), not "A256KW".
    static let keyWrapAlgorithmID = agreementAlgorithm

    /// A recipient of an `ECDH-ES+A256KW` JWE: an X25519 or X448 public key and its identifier.
    public struct AgreementRecipient: Sendable {
        public let key: OpenSSLPublicKey
        public let kid: String?
        public init(key: OpenSSLPublicKey, kid: String?) {
            self.key = key
            self.kid = kid
        }
    }

    /// What opens a JWE.
    public enum DecryptionKey: Sendable {
        /// The content encryption key itself (`dir`).
        case direct(SecureBytes)
        /// A recipient's X25519 or X448 private key (`ECDH-ES+A256KW`).
        case agreement(OpenSSLPrivateKey)
    }

    // MARK: Encryption

    /// `dir` + `A256GCM` under `key` (32 bytes).
    public static func encryptDirect(
        _ plaintext: SecureBytes,
        key: SecureBytes,
        extraProtected: [String: JSONValue] = [:]
    ) throws(JOSEError) -> JWE {
        guard key.count == AESGCM.keyByteCount else {
            throw .wrongKey("a dir key for A256GCM is 32 bytes, not \(key.count)")
        }
        var header = extraProtected
        header["alg"] = .string(directAlgorithm)
        header["enc"] = .string(contentEncryption)
        return try seal(plaintext, cek: key, protectedHeader: header, recipients: [])
    }

    /// `ECDH-ES+A256KW` + `A256GCM` to each of `recipients` under a fresh content encryption key. Each
    /// recipient gets its own ephemeral key (`epk`), `kid`, and the CEK wrapped under its Concat KDF key.
    public static func encrypt(
        _ plaintext: SecureBytes,
        to recipients: [AgreementRecipient],
        partyUInfo: [UInt8] = [],
        partyVInfo: [UInt8] = [],
        extraProtected: [String: JSONValue] = [:]
    ) throws(JOSEError) -> JWE {
        guard !recipients.isEmpty else { throw .malformed("at least one recipient is needed") }
        let cek = SecureRandom.bytes(AESGCM.keyByteCount)
        var wrapped: [Recipient] = []
        for recipient in recipients {
            guard recipient.key.algorithm == .x25519 || recipient.key.algorithm == .x448 else {
                throw .invalidKey("\(recipient.key.algorithm.rawValue) keys cannot be ECDH-ES recipients")
            }
            let encryptedKey: [UInt8]
            let ephemeralPublic: OpenSSLPublicKey
            do {
                let ephemeral = try OpenSSLPrivateKey.generate(recipient.key.algorithm)
                ephemeralPublic = ephemeral.publicKey
                let z = try KeyAgreement.sharedSecret(privateKey: ephemeral, peerPublicKey: recipient.key)
                let kek = ConcatKDF.deriveKey(
                    sharedSecret: z,
                    algorithmID: keyWrapAlgorithmID,
                    partyUInfo: partyUInfo,
                    partyVInfo: partyVInfo,
                    byteCount: 32
                )
                encryptedKey = try AESKeyWrap.wrap(cek, kek: kek)
            } catch { throw .crypto("key agreement failed: \(error)") }
            var header: [String: JSONValue] = [
                "alg": .string(agreementAlgorithm),
                "epk": OKPKey(publicKey: ephemeralPublic).publicJSON,
            ]
            if let kid = recipient.kid { header["kid"] = .string(kid) }
            if !partyUInfo.isEmpty { header["apu"] = .string(Base64URL.encode(partyUInfo)) }
            if !partyVInfo.isEmpty { header["apv"] = .string(Base64URL.encode(partyVInfo)) }
            wrapped.append(Recipient(header: header, encryptedKey: encryptedKey))
        }
        var header = extraProtected
        header["enc"] = .string(contentEncryption)
        return try seal(plaintext, cek: cek, protectedHeader: header, recipients: wrapped)
    }

    private static func seal(
        _ plaintext: SecureBytes,
        cek: SecureBytes,
        protectedHeader: [String: JSONValue],
        recipients: [Recipient]
    ) throws(JOSEError) -> JWE {
        let protectedText = Base64URL.encode(Array(JSONValue.object(protectedHeader).serialized.utf8))
        let iv = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        let sealed: (ciphertext: [UInt8], tag: [UInt8])
        do { sealed = try AESGCM.seal(plaintext, key: cek, nonce: iv, authenticating: Array(protectedText.utf8)) } catch
        {
            throw .crypto(error.description)
        }
        return JWE(
            protectedText: protectedText,
            protectedHeader: protectedHeader,
            unprotectedHeader: [:],
            recipients: recipients,
            iv: iv,
            ciphertext: sealed.ciphertext,
            tag: sealed.tag,
            aadText: nil
        )
    }

    // MARK: Serialization

    /// The JSON serialization: flattened when there is at most one recipient without a header, else general.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "protected": .string(protectedText), "iv": .string(Base64URL.encode(iv)),
            "ciphertext": .string(Base64URL.encode(ciphertext)), "tag": .string(Base64URL.encode(tag)),
        ]
        if !unprotectedHeader.isEmpty { members["unprotected"] = .object(unprotectedHeader) }
        if let aadText { members["aad"] = .string(aadText) }
        if recipients.isEmpty { return .object(members) }
        members["recipients"] = .array(
            recipients.map { recipient in
                var entry: [String: JSONValue] = [:]
                if !recipient.header.isEmpty { entry["header"] = .object(recipient.header) }
                if !recipient.encryptedKey.isEmpty {
                    entry["encrypted_key"] = .string(Base64URL.encode(recipient.encryptedKey))
                }
                return .object(entry)
            }
        )
        return .object(members)
    }

    /// Parses the compact serialization (five base64url parts) or a JSON serialization given as text.
    public static func parse(_ text: String) throws(JOSEError) -> JWE {
        let trimmed = text.trimmingWhitespace
        if trimmed.hasPrefix("{") {
            guard let value = JSONValue.parse(Array(trimmed.utf8)) else { throw .malformed("the text is not JSON") }
            return try parse(json: value)
        }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5 else {
            throw .malformed("the compact serialization has 5 parts, this has \(parts.count)")
        }
        guard let encryptedKey = Base64URL.decode(parts[1]) else { throw .malformed("encrypted_key is not base64url") }
        let members: [String: JSONValue] = [
            "protected": .string(parts[0]), "iv": .string(parts[2]), "ciphertext": .string(parts[3]),
            "tag": .string(parts[4]),
        ]
        var jwe = try parse(json: .object(members))
        jwe = JWE(
            protectedText: jwe.protectedText,
            protectedHeader: jwe.protectedHeader,
            unprotectedHeader: [:],
            recipients: encryptedKey.isEmpty ? [] : [Recipient(header: [:], encryptedKey: encryptedKey)],
            iv: jwe.iv,
            ciphertext: jwe.ciphertext,
            tag: jwe.tag,
            aadText: nil
        )
        return jwe
    }

    /// Parses the general or flattened JSON serialization.
    public static func parse(json: JSONValue) throws(JOSEError) -> JWE {
        // RFC 7516 §7.2.1: members this serialization does not define are ignored (so are unknown members of
        // a recipient object, below); every member it defines is checked.
        guard let members = json.objectValue else { throw .malformed("a JWE is a JSON object") }
        guard let protectedText = members["protected"]?.stringValue else { throw .malformed("no protected header") }
        guard let protectedBytes = Base64URL.decode(protectedText),
            let protectedHeader = JSONValue.parse(protectedBytes)?.objectValue
        else {
            throw .malformedProtectedHeader
        }
        func bytes(_ name: String) throws(JOSEError) -> [UInt8] {
            guard let text = members[name]?.stringValue else { throw .malformed("no \(name)") }
            guard let value = Base64URL.decode(text) else { throw .malformed("\(name) is not base64url") }
            return value
        }
        let iv = try bytes("iv")
        let ciphertext = try bytes("ciphertext")
        let tag = try bytes("tag")
        var unprotected: [String: JSONValue] = [:]
        if let value = members["unprotected"] {
            guard let object = value.objectValue else { throw .malformed("unprotected is not an object") }
            unprotected = object
        }
        var aadText: String?
        if let value = members["aad"] {
            guard let text = value.stringValue, Base64URL.decode(text) != nil else {
                throw .malformed("aad is not base64url")
            }
            aadText = text
        }
        var recipients: [Recipient] = []
        func recipient(_ object: [String: JSONValue]) throws(JOSEError) -> Recipient {
            var header: [String: JSONValue] = [:]
            if let value = object["header"] {
                guard let h = value.objectValue else { throw .malformed("a recipient header is not an object") }
                header = h
            }
            var encryptedKey: [UInt8] = []
            if let value = object["encrypted_key"] {
                guard let text = value.stringValue, let key = Base64URL.decode(text) else {
                    throw .malformed("encrypted_key is not base64url")
                }
                encryptedKey = key
            }
            return Recipient(header: header, encryptedKey: encryptedKey)
        }
        if let list = members["recipients"] {
            guard members["header"] == nil, members["encrypted_key"] == nil else {
                throw .malformed("both recipients and flattened header/encrypted_key")
            }
            guard let array = list.arrayValue, !array.isEmpty else {
                throw .malformed("recipients is not a non-empty array")
            }
            for item in array {
                guard let object = item.objectValue else { throw .malformed("a recipient is not an object") }
                recipients.append(try recipient(object))
            }
        } else if members["header"] != nil || members["encrypted_key"] != nil {
            recipients.append(try recipient(members))
        }
        return JWE(
            protectedText: protectedText,
            protectedHeader: protectedHeader,
            unprotectedHeader: unprotected,
            recipients: recipients,
            iv: iv,
            ciphertext: ciphertext,
            tag: tag,
            aadText: aadText
        )
    }

    // MARK: Decryption

    /// The header of recipient `index` (or of the JWE when it has no recipients): protected, shared and
    /// per-recipient headers joined; a parameter in two of them is an error (RFC 7516 §7.2.1).
    public func joinedHeader(recipient index: Int?) throws(JOSEError) -> [String: JSONValue] {
        var joined = protectedHeader
        var others = [unprotectedHeader]
        if let index { others.append(recipients[index].header) }
        for header in others {
            for (name, value) in header {
                guard joined[name] == nil else { throw .duplicateHeaderParameter(name) }
                joined[name] = value
            }
        }
        return joined
    }

    /// Checks the parameters every recipient shares: `crit`, `enc`, IV and tag lengths.
    func checkCommon(_ header: [String: JSONValue]) throws(JOSEError) {
        if let crit = header["crit"] {
            // RFC 7515 §4.1.11: crit must be protected, a non-empty array of names; we understand none.
            let names = crit.arrayValue?.compactMap(\.stringValue) ?? []
            guard protectedHeader["crit"] != nil else {
                throw .unsupportedCritical(names.isEmpty ? ["crit (not protected)"] : names)
            }
            throw .unsupportedCritical(names.isEmpty ? ["crit (malformed)"] : names)
        }
        // `enc` (like `alg`) may be in any of the three headers (RFC 7516 §7.2.1); the join refused a repeat.
        guard let enc = header["enc"]?.stringValue else { throw .unsupportedEncryption("(none)") }
        guard enc == Self.contentEncryption else { throw .unsupportedEncryption(enc) }
        // Compression is not supported: decrypting without inflating would release the wrong plaintext.
        if let zip = header["zip"] { throw .unsupportedEncryption("compression zip=\(zip.stringValue ?? "?")") }
        guard iv.count == AESGCM.nonceByteCount else { throw .invalidIV(iv.count) }
        guard tag.count == AESGCM.tagByteCount else { throw .invalidTag(tag.count) }
    }

    /// Decrypts with `key`. Returns the plaintext only if the tag verified.
    public func decrypt(with key: DecryptionKey) throws(JOSEError) -> SecureBytes {
        let cek: SecureBytes
        switch key {
        case .direct(let directKey):
            guard recipients.count <= 1 else {
                throw .wrongKey("this JWE has \(recipients.count) recipients, not a direct key")
            }
            let header = try joinedHeader(recipient: recipients.isEmpty ? nil : 0)
            try checkCommon(header)
            let alg = header["alg"]?.stringValue ?? "(none)"
            guard alg == Self.directAlgorithm else { throw .unsupportedAlgorithm(alg) }
            guard recipients.first?.encryptedKey.isEmpty ?? true else { throw .malformed("dir with an encrypted_key") }
            guard directKey.count == AESGCM.keyByteCount else {
                throw .wrongKey("a dir key for A256GCM is 32 bytes, not \(directKey.count)")
            }
            cek = directKey
        case .agreement(let privateKey):
            guard !recipients.isEmpty else { throw .wrongKey("this JWE has no recipients (is it dir?)") }
            // Recipients are tried in order and the first whose encrypted key unwraps decides: recipients
            // after it are not read, so nothing in them changes the outcome.
            var found: SecureBytes?
            for index in recipients.indices {
                let header = try joinedHeader(recipient: index)
                try checkCommon(header)
                let alg = header["alg"]?.stringValue ?? "(none)"
                guard alg == Self.agreementAlgorithm else { throw .unsupportedAlgorithm(alg) }
                guard let epkValue = header["epk"] else { throw .malformed("recipient \(index + 1) has no epk") }
                let epk = try OKPKey(json: epkValue)
                guard epk.d == nil else { throw .invalidKey("the epk carries a private key") }
                guard epk.algorithm == .x25519 || epk.algorithm == .x448 else {
                    throw .invalidKey("epk is \(epk.algorithm.rawValue), not X25519 or X448")
                }
                guard epk.algorithm == privateKey.algorithm else { continue }
                let apu = try Self.partyInfo(header["apu"], "apu")
                let apv = try Self.partyInfo(header["apv"], "apv")
                let z: SecureBytes
                do {
                    z = try KeyAgreement.sharedSecret(privateKey: privateKey, peerPublicKey: try epk.publicKey())
                } catch {
                    throw .invalidKey("key agreement with the epk failed: \(error)")
                }
                let kek = ConcatKDF.deriveKey(
                    sharedSecret: z,
                    algorithmID: Self.keyWrapAlgorithmID,
                    partyUInfo: apu,
                    partyVInfo: apv,
                    byteCount: 32
                )
                if let unwrapped = try? AESKeyWrap.unwrap(recipients[index].encryptedKey, kek: kek),
                    unwrapped.count == AESGCM.keyByteCount
                {
                    found = unwrapped
                    break
                }
            }
            guard let found else {
                throw .wrongKey("no recipient's encrypted key unwraps with this \(privateKey.algorithm.rawValue) key")
            }
            cek = found
        }
        var aad = Array(protectedText.utf8)
        if let aadText { aad += Array(".\(aadText)".utf8) }
        do { return try AESGCM.open(ciphertext: ciphertext, tag: tag, key: cek, nonce: iv, authenticating: aad) } catch
        {
            if case .authenticationFailure = error { throw .authenticationFailed }
            throw .crypto(error.description)
        }
    }

    private static func partyInfo(_ value: JSONValue?, _ name: String) throws(JOSEError) -> [UInt8] {
        guard let value else { return [] }
        guard let text = value.stringValue, let bytes = Base64URL.decode(text) else {
            throw .malformed("\(name) is not base64url")
        }
        return bytes
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
