import MeshCrypto

extension KeyStore {
    /// Under the exclusive lock, before anything is written: `store.json` is still the header this value
    /// was opened with, and an entry in the folder opens under it (same master key, store id, generation
    /// and protection). Otherwise `header_mismatch` and nothing is written.
    func checkUnchangedHeader() throws(KeyStoreError) {
        let current: [UInt8]
        do { current = try StoreFiles.read(path + "/" + Self.headerName) } catch {
            throw KeyStoreError(
                .headerMismatch,
                "store.json is gone or unreadable since the store was opened (\(error.reason)); nothing was written",
                path: path
            )
        }
        guard current == headerBytes else {
            throw KeyStoreError(
                .headerMismatch,
                "store.json changed since the store was opened (replaced, or the passphrase was changed); nothing was written",
                path: path
            )
        }
        // One entry that opens under this header is enough; up to 8 are tried, so that one damaged entry
        // (left to `verify`) does not block writes. If none opens, the header is not the entries' header:
        // another store's, an older generation's, or a planted key.
        var tried: [String] = []
        for name in try StoreFiles.names(in: path) where Self.isEntryName(name) {
            guard let bytes = try? StoreFiles.read(path + "/" + name), StoreJSON.decode(EntryFile.self, bytes) != nil
            else { continue }
            let udf = String(name.dropLast(Self.entrySuffix.count))
            do {
                _ = try load(udf: udf)
                return
            } catch {
                guard error.code == .tamperedEntry else { continue }
                tried.append(udf)
                if tried.count == 8 { break }
            }
        }
        guard tried.isEmpty else {
            throw KeyStoreError(
                .headerMismatch,
                "no entry opens under this store.json (\(tried.count) tried, first \(tried[0])): the header was replaced, or the entries are damaged (run `meshkey store verify`); nothing was written",
                path: path
            )
        }
    }
}
