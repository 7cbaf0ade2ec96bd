import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshKeyStore
import MeshKeys
import MeshUDF
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Meshkey {
    struct Escrow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escrow",
            abstract: "Escrow entries: private keys from the store sealed as a JWE (offline with shares, online to escrow keys).",
            subcommands: [Seal.self, Open.self, Inspect.self])
    }
}

/// Helpers the escrow commands share.
enum EscrowFiles {
    static let maximumEntrySize = 4 << 20

    /// Reads and parses an entry file.
    static func readEntry(_ path: String, command: String) -> EscrowEntry {
        let bytes: SecureBytes
        do { bytes = try SecureFile.read(path: path, maximumCount: maximumEntrySize) } catch { fail(command, error) }
        do { return try EscrowEntry.parse(bytes.unprotectedBytes) } catch { fail(command, "\(path): \(error)") }
    }

    /// The account profile of the store's account seed (the one named by `profile`, or the only one).
    static func profile(in store: KeyStore, profile udf: String?, command: String) -> MeshProfile {
        let entry = ProfileFiles.accountSeedEntry(in: store, profile: udf, command: command)
        do {
            let seed = try SeedUDF(binary: try store.privateBytes(udf: entry.udf))
            return try MeshProfile(accountSeed: seed)
        } catch { fail(command, error) }
    }

    /// The profile's EscrowEncryption key as an OpenSSL X448 private key (the clamped derived scalar).
    static func escrowKey(of profile: MeshProfile, command: String) -> (key: OpenSSLPrivateKey, udf: String) {
        let derived = profile.key(.escrowEncryption)
        do { return (try OpenSSLPrivateKey(algorithm: .x448, rawRepresentation: derived.privateKey), derived.udf) } catch {
            fail(command, error)
        }
    }

    /// One line per key: role (control characters shown escaped), algorithm, UDF, and `non-exportable`
    /// for a key that will be installed so.
    static func describe(_ keys: [EscrowedKeySet.Key]) -> [String] {
        keys.map {
            "\(KeyLabel.displayed($0.role ?? "-").padding(to: 24)) \($0.privateKey.algorithm.rawValue.padding(to: 8)) \($0.udf)"
                + ($0.exportable ? "" : "  non-exportable")
        }
    }

    /// The verified profile document in the store folder whose profile UDF, or EscrowEncryption key UDF, is
    /// `udf` (documents that do not verify are skipped).
    static func profileDocument(naming udf: String, in store: KeyStore) -> ProfileDocument? {
        guard let folder = opendir(store.path) else { return nil }
        defer { closedir(folder) }
        while let item = readdir(folder) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasSuffix(".profile"), !name.hasPrefix(".") else { continue }
            // Regular files only (a FIFO would block the read).
            var status = stat()
            guard lstat(store.path + "/" + name, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            guard let bytes = try? SecureFile.read(path: store.path + "/" + name, maximumCount: 1 << 16),
                  let document = try? ProfileDocument.verify(bytes.unprotectedBytes) else { continue }
            if EscrowRecipient.sameUDF(document.profileUDF, udf)
                || document.key(.escrowEncryption).map({ EscrowRecipient.sameUDF($0.udf, udf) }) == true {
                return document
            }
        }
        return nil
    }
}
