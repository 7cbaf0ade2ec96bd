#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Public documents kept in the store folder beside the entries (`<profile UDF>.profile`): written like
/// entries, atomically and under the store's exclusive lock, so that `store verify` (which removes stray
/// temporary files under the same lock) never sees a write in progress.
extension KeyStore {
    static let documentSuffix = ".profile"

    /// Writes (or replaces) `<profileUDF>.profile` in the store at `path`.
    public static func writeProfileDocument(_ bytes: [UInt8], profileUDF: String, at path: String) throws(KeyStoreError)
    {
        let name = try normalize(profileUDF) + documentSuffix
        try StoreFiles.checkFolder(path)
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try StoreFiles.atomicWrite(bytes, folder: path, name: name)
    }

    /// Removes `<profileUDF>.profile` (after a failed create), under the exclusive lock.
    public static func removeProfileDocument(profileUDF: String, at path: String) throws(KeyStoreError) {
        let name = try normalize(profileUDF) + documentSuffix
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        guard unlink(path + "/" + name) == 0 || errno == ENOENT else {
            throw KeyStoreError(.io, "cannot remove: \(StoreFiles.errnoText())", path: path + "/" + name)
        }
        try StoreFiles.syncFolder(path)
    }

    /// Writes public documents (`name` → bytes) into the store folder at `path`, each atomically, all under one
    /// hold of the exclusive lock, so that `store verify` never removes one being written and two writers do
    /// not interleave. A name is a plain file name that is not the store's own (`store.json`, `lock`, `<…>.json`
    /// entries, dot files). If one write fails, the documents this call created (not those it replaced) are
    /// removed again.
    public static func writeDocuments(
        _ documents: [(name: String, bytes: [UInt8])],
        at path: String
    ) throws(KeyStoreError) {
        for document in documents {
            let name = document.name
            guard !name.isEmpty, !name.contains("/"), !name.hasPrefix("."), !name.hasSuffix(".json"), name != "lock"
            else {
                throw KeyStoreError(
                    .invalidInput,
                    "\(name) is not a document name (entries and store files are written by the store)",
                    path: path
                )
            }
        }
        try StoreFiles.checkFolder(path)
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        var created: [String] = []
        for document in documents {
            let target = path + "/" + document.name
            let existed = access(target, F_OK) == 0
            do { try StoreFiles.atomicWrite(document.bytes, folder: path, name: document.name) } catch {
                for name in created { unlink(path + "/" + name) }
                throw error
            }
            if !existed { created.append(document.name) }
        }
    }
}
