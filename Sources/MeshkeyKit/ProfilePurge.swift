public import MeshCrypto
public import MeshKeyStore

/// Removing a profile's account seed from a store, once the secret its escrow shares recover proves that
/// the shares restore exactly that seed. Two steps, so that a caller can ask for confirmation in between:
/// ``KeyStore/preparePurge(ofProfile:recoveredSecret:)`` checks the proof and changes nothing; ``perform()``
/// checks it again and removes the seed (overwritten, then unlinked) under one exclusive lock. The public
/// profile document stays.
public struct ProfilePurge: Sendable {
    /// The profile whose seed goes.
    public let profileUDF: String
    let store: KeyStore
    let proof: SecureBytes

    /// Overwrites and removes the account seed (best effort on SSDs and journaling file systems).
    public func perform() throws {
        try store.remove(udf: profileUDF, mode: .purge, proof: .recoveredSecret(proof))
    }
}

extension KeyStore {
    /// Checks that `recoveredSecret` (what the profile's escrow shares recover) is the stored account seed of
    /// `profile` (or of the only profile in the store): `shares_mismatch` otherwise. Nothing is removed yet.
    public func preparePurge(ofProfile profile: String?, recoveredSecret: SecureBytes) throws -> ProfilePurge {
        let udf = try accountProfileUDF(named: profile)
        _ = try checkRemoval(udf: udf, proof: .recoveredSecret(recoveredSecret))
        return ProfilePurge(profileUDF: udf, store: self, proof: recoveredSecret)
    }
}
