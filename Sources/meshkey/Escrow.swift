import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshKeyStore
import MeshKeys
import MeshUDF

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

    /// One line per key: role, algorithm, UDF.
    static func describe(_ keys: [EscrowedKeySet.Key]) -> [String] {
        keys.map { "\(($0.role ?? "-").padding(to: 24)) \($0.privateKey.algorithm.rawValue.padding(to: 8)) \($0.udf)" }
    }
}
