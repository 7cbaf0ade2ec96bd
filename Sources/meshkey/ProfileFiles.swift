import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshUDF
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where profile commands keep their public documents, and how they find account seeds.
enum ProfileFiles {
    /// `<store>/<profile UDF>.profile`: the signed public profile document (not an entry; not secret).
    static func documentPath(profileUDF: String, store: String) -> String { "\(store)/\(profileUDF).profile" }

    /// Writes (or replaces) the profile document atomically.
    static func writeDocument(_ document: ProfileDocument, profileUDF: String, store: String) throws {
        let path = documentPath(profileUDF: profileUDF, store: store)
        // The store's temporary-file prefix, so that `store verify` removes a leftover after a crash.
        let temporary = "\(store)/.tmp-profile-\(Hex.encode(SecureRandom.bytes(8).unprotectedBytes))"
        try SecureFile.create(path: temporary, contents: SecureBytes(document.json))
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ProfileFileError(description: "cannot write \(path)")
        }
        let folder = open(store, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Removes a profile document (after a failed create).
    static func removeDocument(profileUDF: String, store: String) {
        unlink(documentPath(profileUDF: profileUDF, store: store))
    }

    /// The store's account-seed entry: the one named by `profile`, or the only one there is.
    static func accountSeedEntry(in store: KeyStore, profile: String?, command: String) -> StoreEntry {
        let seeds: [StoreEntry]
        do { seeds = try store.list().entries.filter { $0.type == .seed && $0.algorithm == "MeshProfileAccount" } } catch {
            fail(command, error)
        }
        if let profile {
            guard let match = seeds.first(where: { UDFMatch.same(profile, $0.udf) }) else {
                fail(command, "not_found: no account seed for profile \(profile) in \(store.path)")
            }
            return match
        }
        guard seeds.count == 1 else {
            fail(command, seeds.isEmpty ? "not_found: no account seed in \(store.path)"
                                        : "the store holds \(seeds.count) account seeds; name one with --profile")
        }
        return seeds[0]
    }
}

struct ProfileFileError: Error, CustomStringConvertible {
    let description: String
}
