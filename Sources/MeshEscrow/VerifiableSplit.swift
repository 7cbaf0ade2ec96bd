public import MeshCrypto
import MeshKeys
import MeshMath
import MeshUDF

/// Splits with a commitment document.
extension SecretSharing {
    /// A split and its commitment document.
    public struct CommittedSplit: Sendable {
        public let split: Split
        public let document: CommitmentDocument
    }

    /// Why a secret of this length gets no commitment document, or nil when it does.
    public static func commitmentRefusal(secretLength: Int) -> String? {
        guard !SchnorrGroup.lengths.contains(secretLength) else { return nil }
        return
            "Feldman commitments to a \(secretLength)-byte secret would reveal it in about 2^\(4 * secretLength) steps (Pollard's rho on A_0 = g^secret in a group of order p ≈ 2^\(8 * secretLength)), easier than the shares make it; commitments need a secret of 32 to 64 bytes (keys, seeds)"
    }

    /// The signer a secret implies: an account seed's profile key, else nil.
    public static func profileSigner(for secret: SecureBytes) -> CommitmentSigner? {
        (try? MeshProfile(recoveredSecret: secret)).map(CommitmentSigner.profile)
    }

    /// Splits like ``split(secret:threshold:shareCount:allowThresholdOne:)`` and writes the commitment document
    /// (epoch 1). `setIdentifier` is what the sheets show (default: the secret's identifier). The shares are
    /// the same as a plain split's for the same coefficients.
    public static func splitCommitted(
        secret: SecureBytes,
        threshold: Int,
        shareCount: Int,
        setIdentifier: String? = nil,
        signer: CommitmentSigner?,
        allowThresholdOne: Bool = false
    )
        throws(ShareError) -> CommittedSplit
    {
        try checkParameters(
            secret: secret,
            threshold: threshold,
            shareCount: shareCount,
            allowThresholdOne: allowThresholdOne
        )
        if let refusal = commitmentRefusal(secretLength: secret.count) {
            throw ShareError(.commitmentsUnavailable, refusal)
        }
        let committed: MeshMath.CommittedSplit
        do {
            committed = try ShamirSecretSharing.splitCommitted(
                secret: secret,
                threshold: threshold,
                shareCount: shareCount
            )
        } catch {
            throw ShareError(.invalidParameters, error.description)
        }
        return finish(
            secret: secret,
            threshold: threshold,
            committed: committed,
            setIdentifier: setIdentifier,
            epoch: 1,
            previous: nil,
            signer: signer
        )
    }

    /// The same with fixed coefficients a_1 … a_(k−1) (test vectors).
    public static func splitCommitted(
        secret: SecureBytes,
        shareCount: Int,
        coefficients: [SecureBytes],
        setIdentifier: String? = nil,
        signer: CommitmentSigner?
    ) throws(ShareError) -> CommittedSplit {
        let threshold = coefficients.count + 1
        try checkParameters(secret: secret, threshold: threshold, shareCount: shareCount, allowThresholdOne: false)
        if let refusal = commitmentRefusal(secretLength: secret.count) {
            throw ShareError(.commitmentsUnavailable, refusal)
        }
        let committed: MeshMath.CommittedSplit
        do {
            committed = try ShamirSecretSharing.splitCommitted(
                secret: secret,
                shareCount: shareCount,
                coefficients: coefficients
            )
        } catch {
            throw ShareError(.invalidParameters, error.description)
        }
        return finish(
            secret: secret,
            threshold: threshold,
            committed: committed,
            setIdentifier: setIdentifier,
            epoch: 1,
            previous: nil,
            signer: signer
        )
    }

    static func finish(
        secret: SecureBytes,
        threshold: Int,
        committed: MeshMath.CommittedSplit,
        setIdentifier: String?,
        epoch: Int,
        previous: CommitmentDocument?,
        signer: CommitmentSigner?
    ) -> CommittedSplit {
        let split = Split(
            secret: secret,
            threshold: threshold,
            shares: committed.shares.map { ShareUDF(threshold: threshold, x: $0.x, value: $0.value) }
        )
        let document = CommitmentDocument.make(
            setIdentifier: setIdentifier ?? SecretSharing.identifier(of: secret),
            threshold: threshold,
            shareCount: committed.shares.count,
            epoch: epoch,
            previous: previous,
            group: committed.group,
            commitments: committed.commitments,
            signer: signer
        )
        return CommittedSplit(split: split, document: document)
    }
}
