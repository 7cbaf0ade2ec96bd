public import MeshCrypto
import MeshMath
public import MeshUDF

/// Upkeep of a verifiable share set, each from at least the threshold of shares verified against its
/// commitment document, on the fixed-limb arithmetic of ``ShamirUpkeep`` / ``ShamirSecretSharing``.
extension ShareSet {
    /// Which x an upkeep operation may make.
    public enum NewShares: Sendable {
        /// Sheets that were issued (x ≤ the document's share count) and are lost: the same values, byte for byte.
        case recreate
        /// New holders (x above the document's share count, up to 16); existing sheets and the document are unchanged.
        case extend
    }

    /// f(x) for each x, from the first `threshold` shares after every share has been verified. Each new share is
    /// verified against the document before it is returned.
    public func newShares(
        at xs: [Int],
        _ kind: NewShares,
        verifiedBy document: CommitmentDocument
    ) throws(ShareError) -> [ShareUDF] {
        try verify(against: document)
        guard !xs.isEmpty else { throw ShareError(.invalidIndex, "no index given") }
        var seen = Set<Int>()
        for x in xs {
            guard ShareUDF.xValues.contains(x) else {
                throw ShareError(.invalidIndex, "index \(x) is outside 1 to 16 (the share format)")
            }
            guard seen.insert(x).inserted else { throw ShareError(.invalidIndex, "index \(x) is given twice") }
            if let position = shares.firstIndex(where: { $0.x == x }) {
                throw ShareError(.invalidIndex, "index \(x) is share \(position + 1) of those given: that sheet exists")
            }
            switch kind {
            case .recreate where x > document.shareCount:
                throw ShareError(
                    .invalidIndex,
                    "index \(x) was never issued (the set has \(document.shareCount) shares); use share extend for new holders"
                )
            case .extend where x <= document.shareCount:
                throw ShareError(
                    .invalidIndex,
                    "index \(x) was issued already (the set has \(document.shareCount) shares); use share recreate to remake a lost sheet"
                )
            default: break
            }
        }
        let points = shares.prefix(threshold).map { ShamirShare(x: $0.x, value: $0.value) }
        let made: [ShamirShare]
        do { made = try ShamirUpkeep.evaluate(points, at: xs, byteLength: secretLength) } catch {
            throw ShareError(.invalidIndex, error.description)
        }
        let result = made.map { ShareUDF(threshold: threshold, x: $0.x, value: $0.value) }
        for share in result where document.check(share) != .valid {
            preconditionFailure("a share computed from verified shares does not verify")
        }
        return result
    }

    /// A new polynomial for the same secret: the shares are verified, the secret recovered, and split again with
    /// `threshold` of `shareCount`; the new document is epoch + 1 and links this one (same A_0). The new set
    /// should become current only once ``CommitmentDocument/confirm(_:)`` has seen a threshold of its shares.
    /// `signer` picks the signing key from the recovered secret (default: an account seed's profile key; nil
    /// leaves the document unsigned).
    public func reshare(
        verifiedBy document: CommitmentDocument,
        threshold newThreshold: Int,
        shareCount: Int,
        signer: (SecureBytes) -> CommitmentSigner? = SecretSharing.profileSigner(for:)
    )
        throws(ShareError) -> SecretSharing.CommittedSplit
    {
        let recovered = try recover(verifiedBy: document)
        try SecretSharing.checkParameters(
            secret: recovered.secret,
            threshold: newThreshold,
            shareCount: shareCount,
            allowThresholdOne: false
        )
        let committed: MeshMath.CommittedSplit
        do {
            committed = try ShamirSecretSharing.splitCommitted(
                secret: recovered.secret,
                threshold: newThreshold,
                shareCount: shareCount
            )
        } catch { throw ShareError(.invalidParameters, error.description) }
        return SecretSharing.finish(
            secret: recovered.secret,
            threshold: newThreshold,
            committed: committed,
            setIdentifier: document.setIdentifier,
            epoch: document.epoch + 1,
            previous: document,
            signer: signer(recovered.secret)
        )
    }
}

extension CommitmentDocument {
    /// The check before a re-shared set becomes current: at least the threshold of its new shares, entered
    /// back, all verify against this document (and so recombine to the secret of A_0, which the previous
    /// epoch's document commits to as well).
    public func confirm(_ set: ShareSet) throws(ShareError) {
        guard set.threshold == threshold else {
            throw ShareError(
                .foreignShare,
                "the shares need \(set.threshold), the new set needs \(threshold): not shares of this document",
                share: ShareError.reference(1, set.shares[0].x)
            )
        }
        _ = try set.recover(verifiedBy: self)
    }
}
