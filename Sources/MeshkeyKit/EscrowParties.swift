public import MeshCrypto
public import MeshEscrow
public import MeshJOSE
import MeshJSON
public import MeshKeyStore
public import MeshKeys

/// Who an online escrow entry is sealed to and who signs an entry, as named on the command line: store
/// keys, the store's own profile, profile documents in the store folder, JWK or profile document files.
extension KeyStore {
    /// The X448 key agreement key of the store's profile (named, or the only one): its EscrowEncryption key,
    /// derived from the account seed, with its UDF.
    public func profileEscrowKey(named profile: String?) throws -> (key: OpenSSLPrivateKey, udf: String) {
        try Self.escrowKey(of: try accountProfile(named: profile))
    }

    /// The EscrowEncryption key of `profile` as an OpenSSL X448 private key (the clamped derived scalar).
    static func escrowKey(of profile: MeshProfile) throws -> (key: OpenSSLPrivateKey, udf: String) {
        let derived = profile.key(.escrowEncryption)
        return (try OpenSSLPrivateKey(algorithm: .x448, rawRepresentation: derived.privateKey), derived.udf)
    }

    /// The store's profile (named, or the only one) as a recipient: its EscrowEncryption key.
    public func profileRecipient(named profile: String?) throws -> JWE.AgreementRecipient {
        let escrow = try profileEscrowKey(named: profile)
        return JWE.AgreementRecipient(key: escrow.key.publicKey, kid: escrow.udf)
    }

    /// A recipient named by UDF: an X25519/X448 key entry of the store, the store's own profile (its
    /// EscrowEncryption key, derived from the seed), else a profile whose document is in the store folder (by
    /// profile UDF, or by its EscrowEncryption key's UDF). Never a file of that name.
    public func escrowRecipient(udf: String) throws -> JWE.AgreementRecipient {
        if let entry = try? entry(udf: udf) {
            if entry.isAccountSeed { return try profileRecipient(named: entry.udf) }
            guard entry.type == .key else {
                throw OperationError("not_a_key", "--to \(udf) is a \(entry.type.rawValue), not an X25519/X448 key")
            }
            return try EscrowRecipient.recipient(privateKey: try privateKey(udf: entry.udf))
        }
        if let document = try profileDocument(naming: udf) { return try EscrowRecipient.recipient(profile: document) }
        throw OperationError(
            "not_found",
            "--to \(KeyLabel.displayed(udf)) is neither a key in \(path) nor a profile with a document there (a file is given with --to-file)"
        )
    }

    /// The verified profile document in the store folder whose profile UDF, or EscrowEncryption key UDF, is
    /// `udf` (documents that do not verify are skipped), or nil.
    public func profileDocument(naming udf: String) throws -> ProfileDocument? {
        for file in try Self.profileDocuments(at: path) {
            guard let document = try? ProfileDocument.verify(file.bytes) else { continue }
            if EscrowRecipient.sameUDF(document.profileUDF, udf)
                || document.key(.escrowEncryption).map({ EscrowRecipient.sameUDF($0.udf, udf) }) == true
            {
                return document
            }
        }
        return nil
    }

    /// The signer of an entry: the store key `udf` (Ed25519/Ed448), or with `profile` .some the profile's
    /// ProfileSignature key (the signer's UDF is then the profile UDF); nil when neither is given.
    public func sealSigner(udf: String?, profile: String??) throws -> SealSigner? {
        if let udf {
            do { return try SealSigner(key: try privateKey(udf: udf)) } catch let error as EscrowError {
                throw OperationError(error.errorCode, "--sign-with \(udf): \(error.reason)")
            }
        }
        if let profile { return try SealSigner(derived: try accountProfile(named: profile).key(.profileSignature)) }
        return nil
    }
}

/// A recipient given as a file: a public OKP JWK (whose kid must be the key's UDF) or a profile document.
public enum EscrowRecipientFile {
    /// The largest recipient file read.
    public static let maximumSize = 1 << 16

    /// Reads and checks the recipient file at `path`.
    public static func recipient(path: String) throws -> JWE.AgreementRecipient {
        let bytes = try SecureFile.read(path: path, maximumCount: maximumSize)
        guard let json = JSONValue.parse(bytes.unprotectedBytes) else {
            throw OperationError("invalid_recipient", "\(path) is not a JSON JWK or profile document")
        }
        do {
            if json["signatures"] != nil {
                let document: ProfileDocument
                do { document = try ProfileDocument.verify(bytes.unprotectedBytes) } catch {
                    throw OperationError(error.errorCode, "\(path): not a valid profile document: \(error.reason)")
                }
                return try EscrowRecipient.recipient(profile: document)
            }
            return try EscrowRecipient.recipient(jwk: try OKPKey(json: json))
        } catch let error as OperationError { throw error } catch let error as any CodedError {
            throw OperationError(error.errorCode, "\(path): \(error.reason)")
        }
    }
}
