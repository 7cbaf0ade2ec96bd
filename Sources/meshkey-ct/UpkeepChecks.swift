import MeshCrypto
import MeshMath

/// Verifiable share sets on secret values: committing to secret coefficients (`mpn_sec_powm`),
/// checking a secret share value against public commitments, and upkeep — recreate and extend (the
/// Lagrange sum at a new x over secret share values) and reshare (interpolation, then a committed split
/// of the recovered secret). Commitments, x, thresholds and lengths are public; the verdict of a check is
/// revealed.
enum UpkeepChecks {
    /// The two lengths the commitments serve most: 32-byte keys and 35-byte Mesh account seeds.
    static let lengths = [32, 35]

    /// Builds the groups (hash, product, exponentiation) with public data.
    static func warmUp() {
        for length in lengths { _ = SchnorrGroup.group(byteLength: length) }
    }

    /// `upkeep`.
    static func run() {
        for length in lengths {
            // Commit with secret coefficients (given) and with a secret secret (random coefficients).
            let coefficients = [Memcheck.secret(length), Memcheck.secret(length)]
            let given = try? ShamirSecretSharing.splitCommitted(
                secret: Memcheck.secret(length),
                shareCount: 5,
                coefficients: coefficients
            )
            _ = try? ShamirSecretSharing.splitCommitted(secret: Memcheck.secret(length), threshold: 3, shareCount: 5)
            // A public set whose share values are then marked secret, with public commitments.
            guard
                let committed = try? ShamirSecretSharing.splitCommitted(
                    secret: SecureRandom.bytes(length),
                    threshold: 3,
                    shareCount: 7
                )
            else { continue }
            for share in committed.shares { Memcheck.markSecret(share.value) }
            for commitment in committed.commitments { Memcheck.markPublic(commitment) }
            _ = FeldmanCommitment.verify(
                committed.shares[0],
                commitments: committed.commitments,
                group: committed.group
            )
            // recreate x = 2 from {1, 3, 4}; extend to 6, 7 from {1, 4, 5}.
            let s = committed.shares
            _ = try? ShamirUpkeep.evaluate([s[0], s[2], s[3]], at: [2], byteLength: length)
            _ = try? ShamirUpkeep.evaluate([s[0], s[3], s[4]], at: [6, 7], byteLength: length)
            // reshare: interpolate the secret from three shares, split it again with commitments.
            if let secret = ShamirRecovery.interpolate([s[1], s[2], s[4]], byteLength: length) {
                _ = try? ShamirSecretSharing.splitCommitted(secret: secret, threshold: 2, shareCount: 4)
            }
            _ = given
        }
    }
}
