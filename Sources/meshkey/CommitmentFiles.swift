import MeshCrypto
import MeshEscrow
import MeshkeyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing commitment documents (public files) for the share commands.
enum CommitmentFiles {
    /// Reads and checks a document.
    static func read(_ path: String) throws -> CommitmentDocument {
        let bytes: SecureBytes
        do { bytes = try SecureFile.read(path: path, maximumCount: 1 << 20) } catch {
            throw CommandFailure("invalid_commitments", "\(path): \(error)")
        }
        do { return try CommitmentDocument.parse(bytes.unprotectedBytes) } catch {
            throw CommandFailure(error.code.name, "\(path): \(error.reason)")
        }
    }

    /// Refuses early (before anything is written) when `path` exists.
    static func checkWritable(_ path: String) throws {
        if access(path, F_OK) == 0 {
            throw CommandFailure("file_exists", "\(path) exists; commitment documents are never overwritten")
        }
    }

    /// Creates `path` (never replacing a file) with the document.
    static func write(_ document: CommitmentDocument, to path: String) throws {
        do { try SecureFile.create(path: path, contents: SecureBytes(document.json)) } catch {
            throw CommandFailure("write_failed", error.description)
        }
    }

    /// The notes on what a document's signature does and does not show.
    static func reportSigner(_ document: CommitmentDocument) {
        CommitmentNotes.signer(of: document).forEach(Terminal.note)
    }

    /// The signer of --sign-key PEM-FILE (an Ed25519 or Ed448 private key).
    static func signer(keyFile path: String) throws -> CommitmentSigner {
        let pem: SecureBytes
        do { pem = try SecureFile.read(path: path, maximumCount: 1 << 16) } catch {
            throw CommandFailure("invalid_key", "\(path): \(error)")
        }
        guard let key = try? OpenSSLPrivateKey(pemRepresentation: pem), let signer = CommitmentSigner.key(key) else {
            throw CommandFailure(
                "invalid_key",
                "\(path) is not an Ed25519 or Ed448 private key (PEM); commitment documents are signed with EdDSA"
            )
        }
        return signer
    }
}

extension CommitmentFiles {

}
