public import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `passwd`: a fresh master key, every entry re-sealed, switched in with one atomic rename.
///
/// Under the exclusive lock: every entry is opened (any failure stops here, nothing changed); the new
/// generation G+1 is written complete into `.rotation-<G+1>/` (each entry re-sealed under a new random
/// master key and bound to generation G+1, then the new `store.json`, all fsynced); the commit is the
/// rename of `.rotation-<G+1>/store.json` over `store.json`; then the new entries are renamed over the
/// old ones and the folder removed. A process killed before the commit leaves the old store (the folder
/// is removed on next open); killed after it, the next open renames the remaining new entries into place.
/// Either way `store.json` and the entries opened are one complete generation.
extension KeyStore {
    static let rotationPrefix = ".rotation-"

    static func rotationFolder(_ path: String, generation: Int) -> String {
        path + "/" + rotationPrefix + String(generation)
    }

    /// A rotation folder that recovery must deal with: G+1 (abandoned) or G (committed, not finished).
    static func hasPendingRotation(_ path: String, _ header: StoreHeader) -> Bool {
        let generation = header.generation ?? 0
        return StoreFiles.exists(rotationFolder(path, generation: generation + 1))
            || (generation >= 1 && StoreFiles.exists(rotationFolder(path, generation: generation)))
    }

    /// Rolls an interrupted rotation back (not committed) or forward (committed). Exclusive lock held.
    static func finishRotation(_ path: String) throws(KeyStoreError) {
        let header = try readHeader(path).header
        let generation = header.generation ?? 0
        let abandoned = rotationFolder(path, generation: generation + 1)
        if StoreFiles.exists(abandoned) {
            try checkRotationFolder(abandoned)
            for name in try StoreFiles.names(in: abandoned) {
                guard unlink(abandoned + "/" + name) == 0 || errno == ENOENT else {
                    throw KeyStoreError(
                        .io,
                        "cannot remove an abandoned rotation file: \(StoreFiles.errnoText())",
                        path: abandoned + "/" + name
                    )
                }
            }
            guard rmdir(abandoned) == 0 else {
                throw KeyStoreError(.io, "cannot remove: \(StoreFiles.errnoText())", path: abandoned)
            }
            try StoreFiles.syncFolder(path)
        }
        if generation >= 1 {
            let committed = rotationFolder(path, generation: generation)
            if StoreFiles.exists(committed) { try rollForward(committed, into: path) }
        }
    }

    private static func checkRotationFolder(_ folder: String) throws(KeyStoreError) {
        var status = stat()
        guard lstat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw KeyStoreError(.corruptHeader, "a rotation folder that is not a folder", path: folder)
        }
        try StoreFiles.checkMode(status, path: folder, wanted: 0o700)
    }

    /// Renames every entry of a committed generation over the old one, then removes the folder.
    private static func rollForward(_ folder: String, into path: String) throws(KeyStoreError) {
        try checkRotationFolder(folder)
        for name in try StoreFiles.names(in: folder) {
            let source = folder + "/" + name
            if isEntryName(name) {
                guard rename(source, path + "/" + name) == 0 else {
                    throw KeyStoreError(
                        .io,
                        "cannot move a rotated entry into place: \(StoreFiles.errnoText())",
                        path: source
                    )
                }
            } else {
                unlink(source)
            }
        }
        try StoreFiles.syncFolder(path)
        guard rmdir(folder) == 0 else {
            throw KeyStoreError(.io, "cannot remove: \(StoreFiles.errnoText())", path: folder)
        }
        try StoreFiles.syncFolder(path)
    }

    /// Rotates the master key: a fresh random key, every entry re-sealed under it, the header wrapped
    /// under `newPassphrase` (fresh salt; `kdfCost` or the current cost). Works on an unprotected store
    /// too (it becomes protected, with a new key). Upgrades a format 1 store to format 2. Returns the
    /// store as reopened; `self` can no longer write (`header_mismatch`).
    @discardableResult
    public func changePassphrase(to newPassphrase: SecureBytes, kdfCost: Int? = nil) throws(KeyStoreError) -> KeyStore {
        guard !newPassphrase.isEmpty else { throw KeyStoreError(.passphraseRequired, "the new passphrase is empty") }
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try Self.finishRotation(path)
        let old = try Self.readHeader(path)
        guard old.bytes == headerBytes else {
            throw KeyStoreError(
                .headerMismatch,
                "store.json changed since the store was opened; nothing was changed",
                path: path
            )
        }
        let cost = kdfCost ?? old.header.kdf?.log2_n ?? Self.defaultKDFCost
        guard Self.kdfCostRange.contains(cost) else {
            throw KeyStoreError(
                .invalidInput,
                "the KDF cost (log2 N) must be \(Self.kdfCostRange.lowerBound)…\(Self.kdfCostRange.upperBound), not \(cost)"
            )
        }
        var entries: [(entry: StoreEntry, secret: SecureBytes)] = []
        for name in try StoreFiles.names(in: path) where Self.isEntryName(name) {
            let udf = String(name.dropLast(Self.entrySuffix.count))
            do { entries.append(try load(udf: udf)) } catch {
                throw KeyStoreError(
                    error.code,
                    "\(error.reason); the passphrase was not changed (run `meshkey store verify`)",
                    udf: udf
                )
            }
        }
        let newKey = SecureRandom.bytes(32)
        let generation = (binding.generation ?? 0) + 1
        let newBinding = StoreBinding(
            headerFormat: Self.formatVersion,
            storeID: binding.storeID ?? Hex.encode(SecureRandom.bytes(16).unprotectedBytes),
            generation: generation,
            protection: "passphrase"
        )
        let header = try Self.makeHeader(
            masterKey: newKey,
            passphrase: newPassphrase,
            binding: newBinding,
            log2N: cost,
            created: old.header.created
        )
        let headerBytes = StoreJSON.encode(header)
        let staging = Self.rotationFolder(path, generation: generation)
        guard mkdir(staging, 0o700) == 0 else {
            throw KeyStoreError(.io, "cannot create the rotation folder: \(StoreFiles.errnoText())", path: staging)
        }
        try StoreFiles.syncFolder(path)
        for (entry, secret) in entries {
            try StoreFiles.atomicWrite(
                try Self.entryFile(entry, secret: secret, key: newKey, binding: newBinding),
                folder: staging,
                name: entry.udf + Self.entrySuffix
            )
        }
        try StoreFiles.atomicWrite(headerBytes, folder: staging, name: Self.headerName)
        // The commit: one rename.
        guard rename(staging + "/" + Self.headerName, path + "/" + Self.headerName) == 0 else {
            throw KeyStoreError(.io, "cannot switch to the new store.json: \(StoreFiles.errnoText())", path: path)
        }
        try StoreFiles.syncFolder(path)
        try StoreFiles.syncFolder(staging)
        try Self.rollForward(staging, into: path)
        return KeyStore(path: path, masterKey: newKey, binding: newBinding, headerBytes: headerBytes)
    }
}
