public import MeshCrypto
public import MeshKeys
import MeshUDF

/// A profile document as a file of its own (`profile verify DOC`, `profile derive --document FILE`).
public enum ProfileDocumentFile {
    /// The largest document read.
    public static let maximumSize = 1 << 20

    /// Reads the file at `path` (`-` is standard input) without verifying it.
    public static func read(_ path: String) throws(SecureFile.ReadError) -> [UInt8] {
        try SecureFile.read(path: path, maximumCount: maximumSize).unprotectedBytes
    }

    /// Verifies `bytes` as a profile document (signature, profile UDF, every key UDF); with `expecting`, its
    /// profile UDF must also be that one (`profile_mismatch`).
    public static func verify(_ bytes: [UInt8], expecting expected: String? = nil) throws -> ProfileDocument {
        let document = try ProfileDocument.verify(bytes)
        if let expected, !UDFMatch.same(expected, document.profileUDF) {
            throw OperationError("profile_mismatch", "the profile UDF is \(document.profileUDF), not \(expected)")
        }
        return document
    }

    /// Creates `path` (never replacing a file) with the signed document of `profile`.
    public static func create(for profile: MeshProfile, at path: String) throws {
        _ = try SecureFile.create(path: path, contents: SecureBytes(try ProfileDocument(profile: profile).json))
    }
}
