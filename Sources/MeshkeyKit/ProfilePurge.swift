public import MeshKeyStore

/// Removing a profile's account seed from a store, once the proof holds: the secret its escrow shares
/// recover must be exactly that seed (or the removal is forced). Two steps, so that a caller can ask for confirmation in between:
/// ``KeyStore/preparePurge(ofProfile:proof:)`` checks the proof and changes nothing; ``perform()``
/// checks it again and removes the seed (overwritten, then unlinked) under one exclusive lock. The public
/// profile document stays.
public struct ProfilePurge {
    /// The profile whose seed goes.
    public let profileUDF: String
    let store: KeyStore
    let proof: RemovalProof

    /// Overwrites and removes the account seed (best effort on SSDs and journaling file systems).
    public func perform() throws {
        try store.remove(udf: profileUDF, mode: .purge, proof: proof)
    }
}

extension KeyStore {
    /// Checks that `proof` authorises removing the account seed of `profile` (or of the only profile in the
    /// store): the secret the escrow shares recover must be the stored seed (`shares_mismatch` otherwise;
    /// `proof_required` without shares or force). Nothing is removed yet.
    public func preparePurge(ofProfile profile: String?, proof: RemovalProof) throws -> ProfilePurge {
        let udf = try accountProfileUDF(named: profile)
        _ = try checkRemoval(udf: udf, proof: proof)
        return ProfilePurge(profileUDF: udf, store: self, proof: proof)
    }
}
