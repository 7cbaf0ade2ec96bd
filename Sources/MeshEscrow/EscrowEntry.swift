public import MeshCrypto
public import MeshJOSE
public import MeshJSON

/// An escrow entry: an ``EscrowedKeySet`` encrypted as a JWE, with an identifier, as a JSON document
/// tagged with its type (the Mesh convention of one outer member named after the type):
///
///     {"OfflineEscrowEntry": {"Identifier": "…", "EncryptedData": {JWE JSON serialization}}}
///     {"OnlineEscrowEntry":  {"Identifier": "…", "EncryptedData": {JWE JSON serialization}, "Signature": {JWS}}}
///
/// `Signature` (optional; the sender's, see ``SealSignature``) covers the rest of the document.
///
/// * Offline: `dir` + `A256GCM` under a fresh 256-bit key that is split into Mesh shares and not stored.
/// * Online: `ECDH-ES+A256KW` + `A256GCM`, one recipient per escrow key (`kid` = the key's UDF).
///
/// In both, `Identifier` is the reference's key identifier of the 256-bit content encryption key
/// (``SecretSharing/identifier(of:)``, the identifier `meshkey split` prints beside shares); it lets
/// shares or a recovered key be matched to their entry before anything is decrypted.
public struct EscrowEntry: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case offline = "OfflineEscrowEntry"
        case online = "OnlineEscrowEntry"
    }

    public let kind: Kind
    public let identifier: String
    public let encryptedData: JWE
    /// The sender's signature (``SealSignature``), if the entry is signed.
    public let signature: SealSignature?

    public init(kind: Kind, identifier: String, encryptedData: JWE, signature: SealSignature? = nil) {
        self.kind = kind
        self.identifier = identifier
        self.encryptedData = encryptedData
        self.signature = signature
    }

    /// The entry signed by `signer` (whose UDF the JWE must already name, see ``SealSignature``).
    func signed(by signer: SealSigner?) throws(EscrowError) -> EscrowEntry {
        guard let signer else { return self }
        return EscrowEntry(
            kind: kind,
            identifier: identifier,
            encryptedData: encryptedData,
            signature: try SealSignature.sign(signedContent, with: signer)
        )
    }

    /// The JWE protected-header members that name `signer`.
    static func signerHeader(_ signer: SealSigner?) throws(EscrowError) -> [String: JSONValue] {
        guard let signer else { return [:] }
        return [SealSignature.jweHeader: .string(signer.udf)]
    }

    /// An offline entry and the shares of its key; signed when `signer` (Ed25519 or Ed448) is given.
    public static func sealOffline(
        _ keySet: EscrowedKeySet,
        threshold: Int,
        shareCount: Int,
        signer: SealSigner? = nil
    )
        throws(EscrowError) -> (entry: EscrowEntry, split: SecretSharing.Split)
    {
        let key = SecureRandom.bytes(32)
        let split: SecretSharing.Split
        do { split = try SecretSharing.split(secret: key, threshold: threshold, shareCount: shareCount) } catch {
            throw EscrowError(.invalidParameters, error.description)
        }
        let jwe: JWE
        let header = try signerHeader(signer)
        do { jwe = try JWE.encryptDirect(try keySet.serialized(), key: key, extraProtected: header) } catch let error
            as JOSEError
        {
            throw EscrowError(error)
        } catch { throw error as! EscrowError }
        let entry = EscrowEntry(kind: .offline, identifier: SecretSharing.identifier(of: key), encryptedData: jwe)
        return (try entry.signed(by: signer), split)
    }

    /// An online entry to `recipients` (X25519 or X448 public keys with their UDFs as `kid`), signed by
    /// `signer` (an Ed25519 or Ed448 key of the sender) when given.
    public static func sealOnline(
        _ keySet: EscrowedKeySet,
        to recipients: [JWE.AgreementRecipient],
        signer: SealSigner? = nil
    )
        throws(EscrowError) -> EscrowEntry
    {
        let plaintext = try keySet.serialized()
        let header = try signerHeader(signer)
        let jwe: JWE
        do { jwe = try JWE.encrypt(plaintext, to: recipients, extraProtected: header) } catch {
            throw EscrowError(error)
        }
        // The identifier of an online entry is over its ciphertext (the CEK stays inside the JWE).
        return try EscrowEntry(kind: .online, identifier: Self.onlineIdentifier(jwe), encryptedData: jwe).signed(
            by: signer
        )
    }

    /// What the signature covers: the document without `Signature`, compact with sorted members.
    public var signedContent: [UInt8] {
        Array(
            JSONValue.object([
                kind.rawValue: .object(["Identifier": .string(identifier), "EncryptedData": encryptedData.json])
            ]).serialized.utf8
        )
    }

    /// Checks the signature against `expectation` without decrypting; the verified signer's UDF, or nil.
    public func checkSignature(_ expectation: SealSignature.Expectation) throws(EscrowError) -> String? {
        try SealSignature.check(signature, content: signedContent, expectation: expectation)
    }

    static func onlineIdentifier(_ jwe: JWE) -> String {
        SecretSharing.identifier(
            of: SecureBytes(
                Digest.hash(.sha256, Array((jwe.protectedText + "." + Base64URL.encode(jwe.ciphertext)).utf8))
            )
        )
    }

    /// Opens an offline entry with the recovered key (from the shares). A signature, if present, is verified
    /// and held to `expectation`.
    public func openOffline(
        key: SecureBytes,
        expectation: SealSignature.Expectation = .none
    ) throws(EscrowError) -> EscrowedKeySet {
        guard kind == .offline else {
            throw EscrowError(.wrongEntryType, "this is an \(kind.rawValue); open it with a private key")
        }
        let signer = try checkSignature(expectation)
        guard SecretSharing.identifier(of: key) == identifier else {
            throw EscrowError(
                .identifierMismatch,
                "the shares recover a key with identifier \(SecretSharing.identifier(of: key)), not this entry's \(identifier)"
            )
        }
        let plaintext: SecureBytes
        do { plaintext = try encryptedData.decrypt(with: .direct(key)) } catch { throw EscrowError(error) }
        try SealSignature.checkBinding(encryptedData, signer: signer)
        return try EscrowedKeySet.parse(plaintext)
    }

    /// Opens an online entry with one recipient's private key. The signature is checked first (nothing is
    /// decrypted when it fails `expectation`), then the JWE's named signer against it.
    public func openOnline(
        privateKey: OpenSSLPrivateKey,
        expectation: SealSignature.Expectation = .none
    )
        throws(EscrowError) -> EscrowedKeySet
    {
        guard kind == .online else {
            throw EscrowError(.wrongEntryType, "this is an \(kind.rawValue); open it with its shares")
        }
        guard Self.onlineIdentifier(encryptedData) == identifier else {
            throw EscrowError(.identifierMismatch, "the Identifier does not match the encrypted data")
        }
        let signer = try checkSignature(expectation)
        let plaintext: SecureBytes
        do { plaintext = try encryptedData.decrypt(with: .agreement(privateKey)) } catch { throw EscrowError(error) }
        try SealSignature.checkBinding(encryptedData, signer: signer)
        return try EscrowedKeySet.parse(plaintext)
    }

    /// The JSON document.
    public var json: JSONValue {
        var body: [String: JSONValue] = ["Identifier": .string(identifier), "EncryptedData": encryptedData.json]
        if let signature { body[SealSignature.member] = signature.json }
        return .object([kind.rawValue: .object(body)])
    }

    /// Pretty-printed document bytes, ending in a newline.
    public var document: [UInt8] { Array((json.pretty() + "\n").utf8) }

    /// Reads an entry document.
    public static func parse(_ bytes: [UInt8]) throws(EscrowError) -> EscrowEntry {
        guard let outer = JSONValue.parse(bytes)?.objectValue else { throw EscrowError(.malformedEntry, "not JSON") }
        guard outer.count == 1, let (tag, body) = outer.first, let kind = Kind(rawValue: tag) else {
            throw EscrowError(.malformedEntry, "expected one member OfflineEscrowEntry or OnlineEscrowEntry")
        }
        guard let members = body.objectValue, let identifier = members["Identifier"]?.stringValue,
            let data = members["EncryptedData"]
        else {
            throw EscrowError(.malformedEntry, "\(tag) needs Identifier and EncryptedData")
        }
        if let unknown = members.keys.sorted().first(where: {
            !["Identifier", "EncryptedData", SealSignature.member].contains($0)
        }) {
            throw EscrowError(.malformedEntry, "unknown member \(unknown)")
        }
        let jwe: JWE
        do {
            if let text = data.stringValue { jwe = try JWE.parse(text) } else { jwe = try JWE.parse(json: data) }
        } catch { throw EscrowError(error) }
        let signature = try members[SealSignature.member].map { value throws(EscrowError) in
            try SealSignature.parse(value)
        }
        return EscrowEntry(kind: kind, identifier: identifier, encryptedData: jwe, signature: signature)
    }
}
