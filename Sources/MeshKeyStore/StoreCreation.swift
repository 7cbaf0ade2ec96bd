public import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Creating and opening a store, and its state without the passphrase.
extension KeyStore {
    /// Creates a store at `path` (the folder is created with mode 0700 if missing; an existing folder must
    /// already be 0700). `passphrase` nil means `--insecure-no-passphrase`.
    public static func initialize(
        at path: String,
        passphrase: SecureBytes?,
        kdfCost: Int = defaultKDFCost
    ) throws(KeyStoreError) -> KeyStore {
        guard kdfCostRange.contains(kdfCost) else {
            throw KeyStoreError(
                .invalidInput,
                "the KDF cost (log2 N) must be \(kdfCostRange.lowerBound)…\(kdfCostRange.upperBound), not \(kdfCost)"
            )
        }
        if let passphrase, passphrase.isEmpty { throw KeyStoreError(.passphraseRequired, "the passphrase is empty") }
        if !StoreFiles.exists(path) { try makeFolders(path) }
        try StoreFiles.checkFolder(path)
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        guard !StoreFiles.exists(path + "/" + headerName) else {
            throw KeyStoreError(.exists, "a key store already exists here", path: path)
        }
        let masterKey = SecureRandom.bytes(32)
        let binding = StoreBinding(
            headerFormat: formatVersion,
            storeID: Hex.encode(SecureRandom.bytes(16).unprotectedBytes),
            generation: 1,
            protection: passphrase == nil ? "none" : "passphrase"
        )
        let header = try makeHeader(
            masterKey: masterKey,
            passphrase: passphrase,
            binding: binding,
            log2N: kdfCost,
            created: StoreJSON.now()
        )
        let bytes = StoreJSON.encode(header)
        try StoreFiles.atomicWrite(bytes, folder: path, name: headerName)
        return KeyStore(path: path, masterKey: masterKey, binding: binding, headerBytes: bytes)
    }

    /// Opens the store at `path`, unlocking the master key with `passphrase`. `nil` is the explicit
    /// request to open an unprotected store (`--unprotected`): a store with a passphrase then fails with
    /// `passphrase_required`, and a passphrase given to a store whose header says "none" fails with
    /// `unprotected_store` (a replaced `store.json` must not silently take over). A rotation (`passwd`)
    /// that was interrupted is first finished or rolled back, under the exclusive lock.
    public static func open(at path: String, passphrase: SecureBytes?) throws(KeyStoreError) -> KeyStore {
        try StoreFiles.checkFolder(path)
        let (header, bytes) = try readHeaderRecovering(path)
        return KeyStore(
            path: path,
            masterKey: try unlock(header, passphrase: passphrase, path: path),
            binding: StoreBinding(header),
            headerBytes: bytes
        )
    }

    /// Whether the store at `path` needs a passphrase (false for `--insecure-no-passphrase`).
    public static func needsPassphrase(at path: String) throws(KeyStoreError) -> Bool {
        // The header alone: opening a store must not list its folder (`show` stays O(1) in the entries).
        try StoreFiles.checkFolder(path)
        return try readHeaderRecovering(path).header.protection == "passphrase"
    }

    /// The header and entry counts, without the passphrase.
    public static func status(at path: String) throws(KeyStoreError) -> StoreStatus {
        try StoreFiles.checkFolder(path)
        _ = try readHeaderRecovering(path)
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let header = try readHeader(path).header
        let names = try StoreFiles.names(in: path)
        return StoreStatus(
            path: path,
            format: header.format,
            passphraseProtected: header.protection == "passphrase",
            kdfName: header.kdf?.name,
            kdfLog2N: header.kdf?.log2_n,
            kdfR: header.kdf?.r,
            kdfP: header.kdf?.p,
            created: header.created,
            entryCount: names.filter(isEntryName).count,
            temporaryFileCount: names.filter { $0.hasPrefix(StoreFiles.temporaryPrefix) }.count
        )
    }

    static func makeFolders(_ path: String) throws(KeyStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        let parts = path.split(separator: "/")
        for (index, part) in parts.enumerated() {
            prefix += "/" + part
            if StoreFiles.exists(prefix) { continue }
            // Intermediate folders get the usual mode; the store folder itself 0700.
            let mode: mode_t = index == parts.count - 1 ? 0o700 : 0o755
            guard mkdir(prefix, mode) == 0 || errno == EEXIST else {
                throw KeyStoreError(.io, "cannot create the folder: \(StoreFiles.errnoText())", path: prefix)
            }
        }
        // mkdir applies the umask; make sure the store folder is exactly 0700.
        guard chmod(path, 0o700) == 0 else {
            throw KeyStoreError(.io, "cannot chmod: \(StoreFiles.errnoText())", path: path)
        }
    }
}
