public import MeshCrypto

extension KeyStore {
    /// The private key of a key entry, for a path that lets key material leave the store in some form: sealed
    /// into an escrow entry, split into recryption shares. A non-exportable entry is refused
    /// (`not_exportable`) unless `allowNonExportable` (the CLI's `--allow-non-exportable`) says that the
    /// owner means it. (`privateKey(udf:)` is for use inside this process: signing, agreement.)
    public func releasablePrivateKey(
        udf: String,
        allowNonExportable: Bool
    ) throws(KeyStoreError)
        -> (entry: StoreEntry, key: OpenSSLPrivateKey)
    {
        let normalized = try Self.normalize(udf)
        let entry = try entry(udf: normalized)
        guard entry.type == .key else {
            throw KeyStoreError(.invalidInput, "is a \(entry.type.rawValue), not a key", udf: normalized)
        }
        if !entry.exportable && !allowNonExportable {
            throw KeyStoreError(
                .notExportable,
                "is not exportable; its private key stays in the store (give --allow-non-exportable to let it leave anyway)",
                udf: normalized
            )
        }
        let key = try privateKey(udf: normalized)
        return (entry, key)
    }
}
