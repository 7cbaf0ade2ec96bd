import MeshMath
public import MeshUDF

/// Checking shares against a ``CommitmentDocument``.
extension CommitmentDocument {
    /// What the document says about one share.
    public enum Verdict: Sendable, Equatable {
        /// On the committed polynomial of this epoch.
        case valid
        /// Not of this set's kind: another threshold or secret length.
        case foreign(reason: String)
        /// On the previous epoch's polynomial (the set has been re-shared since).
        case previousEpoch
        /// Not on the polynomial: mistyped, altered, or of another split.
        case mismatch
    }

    /// Checks one share alone (no other share needed).
    public func check(_ share: ShareUDF) -> Verdict {
        guard share.secretLength == secretLength else {
            return .foreign(
                reason:
                    "is a share of a \(share.secretLength)-byte secret, but the document commits to \(secretLength) bytes: a share of another set"
            )
        }
        let point = ShamirShare(x: share.x, value: share.value)
        if share.threshold == threshold, FeldmanCommitment.verify(point, commitments: commitments, group: group) {
            return .valid
        }
        if let previous, share.threshold == previous.threshold,
            FeldmanCommitment.verify(point, commitments: previous.commitments, group: group)
        {
            return .previousEpoch
        }
        guard share.threshold == threshold else {
            return .foreign(
                reason:
                    "needs \(share.threshold) shares, but the document's set needs \(threshold): a share of another set"
            )
        }
        return .mismatch
    }

    /// Checks one share and throws the named refusal (`foreign_share`, `wrong_epoch`, `share_mismatch`).
    /// `position` is the share's 1-based place in the user's list.
    public func verify(_ share: ShareUDF, position: Int = 1) throws(ShareError) {
        let reference = ShareError.reference(position, share.x)
        switch check(share) {
        case .valid: return
        case .foreign(let reason): throw ShareError(.foreignShare, reason, share: reference, culprits: [reference])
        case .previousEpoch:
            throw ShareError(.wrongEpoch, epochReason, share: reference, culprits: [reference])
        case .mismatch:
            throw ShareError(
                .shareMismatch,
                "does not match commitment document \(udf) (epoch \(epoch)): mistyped, altered, or a share of another split",
                share: reference,
                culprits: [reference]
            )
        }
    }

    var epochReason: String {
        "is a share of epoch \(epoch - 1), but the document is epoch \(epoch) (the set was re-shared): shares of two epochs never combine; use shares of epoch \(epoch)"
    }
}

extension ShareSet {
    /// Checks every share against the document before anything is combined, and refuses by name: shares of
    /// another set (`foreign_share`), not on the polynomial (`share_mismatch`), of the previous epoch
    /// (`wrong_epoch`, or `mixed_epochs` when shares of this epoch were given too).
    public func verify(against document: CommitmentDocument) throws(ShareError) {
        try Self.verify(shares, against: document)
    }

    /// Parses share strings (as ``parse(_:)``) and, with a document, checks every share against it *before* the
    /// set-level rules, so that a share of the previous epoch with another threshold is named as such
    /// (`mixed_epochs`, `wrong_epoch`) rather than as `mixed_threshold`.
    public static func parse(_ texts: [String], verifiedBy document: CommitmentDocument?) throws(ShareError) -> ShareSet
    {
        guard let document else { return try parse(texts) }
        var shares: [ShareUDF] = []
        for (index, text) in texts.enumerated() {
            do { shares.append(try ShareUDF.parse(text)) } catch {
                throw ShareError(
                    ShareError.Code(error.code),
                    error.reason,
                    share: .init(position: index + 1, x: nil),
                    characterPosition: error.position
                )
            }
        }
        try verify(shares, against: document)
        return try ShareSet(validating: shares)
    }

    /// The checks of ``verify(against:)`` on shares not yet validated as a set.
    static func verify(_ shares: [ShareUDF], against document: CommitmentDocument) throws(ShareError) {
        var foreign: [(ShareError.ShareReference, String)] = []
        var mismatched: [ShareError.ShareReference] = []
        var old: [ShareError.ShareReference] = []
        var current = 0
        for (index, share) in shares.enumerated() {
            let reference = ShareError.reference(index + 1, share.x)
            switch document.check(share) {
            case .valid: current += 1
            case .foreign(let reason): foreign.append((reference, reason))
            case .previousEpoch: old.append(reference)
            case .mismatch: mismatched.append(reference)
            }
        }
        func names(_ references: [ShareError.ShareReference]) -> String {
            references.map(\.description).joined(separator: ", ")
        }
        if let (reference, reason) = foreign.first {
            throw ShareError(.foreignShare, reason, share: reference, culprits: foreign.map(\.0))
        }
        if !mismatched.isEmpty {
            let one = mismatched.count == 1
            throw ShareError(
                .shareMismatch,
                "\(one ? "does" : "\(names(mismatched)) do") not match commitment document \(document.udf) (mistyped, altered, or from another split); remove or correct \(one ? "it" : "them")",
                share: one ? mismatched[0] : nil,
                culprits: mismatched
            )
        }
        if !old.isEmpty {
            let one = old.count == 1
            if current > 0 {
                throw ShareError(
                    .mixedEpochs,
                    "\(one ? "is a share" : "\(names(old)) are shares") of epoch \(document.epoch - 1) and \(current) of epoch \(document.epoch): shares of two epochs never combine; use \(document.threshold) shares of epoch \(document.epoch)",
                    share: one ? old[0] : nil,
                    culprits: old
                )
            }
            throw ShareError(
                .wrongEpoch,
                "the shares are of epoch \(document.epoch - 1), but the document is epoch \(document.epoch) (the set was re-shared): use shares of epoch \(document.epoch), or the epoch-\(document.epoch - 1) document",
                culprits: old
            )
        }
    }

    /// Recovery with the document: every share is checked first (see ``verify(against:)``), then combined.
    public func recover(verifiedBy document: CommitmentDocument) throws(ShareError) -> RecoveredSecret {
        try verify(against: document)
        return try recover()
    }
}

extension ShareSet {
    /// ``recover(verifiedBy:)`` with a document, plain ``recover()`` without one.
    public func recover(checkedBy document: CommitmentDocument?) throws(ShareError) -> RecoveredSecret {
        if let document { return try recover(verifiedBy: document) }
        return try recover()
    }
}
