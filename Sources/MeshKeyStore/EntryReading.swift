public import MeshCrypto
public import MeshKeys

/// Reading entries: their public descriptions and, for use in this process, their private parts.
extension KeyStore {
    /// Every entry, each opened and verified. Entries that fail are returned in `failures` (by UDF).
    public func list() throws(KeyStoreError) -> (entries: [StoreEntry], failures: [KeyStoreError]) {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        var entries: [StoreEntry] = []
        var failures: [KeyStoreError] = []
        for name in try StoreFiles.names(in: path) where Self.isEntryName(name) {
            let udf = String(name.dropLast(Self.entrySuffix.count))
            do { entries.append(try load(udf: udf).entry) } catch { failures.append(error) }
        }
        return (entries, failures)
    }

    /// One entry, verified (reads only that entry's file).
    public func entry(udf: String) throws(KeyStoreError) -> StoreEntry {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        return try load(udf: try Self.normalize(udf)).entry
    }

    /// The raw private part of an entry, for use inside this process (signing, agreement): the raw
    /// private key of a key entry, or the binary seed (0xC8 ‖ specifier ‖ secret) of a seed entry.
    /// The exportable flag does not apply; `export` enforces it.
    public func privateBytes(udf: String) throws(KeyStoreError) -> SecureBytes {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        return try load(udf: try Self.normalize(udf)).secret
    }

    /// The OpenSSL private key of a key entry.
    public func privateKey(udf: String) throws(KeyStoreError) -> OpenSSLPrivateKey {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let normalized = try Self.normalize(udf)
        let (entry, secret) = try load(udf: normalized)
        guard let algorithm = entry.keyAlgorithm else {
            throw KeyStoreError(.invalidInput, "is a \(entry.type.rawValue), not a key", udf: normalized)
        }
        do { return try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: secret) } catch {
            throw KeyStoreError(.tamperedEntry, "the sealed key does not load", udf: normalized)
        }
    }

    /// The scalar of a share entry, with its entry.
    public func share(udf: String) throws(KeyStoreError) -> (entry: StoreEntry, key: ScalarKey) {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let normalized = try Self.normalize(udf)
        let (entry, secret) = try load(udf: normalized)
        guard case .share(let curve) = entry.kind else {
            throw KeyStoreError(.invalidInput, "is a \(entry.type.rawValue), not a share", udf: normalized)
        }
        do { return (entry, try ScalarKey(storedScalar: secret, curve: curve)) } catch {
            throw KeyStoreError(.tamperedEntry, "the sealed share does not load", udf: normalized)
        }
    }
}
