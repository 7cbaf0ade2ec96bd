import MeshCrypto
public import MeshEscrow

/// Escrow entries as files.
public enum EscrowEntryFile {
    /// The largest entry file read.
    public static let maximumSize = 4 << 20

    /// Reads and parses the entry file at `path` (`-` is standard input); a parse error names the file.
    public static func read(_ path: String) throws -> EscrowEntry {
        let bytes = try SecureFile.read(path: path, maximumCount: maximumSize)
        do { return try EscrowEntry.parse(bytes.unprotectedBytes) } catch {
            throw OperationError(error.errorCode, "\(path): \(error.reason)")
        }
    }
}
