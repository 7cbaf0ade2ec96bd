public import MeshCrypto
import MeshMath
public import MeshUDF

/// Splitting secrets into Mesh share UDFs.
public enum SecretSharing {
    /// Limits of the Mesh share format as the CLI enforces them.
    public static let shareCounts = 2...15

    /// The result of a split.
    public struct Split: Sendable {
        public let secret: SecureBytes
        public let threshold: Int
        public let shares: [ShareUDF]
        /// The identifier to show beside the shares: the reference's identifier of the secret, or nil for a
        /// secret shorter than ``SecretSharing/minimumIdentifiedLength`` bytes (see ``publishedIdentifier(of:)``).
        public var identifier: String? { SecretSharing.publishedIdentifier(of: secret) }
    }

    /// The shortest secret (in bytes) whose identifier is printed beside its shares.
    public static let minimumIdentifiedLength = 16

    /// The identifier that may travel with the shares (printed by `split`, on the sheets of `print` and
    /// `--print`): ``identifier(of:)`` for a secret of 16 bytes or more, nil for a shorter one. The identifier
    /// is an unsalted hash of the secret, so anyone who holds a sheet could test every secret of fewer than
    /// 16 bytes against it, without any other share (formats.md §7.4).
    public static func publishedIdentifier(of secret: SecureBytes) -> String? {
        secret.count >= minimumIdentifiedLength ? identifier(of: secret) : nil
    }

    /// Splits `secret` (1…64 bytes) into `shareCount` Mesh shares with threshold `threshold`,
    /// 2 ≤ threshold ≤ shareCount ≤ 15. A threshold of 1 makes every share equal to the secret and is
    /// refused unless `allowThresholdOne` is set.
    public static func split(
        secret: SecureBytes,
        threshold: Int,
        shareCount: Int,
        allowThresholdOne: Bool = false
    )
        throws(ShareError) -> Split
    {
        try checkParameters(
            secret: secret,
            threshold: threshold,
            shareCount: shareCount,
            allowThresholdOne: allowThresholdOne
        )
        let points: [ShamirShare]
        do {
            points = try ShamirSecretSharing.split(secret: secret, threshold: threshold, shareCount: shareCount)
        } catch {
            throw ShareError(.invalidParameters, error.description)
        }
        return Split(
            secret: secret,
            threshold: threshold,
            shares: points.map { ShareUDF(threshold: threshold, x: $0.x, value: $0.value) }
        )
    }

    /// The identifier the reference prints beside a shared key: SHA-512("UDFEncryption:" ‖ key text) at
    /// twice the key's bit length (at most 440 bits). It is a plain hash of the secret: safe beside the
    /// shares of a random secret, not of a guessable one.
    public static func identifier(of secret: SecureBytes) -> String {
        KeyIdentifier.shareIdentifier(
            keyString: Base32.encode(secret),
            bits: KeyIdentifier.shareIdentifierBits(secretByteCount: secret.count)
        )
    }

    static func checkParameters(
        secret: SecureBytes,
        threshold: Int,
        shareCount: Int,
        allowThresholdOne: Bool
    )
        throws(ShareError)
    {
        guard ShareUDF.secretLengths.contains(secret.count) else {
            throw ShareError(.invalidSecret, "the secret is \(secret.count) bytes; Mesh shares hold 1 to 64 bytes")
        }
        guard (1...15).contains(shareCount) else {
            throw ShareError(.invalidParameters, "\(shareCount) shares requested; Mesh shares allow 2 to 15")
        }
        guard threshold >= 1, threshold <= 15 else {
            throw ShareError(.invalidParameters, "threshold \(threshold) is outside 2 to 15")
        }
        guard threshold <= shareCount else {
            throw ShareError(
                .invalidParameters,
                "threshold \(threshold) is larger than the number of shares (\(shareCount))"
            )
        }
        if threshold == 1 && !allowThresholdOne {
            throw ShareError(
                .invalidParameters,
                "threshold 1 makes every share a copy of the secret; pass --force-threshold-one if that is really wanted"
            )
        }
        if shareCount == 1 && !allowThresholdOne {
            throw ShareError(.invalidParameters, "1 share requested; Mesh shares allow 2 to 15")
        }
    }
}
