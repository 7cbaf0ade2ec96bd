public import MeshCrypto
import MeshKeys
import MeshUDF

/// What authorises removing an entry. Every entry but an account seed needs nothing; an account seed
/// (specifier MeshProfileAccount) needs the secret its escrow shares recover, or an explicit force, so
/// that the only copy of a profile's seed is never removed by a slip.
public enum RemovalProof {
    /// No proof given.
    case none
    /// The secret recovered from the profile's escrow shares: it must be exactly the stored seed's.
    case recoveredSecret(SecureBytes)
    /// Remove an account seed without proof (the user asked for it by name).
    case force
}

/// How an entry's file is removed.
public enum RemovalMode: Sendable {
    /// Unlink the file.
    case delete
    /// Overwrite it with random data, flush, then unlink it (best effort on SSDs and journaling file systems).
    case purge
}

extension StoreEntry {
    /// A profile's account seed (a seed entry with specifier MeshProfileAccount).
    public var isAccountSeed: Bool { kind == .seed(.meshProfileAccount) }
}

extension KeyStore {
    /// Checks that `proof` authorises removing the entry, without removing it (so a caller can ask for
    /// confirmation only once the proof holds). Returns the entry, or nil for an entry that does not
    /// load (`tampered_entry`: nothing in it is usable, so it is removable without proof).
    public func checkRemoval(udf: String, proof: RemovalProof) throws(KeyStoreError) -> StoreEntry? {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        return try authorise(try Self.normalize(udf), proof: proof)
    }

    /// Removes the entry if `proof` authorises it; proof and removal happen under one exclusive lock.
    /// Refusals: `proof_required` (an account seed without shares or force), `shares_mismatch` (the shares
    /// recover another secret), `invalid_input` (shares given for an entry that is not an account seed).
    @discardableResult
    public func remove(udf: String, mode: RemovalMode, proof: RemovalProof) throws(KeyStoreError) -> StoreEntry? {
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        let normalized = try Self.normalize(udf)
        let entry = try authorise(normalized, proof: proof)
        switch mode {
        case .delete: try unlinkEntry(normalized)
        case .purge: try overwriteEntry(normalized)
        }
        return entry
    }

    /// The proof check; the caller holds the lock. The comparison of seeds is constant-time.
    private func authorise(_ normalized: String, proof: RemovalProof) throws(KeyStoreError) -> StoreEntry? {
        let entry: StoreEntry
        let stored: SecureBytes
        do { (entry, stored) = try load(udf: normalized) } catch {
            // A tampered entry can be removed, except as the proven seed of a profile (there is none to compare).
            if error.code == .tamperedEntry, case .recoveredSecret = proof { throw error }
            if error.code == .tamperedEntry { return nil }
            throw error
        }
        switch proof {
        case .force:
            return entry
        case .none:
            guard !entry.isAccountSeed else {
                throw KeyStoreError(
                    .proofRequired,
                    "this is a profile's account seed: give the escrow shares that recover it, or force the removal; nothing was removed",
                    udf: normalized
                )
            }
            return entry
        case .recoveredSecret(let secret):
            guard entry.isAccountSeed else {
                throw KeyStoreError(
                    .invalidInput,
                    "shares prove only an account seed and this entry is a \(entry.type.rawValue) (\(entry.algorithm)); nothing was removed",
                    udf: normalized
                )
            }
            let recovered: SecureBytes
            do { recovered = try MeshProfile(recoveredSecret: secret).seed.binary } catch {
                throw KeyStoreError(
                    .sharesMismatch,
                    "the shares do not recover a seed; nothing was removed",
                    udf: normalized
                )
            }
            guard recovered == stored else {
                throw KeyStoreError(
                    .sharesMismatch,
                    "the shares do not recover the stored seed; nothing was removed",
                    udf: normalized
                )
            }
            return entry
        }
    }
}
