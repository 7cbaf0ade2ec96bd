public import MeshCrypto

/// A split whose polynomial is committed to (Feldman): the shares, exactly as ``ShamirSecretSharing`` makes
/// them, and A_j = g^(a_j) mod q for j = 0 … k−1 (384 bytes each, big-endian).
public struct CommittedSplit: Sendable {
    public let shares: [ShamirShare]
    public let commitments: [[UInt8]]
    public let group: SchnorrGroup
}

extension ShamirSecretSharing {
    /// Splits like ``split(secret:threshold:shareCount:)`` and commits to the polynomial. The secret must be
    /// 32 to 64 bytes (``SchnorrGroup/lengths``).
    public static func splitCommitted(
        secret: SecureBytes,
        threshold: Int,
        shareCount: Int
    )
        throws(ShamirParameterError) -> CommittedSplit
    {
        let group = try committedGroup(byteLength: secret.count)
        let field = try checkedField(secret: secret, threshold: threshold, shareCount: shareCount)
        var commitments: [[UInt8]] = []
        while true {
            let randomBytes = SecureRandom.bytes((threshold - 1) * 8 * field.wideLimbCount)
            if let shares = evaluate(
                secret: secret,
                field: field,
                threshold: threshold,
                shareCount: shareCount,
                coefficients: .random(randomBytes),
                onCoefficients: {
                    commitments = FeldmanCommitment.commit($0, threshold: threshold, field: field, group: group)
                }
            ) {
                return CommittedSplit(shares: shares, commitments: commitments, group: group)
            }
        }
    }

    /// Splits with fixed coefficients a_1 … a_(k−1) like ``split(secret:shareCount:coefficients:)`` (the same
    /// shares, byte for byte) and commits to the polynomial.
    public static func splitCommitted(
        secret: SecureBytes,
        shareCount: Int,
        coefficients: [SecureBytes]
    )
        throws(ShamirParameterError) -> CommittedSplit
    {
        let group = try committedGroup(byteLength: secret.count)
        let threshold = coefficients.count + 1
        let field = try checkedField(secret: secret, threshold: threshold, shareCount: shareCount)
        for coefficient in coefficients where coefficient.count > 8 * field.limbCount {
            throw ShamirParameterError("a coefficient is wider than the field")
        }
        var commitments: [[UInt8]] = []
        guard
            let shares = evaluate(
                secret: secret,
                field: field,
                threshold: threshold,
                shareCount: shareCount,
                coefficients: .given(coefficients),
                onCoefficients: {
                    commitments = FeldmanCommitment.commit($0, threshold: threshold, field: field, group: group)
                }
            )
        else {
            throw ShamirParameterError("a coefficient is not below p, or a share value does not fit in L bytes")
        }
        return CommittedSplit(shares: shares, commitments: commitments, group: group)
    }

    private static func committedGroup(byteLength: Int) throws(ShamirParameterError) -> SchnorrGroup {
        guard let group = SchnorrGroup.group(byteLength: byteLength) else {
            throw ShamirParameterError("Feldman commitments need a secret of 32 to 64 bytes (got \(byteLength))")
        }
        return group
    }
}
