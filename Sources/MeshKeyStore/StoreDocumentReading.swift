#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the public documents kept in the store folder (`<profile UDF>.profile`), under the store's shared
/// lock, so that a write in progress (made under the exclusive lock) is never seen half done.
extension KeyStore {
    /// The largest profile document read.
    public static let maximumDocumentSize = 1 << 16

    /// The bytes of `<profileUDF>.profile` in the store at `path`, or nil when there is none.
    public static func readProfileDocument(profileUDF: String, at path: String) throws(KeyStoreError) -> [UInt8]? {
        let name = try normalize(profileUDF) + documentSuffix
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        do { return try StoreFiles.read(path + "/" + name, limit: maximumDocumentSize) } catch {
            if error.code == .notFound { return nil }
            throw error
        }
    }

    /// The bytes of every regular `<…>.profile` file in the store at `path` (others, and files that cannot be
    /// read, are skipped), by file name.
    public static func profileDocuments(at path: String) throws(KeyStoreError) -> [(name: String, bytes: [UInt8])] {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        var documents: [(name: String, bytes: [UInt8])] = []
        for name in try StoreFiles.names(in: path) where name.hasSuffix(documentSuffix) && !name.hasPrefix(".") {
            // Regular files only (a FIFO would block the read).
            var status = stat()
            guard lstat(path + "/" + name, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                let bytes = try? StoreFiles.read(path + "/" + name, limit: maximumDocumentSize)
            else { continue }
            documents.append((name, bytes))
        }
        return documents
    }
}
