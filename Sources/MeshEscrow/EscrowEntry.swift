public import MeshCrypto
public import MeshJOSE

/// An escrow entry: an ``EscrowedKeySet`` encrypted as a JWE, with an identifier, as a JSON document
/// tagged with its type (the Mesh convention of one outer member named after the type):
///
///     {"OfflineEscrowEntry": {"Identifier": "…", "EncryptedData": {JWE JSON serialization}}}
///     {"OnlineEscrowEntry":  {"Identifier": "…", "EncryptedData": {JWE JSON serialization}}}
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

    public init(kind: Kind, identifier: String, encryptedData: JWE) {
        self.kind = kind
        self.identifier = identifier
        self.encryptedData = encryptedData
    }

    /// An offline entry and the shares of its key.
    public static func sealOffline(_ keySet: EscrowedKeySet, threshold: Int, shareCount: Int)
        throws(EscrowError) -> (entry: EscrowEntry, split: SecretSharing.Split)
    {
        let key = SecureRandom.bytes(32)
        let split: SecretSharing.Split
        do { split = try SecretSharing.split(secret: key, threshold: threshold, shareCount: shareCount) } catch {
            throw EscrowError(.invalidParameters, error.description)
        }
        let jwe: JWE
        do { jwe = try JWE.encryptDirect(try keySet.serialized(), key: key) } catch let error as JOSEError {
            throw EscrowError(error)
        } catch { throw error as! EscrowError }
        return (EscrowEntry(kind: .offline, identifier: SecretSharing.identifier(of: key), encryptedData: jwe), split)
    }

    /// An online entry to `recipients` (X25519 or X448 public keys with their UDFs as `kid`).
    public static func sealOnline(_ keySet: EscrowedKeySet, to recipients: [JWE.AgreementRecipient])
        throws(EscrowError) -> EscrowEntry
    {
        let plaintext = try keySet.serialized()
        let jwe: JWE
        do { jwe = try JWE.encrypt(plaintext, to: recipients) } catch { throw EscrowError(error) }
        // The identifier of an online entry is over its ciphertext (the CEK stays inside the JWE).
        return EscrowEntry(kind: .online, identifier: Self.onlineIdentifier(jwe), encryptedData: jwe)
    }

    static func onlineIdentifier(_ jwe: JWE) -> String {
        SecretSharing.identifier(of: SecureBytes(Digest.hash(.sha256, Array((jwe.protectedText + "." + Base64URL.encode(jwe.ciphertext)).utf8))))
    }

    /// Opens an offline entry with the recovered key (from the shares).
    public func openOffline(key: SecureBytes) throws(EscrowError) -> EscrowedKeySet {
        guard kind == .offline else { throw EscrowError(.wrongEntryType, "this is an \(kind.rawValue); open it with a private key") }
        guard SecretSharing.identifier(of: key) == identifier else {
            throw EscrowError(.identifierMismatch, "the shares recover a key with identifier \(SecretSharing.identifier(of: key)), not this entry's \(identifier)")
        }
        let plaintext: SecureBytes
        do { plaintext = try encryptedData.decrypt(with: .direct(key)) } catch { throw EscrowError(error) }
        return try EscrowedKeySet.parse(plaintext)
    }

    /// Opens an online entry with one recipient's private key.
    public func openOnline(privateKey: OpenSSLPrivateKey) throws(EscrowError) -> EscrowedKeySet {
        guard kind == .online else { throw EscrowError(.wrongEntryType, "this is an \(kind.rawValue); open it with its shares") }
        guard Self.onlineIdentifier(encryptedData) == identifier else {
            throw EscrowError(.identifierMismatch, "the Identifier does not match the encrypted data")
        }
        let plaintext: SecureBytes
        do { plaintext = try encryptedData.decrypt(with: .agreement(privateKey)) } catch { throw EscrowError(error) }
        return try EscrowedKeySet.parse(plaintext)
    }

    /// The JSON document.
    public var json: JSONValue {
        .object([kind.rawValue: .object(["Identifier": .string(identifier), "EncryptedData": encryptedData.json])])
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
              let data = members["EncryptedData"] else {
            throw EscrowError(.malformedEntry, "\(tag) needs Identifier and EncryptedData")
        }
        if let unknown = members.keys.sorted().first(where: { $0 != "Identifier" && $0 != "EncryptedData" }) {
            throw EscrowError(.malformedEntry, "unknown member \(unknown)")
        }
        let jwe: JWE
        do {
            if let text = data.stringValue { jwe = try JWE.parse(text) } else { jwe = try JWE.parse(json: data) }
        } catch { throw EscrowError(error) }
        return EscrowEntry(kind: kind, identifier: identifier, encryptedData: jwe)
    }
}
