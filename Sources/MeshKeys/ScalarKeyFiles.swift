public import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of key co-generation, recryption and threshold decryption: private keys read as PKCS#8 PEM
/// (as `meshkey key generate --out` writes them) or JSON key files (``ScalarKeyFile``), shares read as a
/// ``KeyComposite`` or a key file, and the key files these operations write (new files, mode 0600).
public enum ScalarKeyFiles {
    /// The largest key file read, in bytes.
    public static let maximumFileSize = 1 << 16

    /// A key file's bytes (`-` is standard input), in secure memory.
    public static func read(_ path: String) throws(ScalarKeyError) -> SecureBytes {
        do { return try SecureFile.read(path: path, maximumCount: maximumFileSize) } catch {
            throw ScalarKeyError(ScalarKeyError.Code(name: error.code.rawValue), error.description)
        }
    }

    /// The private key in the file at `path`: PKCS#8 PEM or a JSON key file. A key that does not parse is
    /// refused with the path before the reason.
    public static func readKey(_ path: String) throws(ScalarKeyError) -> ScalarKey {
        let bytes = try read(path)
        do {
            if bytes.count > 10 && bytes.slice(0..<10).unprotectedBytes == Array("-----BEGIN".utf8) {
                let key = try OpenSSLPrivateKey(pemRepresentation: bytes)
                return try ScalarKey(standardPrivate: key.rawRepresentation(), curve: key.algorithm)
            }
            return try ScalarKeyFile(json: bytes).key()
        } catch let error as ScalarKeyError {
            throw ScalarKeyError(error.code, "\(path): \(error)")
        } catch {
            throw ScalarKeyError(.invalidKey, "\(path): \(error)")
        }
    }

    /// The recryption share in the file at `path`: the member's ``KeyComposite`` or the service's key file.
    public static func readShare(_ path: String) throws(ScalarKeyError) -> ScalarKey {
        let bytes = try read(path)
        do {
            if let record = try? KeyComposite(json: bytes) {
                return try ScalarKey(scalar: record.part, curve: record.curve)
            }
            return try ScalarKeyFile(json: bytes).key()
        } catch { throw ScalarKeyError(error.code, "\(path): \(error)") }
    }

    /// Creates each file (mode 0600; an existing file is never overwritten), all or none: when one cannot be
    /// created or written, the files this call already created are removed before the error is thrown.
    /// `sharedFolder` is called with each file created in a folder other users can read.
    public static func createAll(
        _ files: [(contents: SecureBytes, path: String)],
        sharedFolder: (String) -> Void
    ) throws(ScalarKeyError) {
        var created: [String] = []
        for file in files {
            do {
                if try !SecureFile.create(path: file.path, contents: file.contents) { sharedFolder(file.path) }
            } catch {
                for path in created { unlink(path) }
                throw ScalarKeyError(.cannotWrite, "\(error)")
            }
            created.append(file.path)
        }
    }
}
