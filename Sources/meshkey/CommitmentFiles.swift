#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MeshCrypto
import MeshEscrow

/// Reading and writing commitment documents (public files) for the share commands.
enum CommitmentFiles {
    /// Reads and checks a document; on failure one line and exit 1.
    static func read(_ path: String, command: String) -> CommitmentDocument {
        let bytes: SecureBytes
        do { bytes = try SecureFile.read(path: path, maximumCount: 1 << 20) } catch {
            fail(command, "invalid_commitments: \(path): \(error)")
        }
        do { return try CommitmentDocument.parse(bytes.unprotectedBytes) } catch {
            fail(command, "\(error.code.name): \(path): \(error.reason)")
        }
    }

    /// Refuses early (before anything is written) when `path` exists.
    static func checkWritable(_ path: String, command: String) {
        if access(path, F_OK) == 0 { fail(command, "file_exists: \(path) exists; commitment documents are never overwritten") }
    }

    /// Creates `path` (never replacing a file) with the document.
    static func write(_ document: CommitmentDocument, to path: String, command: String) {
        do { try SecureFile.create(path: path, contents: SecureBytes(document.json)) } catch {
            fail(command, "write_failed: \(error.description)")
        }
    }

    /// The warnings for what a document's signature does and does not show.
    static func reportSigner(_ document: CommitmentDocument, command: String) {
        if let signer = document.signer {
            if signer != document.setIdentifier {
                Terminal.error("meshkey \(command): the commitment document is signed by \(signer) (not the set's identifier \(document.setIdentifier)): check that you trust that key")
            }
        } else {
            Terminal.error("meshkey \(command): warning: the commitment document is not signed: it shows the shares belong together, not who made them")
        }
    }

    /// The line printed on sheets.
    static func sheetLines(_ document: CommitmentDocument) -> [String] {
        ["Commitment document \(document.udf) (epoch \(document.epoch)). Check this sheet alone:",
         "    meshkey share verify --commitments FILE SHARE"]
    }
}

extension CommitmentFiles {
    /// The signer of --sign-key PEM-FILE (an Ed25519 or Ed448 private key), or one line and exit 1.
    static func signer(keyFile path: String, command: String) -> CommitmentSigner {
        let pem: SecureBytes
        do { pem = try SecureFile.read(path: path, maximumCount: 1 << 16) } catch { fail(command, "invalid_key: \(path): \(error)") }
        guard let key = try? OpenSSLPrivateKey(pemRepresentation: pem), let signer = CommitmentSigner.key(key) else {
            fail(command, "invalid_key: \(path) is not an Ed25519 or Ed448 private key (PEM); commitment documents are signed with EdDSA")
        }
        return signer
    }
}
