public import MeshCrypto
public import MeshEscrow
public import MeshPaper
import MeshUDF

/// A secret split into Mesh shares, with the set's commitment document when one was asked for, and the
/// paper sheets of its shares: what `meshkey split` does.
public struct SecretSplit: Sendable {
    public let split: SecretSharing.Split
    /// The set's commitment document (`committed`): signed by `signer`, else by the profile key when the
    /// secret is an account seed, else unsigned.
    public let commitments: CommitmentDocument?

    /// Splits `secret` `threshold` of `shareCount`. Errors: `ShareError` (parameters out of the format's
    /// limits, a secret too long or too short).
    public init(
        secret: SecureBytes,
        threshold: Int,
        shareCount: Int,
        committed: Bool,
        signer: CommitmentSigner? = nil,
        allowThresholdOne: Bool = false
    ) throws(ShareError) {
        if committed {
            let made = try SecretSharing.splitCommitted(
                secret: secret,
                threshold: threshold,
                shareCount: shareCount,
                signer: signer ?? SecretSharing.profileSigner(for: secret),
                allowThresholdOne: allowThresholdOne
            )
            (split, commitments) = (made.split, made.document)
        } else {
            split = try SecretSharing.split(
                secret: secret,
                threshold: threshold,
                shareCount: shareCount,
                allowThresholdOne: allowThresholdOne
            )
            commitments = nil
        }
    }

    /// One sheet per share, all printed together.
    public func sheets(created: String = PaperSheet.today(), details: SheetDetails = SheetDetails()) -> [PaperSheet] {
        split.shares.map {
            PaperSheet(
                share: $0.text,
                x: $0.x,
                threshold: split.threshold,
                total: split.shares.count,
                identifier: split.identifier,
                created: created,
                label: nil,
                extraInstructions: commitments.map(CommitmentSheetLines.lines) ?? [],
                details: details,
                printed: split.shares.map(\.x)
            )
        }
    }
}
