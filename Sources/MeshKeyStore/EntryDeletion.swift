import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deleting and purging entry files.
extension KeyStore {
    /// Deletes an entry's file.
    public func delete(udf: String) throws(KeyStoreError) {
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try unlinkEntry(try Self.normalize(udf))
    }

    /// Deletes the file of the entry named by a normalized UDF; the caller holds the exclusive lock.
    func unlinkEntry(_ normalized: String) throws(KeyStoreError) {
        let file = entryPath(normalized)
        guard StoreFiles.exists(file) else {
            throw KeyStoreError(.notFound, "no such entry in \(path)", udf: normalized)
        }
        guard unlink(file) == 0 else {
            throw KeyStoreError(.io, "cannot delete: \(StoreFiles.errnoText())", udf: normalized)
        }
        try StoreFiles.syncFolder(path)
    }

    /// Renames the entry to a temporary name, overwrites its bytes with random data, fsyncs, then unlinks
    /// it. Overwriting is best effort: SSDs and journaling or copy-on-write file systems may keep copies.
    public func purge(udf: String) throws(KeyStoreError) {
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try overwriteEntry(try Self.normalize(udf))
    }

    /// Overwrites and deletes the entry named by a normalized UDF; the caller holds the exclusive lock.
    func overwriteEntry(_ normalized: String) throws(KeyStoreError) {
        let file = entryPath(normalized)
        guard StoreFiles.exists(file) else {
            throw KeyStoreError(.notFound, "no such entry in \(path)", udf: normalized)
        }
        let temporary = StoreFiles.temporaryName(in: path)
        guard rename(file, temporary) == 0 else {
            throw KeyStoreError(.io, "cannot rename: \(StoreFiles.errnoText())", udf: normalized)
        }
        try StoreFiles.syncFolder(path)
        try StoreFiles.overwrite(temporary)
        guard unlink(temporary) == 0 else {
            throw KeyStoreError(.io, "cannot unlink: \(StoreFiles.errnoText())", udf: normalized)
        }
        try StoreFiles.syncFolder(path)
    }
}
