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

    /// Writes (or replaces) the profile document atomically, under the store's exclusive lock.
    static func writeDocument(_ document: ProfileDocument, profileUDF: String, store: String) throws {
        try KeyStore.writeProfileDocument(document.json, profileUDF: profileUDF, at: store)
    }

    /// Removes a profile document (after a failed create).
    static func removeDocument(profileUDF: String, store: String) {
        try? KeyStore.removeProfileDocument(profileUDF: profileUDF, at: store)
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
