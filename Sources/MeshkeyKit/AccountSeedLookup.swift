public import MeshKeyStore
public import MeshKeys
import MeshUDF

/// A store's account seeds, found by their names (an account seed is named by its profile UDF) and the
/// clear part of the entry files: only the seed used is unsealed.
extension KeyStore {
    /// The profile UDF of the store's account seed: the one named by `profile` (any case or dash form), or
    /// the only one there is. `not_found` when there is none (or none of that name), `profile_required`
    /// when there are several and none is named.
    public func accountProfileUDF(named profile: String?) throws -> String {
        let seeds = try accountSeedUDFs()
        if let profile {
            guard let match = seeds.first(where: { UDFMatch.same(profile, $0) }) else {
                throw OperationError("not_found", "no account seed for profile \(profile) in \(path)")
            }
            return match
        }
        guard seeds.count == 1 else {
            throw seeds.isEmpty
                ? OperationError("not_found", "no account seed in \(path)")
                : OperationError(
                    "profile_required",
                    "the store holds \(seeds.count) account seeds; name one with --profile"
                )
        }
        return seeds[0]
    }

    /// The profile of the store's account seed (see ``accountProfileUDF(named:)``), derived from the seed,
    /// which is unsealed and verified.
    public func accountProfile(named profile: String?) throws -> MeshProfile {
        let udf = try accountProfileUDF(named: profile)
        return try MeshProfile(accountSeed: try SeedUDF(binary: try privateBytes(udf: udf)))
    }
}
