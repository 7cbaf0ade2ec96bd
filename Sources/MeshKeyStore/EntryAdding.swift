public import MeshCrypto
import MeshKeys
public import MeshMath
public import MeshUDF

/// Adding entries: generated or given keys, seeds and shares, each sealed and written atomically under the exclusive lock.
extension KeyStore {
    /// Generates a key with OpenSSL and stores it. Returns the new entry.
    public func generate(
        _ algorithm: KeyAlgorithm,
        exportable: Bool = true,
        label: String? = nil
    ) throws(KeyStoreError) -> StoreEntry {
        let key: OpenSSLPrivateKey
        do { key = try OpenSSLPrivateKey.generate(algorithm) } catch {
            throw KeyStoreError(.io, "key generation failed: \(error)")
        }
        return try add(key: key, exportable: exportable, label: label)
    }

    /// Stores a private key.
    public func add(
        key: OpenSSLPrivateKey,
        exportable: Bool = true,
        label: String? = nil
    ) throws(KeyStoreError) -> StoreEntry {
        try Self.checkLabel(label)
        let raw: SecureBytes
        let published: [UInt8]
        do {
            raw = try key.rawRepresentation()
            published = try StandardKey.publishedForm(of: key, curve: key.algorithm)
        } catch { throw KeyStoreError(.invalidInput, "cannot read the key: \(error)") }
        let udf = KeyFingerprint.udf(curve: key.algorithm, key: published)
        let entry = StoreEntry(
            udf: udf,
            kind: .key(key.algorithm),
            label: label,
            exportable: exportable,
            created: StoreJSON.now(),
            publicKey: published,
            group: nil
        )
        try store(entry, secret: raw)
        return entry
    }

    /// Stores a seed. An account seed (specifier MeshProfileAccount) is named by its profile UDF; any
    /// other seed by the content digest of its binary form under content type `meshkey-seed`.
    /// Seeds with fewer than 16 secret bytes are refused.
    public func add(seed: SeedUDF, exportable: Bool = true, label: String? = nil) throws(KeyStoreError) -> StoreEntry {
        try Self.checkLabel(label)
        guard seed.secret.count >= 16 else {
            throw KeyStoreError(
                .invalidInput,
                "the seed's secret is \(seed.secret.count) bytes; at least 16 are needed"
            )
        }
        let udf = try Self.seedUDF(seed.binary)
        let entry = StoreEntry(
            udf: udf,
            kind: .seed(seed.specifier),
            label: label,
            exportable: exportable,
            created: StoreJSON.now(),
            publicKey: nil,
            group: nil
        )
        try store(entry, secret: seed.binary)
        return entry
    }

    /// Stores a share of a split group key (a recryption share): a non-zero scalar mod L for `curve`, named
    /// by the fingerprint of its public point; `group` is the group public key (RFC 8032 or extended).
    public func add(
        share: CurveScalar,
        curve: KeyAlgorithm,
        group: [UInt8],
        exportable: Bool = true,
        label: String? = nil
    ) throws(KeyStoreError) -> StoreEntry {
        try Self.checkLabel(label)
        let key: ScalarKey
        do {
            key = try ScalarKey(scalar: share, curve: curve)
            _ = try GroupElement.decode(group, curve: curve)
        } catch { throw KeyStoreError(.invalidInput, "not a share of a \(curve.rawValue) group key: \(error)") }
        let entry = StoreEntry(
            udf: key.udf(),
            kind: .share(curve),
            label: label,
            exportable: exportable,
            created: StoreJSON.now(),
            publicKey: key.publicKeyExtended,
            group: group
        )
        try store(entry, secret: key.scalar.bytes)
        return entry
    }

    func store(_ entry: StoreEntry, secret: SecureBytes) throws(KeyStoreError) {
        let bytes = try Self.entryFile(entry, secret: secret, key: masterKey, binding: binding)
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try checkUnchangedHeader()
        guard !StoreFiles.exists(entryPath(entry.udf)) else {
            throw KeyStoreError(.exists, "already in the store", udf: entry.udf)
        }
        try StoreFiles.atomicWrite(bytes, folder: path, name: entry.udf + Self.entrySuffix)
    }

    /// Labels are printed on terminals: control characters are refused (``KeyLabel``).
    static func checkLabel(_ label: String?) throws(KeyStoreError) {
        if let label, let problem = KeyLabel.problem(label) { throw KeyStoreError(.invalidInput, problem) }
    }

    static let seedContentType = "meshkey-seed"

    static func seedUDF(_ binary: SecureBytes) throws(KeyStoreError) -> String {
        let seed: SeedUDF
        do { seed = try SeedUDF(binary: binary) } catch {
            throw KeyStoreError(.invalidInput, "not a seed: \(error.reason)")
        }
        if seed.specifier == .meshProfileAccount {
            do {
                return try DerivedKey(seed: seed, keyName: MeshProfile.Role.profileSignature.keyName, curve: .ed448).udf
            } catch { throw KeyStoreError(.io, "profile key derivation failed: \(error)") }
        }
        return ContentDigest(data: binary.unprotectedBytes, contentType: seedContentType).presentation()
    }
}
