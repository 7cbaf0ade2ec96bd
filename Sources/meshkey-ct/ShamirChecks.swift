import MeshCrypto
import MeshMath

/// Shamir secret sharing on secret values: polynomial evaluation (split) and the Lagrange sum over share
/// values (recovery). Share x coordinates, thresholds, counts and lengths are public; secrets,
/// coefficients and share values are secret. The verdicts the code acts on (a share value fits in L
/// bytes, a given coefficient is below p, a surplus share agrees) are revealed.
enum ShamirChecks {
    /// Secret lengths: short, the common 32 bytes, a 35-byte Mesh account seed, the format's maximum.
    static let lengths = [16, 32, 35, 64]

    /// Builds the fields (primes) for the lengths used, with public data.
    static func warmUp() {
        for length in lengths {
            _ = try? ShamirSecretSharing.split(secret: SecureBytes(zeros: length), threshold: 3, shareCount: 5)
        }
    }

    /// `shamir`.
    static func run() {
        for length in lengths {
            split(length: length)
            recover(length: length)
        }
        largeSet()
    }

    /// Horner evaluation of f(1) … f(5) for a secret a0: with random coefficients (drawn from OpenSSL's
    /// generator, not marked secret) and with given secret coefficients, 3-of-5 and 15-of-15.
    static func split(length: Int) {
        _ = try? ShamirSecretSharing.split(secret: Memcheck.secret(length), threshold: 3, shareCount: 5)
        _ = try? ShamirSecretSharing.split(secret: Memcheck.secret(length), threshold: 15, shareCount: 15)
        let coefficients = [Memcheck.secret(length), Memcheck.secret(length)]
        _ = try? ShamirSecretSharing.split(secret: Memcheck.secret(length), shareCount: 5, coefficients: coefficients)
    }

    /// Recovery from secret share values: exactly three shares, all five (the two surplus shares checked),
    /// five with one wrong share (inconsistent, the culprit search runs), and interpolation alone.
    static func recover(length: Int) {
        let shares = secretShares(length: length, threshold: 3, count: 5)
        _ = try? ShamirRecovery.recover(Array(shares.prefix(3)), threshold: 3, byteLength: length)
        _ = try? ShamirRecovery.recover(shares, threshold: 3, byteLength: length)
        var corrupted = shares
        corrupted[3] = ShamirShare(x: shares[3].x, value: Memcheck.secret(length))
        _ = try? ShamirRecovery.recover(corrupted, threshold: 3, byteLength: length)
        _ = ShamirRecovery.interpolate(Array(shares.suffix(3)), byteLength: length)
    }

    /// A library-sized set (threshold 70 of 100, x up to 100), whose Lagrange weights come from
    /// `LagrangeBasis` (public big integers) instead of the word-sized path; the weighted sum over the
    /// secret values is the same code.
    static func largeSet() {
        let shares = secretShares(length: 16, threshold: 70, count: 100)
        _ = try? ShamirRecovery.recover(Array(shares.suffix(70)), threshold: 70, byteLength: 16)
    }

    /// A consistent set of shares of a random secret, with every share value then marked secret.
    static func secretShares(length: Int, threshold: Int, count: Int) -> [ShamirShare] {
        let shares = try! ShamirSecretSharing.split(
            secret: SecureRandom.bytes(length),
            threshold: threshold,
            shareCount: count
        )
        for share in shares { Memcheck.markSecret(share.value) }
        return shares
    }
}
