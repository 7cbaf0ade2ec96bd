extension ShareError.Code {
    /// A share that is not on the committed polynomial (mistyped, altered, or of another split).
    public static let shareMismatch = ShareError.Code("share_mismatch")
    /// A share of the previous epoch checked against a re-shared set's document.
    public static let wrongEpoch = ShareError.Code("wrong_epoch")
    /// Shares of two epochs given together.
    public static let mixedEpochs = ShareError.Code("mixed_epochs")
    /// A share whose threshold or length is not the document's set's.
    public static let foreignShare = ShareError.Code("foreign_share")
    /// A commitment document that cannot be read, is inconsistent, or whose signature does not verify.
    public static let invalidCommitments = ShareError.Code("invalid_commitments")
    /// A secret too short for Feldman commitments (see ``CommitmentDocument``).
    public static let commitmentsUnavailable = ShareError.Code("commitments_unavailable")
    /// Upkeep asked for an x the operation cannot make (out of range, already given, or issued/not issued).
    public static let invalidIndex = ShareError.Code("invalid_index")
}

extension ShareError {
    static func reference(_ position: Int, _ x: Int) -> ShareReference { ShareReference(position: position, x: x) }
}
