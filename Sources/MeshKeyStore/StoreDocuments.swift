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
    public static func writeProfileDocument(_ bytes: [UInt8], profileUDF: String, at path: String) throws(KeyStoreError) {
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
}
