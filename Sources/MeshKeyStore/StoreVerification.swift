import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `verify` found.
public struct VerifyReport: Sendable {
    /// Entries that opened and matched their UDF.
    public let verified: [String]
    /// One error per bad entry, naming its UDF.
    public let failures: [KeyStoreError]
    /// Stray temporary files (from interrupted writes) that were removed.
    public let removedTemporaryFiles: [String]
}

extension KeyStore {
    /// Opens every entry; reports each failure by UDF. Overwrites and removes stray temporary files (under
    /// the exclusive lock, so no write is in progress).
    public func verify() throws(KeyStoreError) -> VerifyReport {
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        var verified: [String] = []
        var failures: [KeyStoreError] = []
        var removed: [String] = []
        for name in try StoreFiles.names(in: path) {
            if name.hasPrefix(StoreFiles.temporaryPrefix) {
                // A half-written entry or an interrupted purge: overwrite (best effort), then unlink.
                let file = path + "/" + name
                try? StoreFiles.overwrite(file)
                if unlink(file) == 0 { removed.append(name) }
                continue
            }
            guard Self.isEntryName(name) else { continue }
            let udf = String(name.dropLast(Self.entrySuffix.count))
            do {
                _ = try load(udf: udf)
                verified.append(udf)
            } catch { failures.append(error) }
        }
        if !removed.isEmpty { try StoreFiles.syncFolder(path) }
        return VerifyReport(verified: verified, failures: failures, removedTemporaryFiles: removed)
    }
}
