import MeshCrypto

/// New points of an existing Shamir polynomial from exactly `threshold` of its shares: f(t) = Σ L_i(t)·y_i
/// mod p, on the fixed-limb layer (the Lagrange weights depend only on the public x coordinates). Used to
/// recreate a lost share at its own x (the same value, byte for byte) and to add shares at new x.
public enum ShamirUpkeep {
    /// f(t) for each target t (1 ≤ t < p, not one of the shares' x), as shares (t, f(t)). The shares must be
    /// exactly the threshold, with distinct x and L-byte values. Throws when a value does not fit in L bytes
    /// (probability about offset/2^(8L) for a genuine set; the share format cannot hold it).
    public static func evaluate(
        _ shares: [ShamirShare],
        at targets: [Int],
        byteLength: Int
    )
        throws(ShamirParameterError) -> [ShamirShare]
    {
        guard !shares.isEmpty else { throw ShamirParameterError("no shares") }
        let field = ShamirSecretSharing.field(byteLength: byteLength)
        var seen = Set<Int>()
        for share in shares {
            guard share.value.count == byteLength else { throw ShamirParameterError("share values differ in length") }
            guard field.isNonZeroPoint(share.x), seen.insert(share.x).inserted else {
                throw ShamirParameterError("x out of range or repeated")
            }
        }
        for target in targets {
            guard field.isNonZeroPoint(target) else { throw ShamirParameterError("target x out of range") }
            guard !seen.contains(target) else { throw ShamirParameterError("target x \(target) is one of the shares") }
        }
        let context = ShamirRecovery.Context(field: field, shares: shares, threshold: shares.count)
        let indices = Array(shares.indices)
        var result: [ShamirShare] = []
        var allFit = true
        for target in targets {
            context.weightedSum(indices, weights: context.weights(indices, at: target))
            allFit = field.fitsByteLength(context.sumSlot) && allFit
            let value = SecureBytes(count: byteLength) { bytes in
                SecretField.store(context.sumSlot, limbs: field.limbCount, bigEndian: bytes)
            }
            result.append(ShamirShare(x: target, value: value))
        }
        guard allFit else { throw ShamirParameterError("a new share value does not fit in L bytes") }
        return result
    }
}
