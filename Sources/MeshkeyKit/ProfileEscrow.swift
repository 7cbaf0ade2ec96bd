public import MeshEscrow
public import MeshKeyStore
import MeshKeys
public import MeshPaper
import MeshUDF

/// A profile's account seed split into escrow shares: what `profile escrow` prints and puts on paper. The
/// store is not changed.
public struct ProfileEscrow: Sendable {
    /// The profile UDF the shares restore (also the set's identifier on the sheets).
    public let profileUDF: String
    /// The split (threshold and shares).
    public let split: SecretSharing.Split
    /// The set's commitment document (signed by the profile's ProfileSignature key), when asked for.
    public let commitments: CommitmentDocument?

    /// One sheet per share, each with the profile UDF as identifier and the command that restores it.
    public func sheets(created: String = PaperSheet.today(), details: SheetDetails = SheetDetails()) -> [PaperSheet] {
        split.shares.map {
            PaperSheet(
                share: $0.text,
                x: $0.x,
                threshold: split.threshold,
                total: split.shares.count,
                identifier: profileUDF,
                created: created,
                label: nil,
                extraInstructions: commitments.map(CommitmentSheetLines.lines) ?? [],
                details: details,
                kind: .accountSeed
            )
        }
    }
}

/// The lines a sheet of a committed set carries about its commitment document.
public enum CommitmentSheetLines {
    /// "Commitment document UDF (epoch N). Check this sheet alone: …".
    public static func lines(_ document: CommitmentDocument) -> [String] {
        [
            "Commitment document \(document.udf) (epoch \(document.epoch)). Check this sheet alone:",
            "    meshkey share verify --commitments FILE SHARE",
        ]
    }
}

extension KeyStore {
    /// Splits the account seed of `profile` (or of the only profile in the store) into `shareCount`
    /// shares, `threshold` of which recover it; with `commitments`, also the set's commitment document,
    /// signed by the profile.
    public func escrowProfile(
        named profile: String?,
        threshold: Int,
        shareCount: Int,
        commitments: Bool = false
    ) throws -> ProfileEscrow {
        let udf = try accountProfileUDF(named: profile)
        let seed = try privateBytes(udf: udf)
        if commitments {
            let committed = try SecretSharing.splitCommitted(
                secret: seed,
                threshold: threshold,
                shareCount: shareCount,
                setIdentifier: udf,
                signer: SecretSharing.profileSigner(for: seed)
            )
            return ProfileEscrow(profileUDF: udf, split: committed.split, commitments: committed.document)
        }
        return ProfileEscrow(
            profileUDF: udf,
            split: try SecretSharing.split(secret: seed, threshold: threshold, shareCount: shareCount),
            commitments: nil
        )
    }
}
