public import MeshCrypto
import MeshUDF

extension KeyStore {
    /// The entry in `format`, as text bytes ending in a newline. Private parts only when `includePrivate`
    /// and the entry is exportable; they come back in secure memory.
    public func export(udf: String, format: ExportFormat, includePrivate: Bool) throws(KeyStoreError) -> SecureBytes {
        let normalized = try Self.normalize(udf)
        let entry = try entry(udf: normalized)
        func refuse(_ reason: String) -> KeyStoreError { KeyStoreError(.invalidInput, reason, udf: normalized) }
        if includePrivate && !entry.exportable {
            throw KeyStoreError(
                .notExportable,
                "is not exportable; its private part stays in the store",
                udf: normalized
            )
        }
        if entry.type == .seed {
            guard format == .udf else { throw refuse("is a seed; seeds export only as --format udf") }
            if !includePrivate { return SecureBytes(Array((normalized + "\n").utf8)) }
            let binary = try privateBytes(udf: normalized)
            return SecureBytes(prefix: [], SecureBytes(Array(Base32.encode(binary).utf8))).appendingNewline()
        }
        if entry.type == .share {
            guard format == .udf, !includePrivate else {
                throw refuse(
                    "is a recryption share; it exports only as its public UDF (use it in place: meshkey recrypt partial --share)"
                )
            }
            return SecureBytes(Array((normalized + "\n").utf8))
        }
        let key = try privateKey(udf: normalized)
        let algorithm = key.algorithm
        func text(_ string: String) -> SecureBytes { SecureBytes(Array(string.utf8)) }
        do {
            switch format {
            case .udf:
                guard !includePrivate else {
                    throw refuse("keys have no private UDF form; use pkcs8, jwk, openssh or age")
                }
                return text(normalized + "\n")
            case .pkcs8:
                return includePrivate ? try key.pemRepresentation() : text(try key.publicKey.pemRepresentation())
            case .jwk:
                return try JWKExport.text(key, kid: normalized, includePrivate: includePrivate)
            case .openssh:
                guard algorithm == .ed25519 else {
                    throw refuse("OpenSSH export is for Ed25519 keys (this is \(algorithm.rawValue))")
                }
                let publicRaw = key.publicKey.rawRepresentation
                if !includePrivate { return text(OpenSSHWire.publicKeyLine(publicRaw, comment: normalized)) }
                return OpenSSHWire.privateKeyPEM(
                    seed: try key.rawRepresentation(),
                    publicKey: publicRaw,
                    comment: normalized
                )
            case .age:
                guard algorithm == .x25519 else {
                    throw refuse("age export is for X25519 keys (this is \(algorithm.rawValue))")
                }
                return try AgeExport.text(key, includePrivate: includePrivate)
            }
        } catch let error as KeyStoreError {
            throw error
        } catch {
            throw KeyStoreError(.io, "export failed: \(error)", udf: normalized)
        }
    }
}

extension SecureBytes {
    func appendingNewline() -> SecureBytes {
        var copy = self
        copy.append(SecureBytes([0x0A]))
        return copy
    }
}
