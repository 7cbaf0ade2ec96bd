import MeshCrypto
public import MeshEscrow
import MeshKeys
import MeshUDF

/// Recovering a secret from shares a person gave: the paper checks, the set's commitment document, the
/// identifier on the sheets (for an account seed the sheets may name its profile UDF instead), and what was
/// checked, corrected or should be warned about, as lines for people.
public struct ShareRecovery: Sendable {
    /// The secret and the shares used and checked.
    public let recovered: RecoveredSecret
    /// The single-character corrections the paper checks agreed on.
    public let corrections: [ShareCorrection]
    /// What was checked (the identifier, the commitment document and its signer), or a warning that nothing
    /// was, in the order to report them.
    public let notes: [String]

    /// Checks the input's paper forms, then recovers as ``recover(_:expecting:commitments:checkedOtherwise:)``.
    public static func recover(
        _ input: ShareInput,
        expecting identifier: String? = nil,
        commitments document: CommitmentDocument? = nil,
        checkedOtherwise: Bool = false
    ) throws(ShareInputError) -> ShareRecovery {
        try recover(
            try input.checked(),
            expecting: identifier,
            commitments: document,
            checkedOtherwise: checkedOtherwise
        )
    }

    /// Recovers the secret. With a document every share is verified against it first. With an identifier
    /// the secret's identifier must match it (`identifier_mismatch`) unless the secret is an account seed
    /// whose profile UDF it is. Without a document, with exactly the threshold and no other check
    /// (`identifier`, or `checkedOtherwise` for a check the caller makes), a warning says nothing was checked.
    public static func recover(
        _ shares: CheckedShares,
        expecting identifier: String? = nil,
        commitments document: CommitmentDocument? = nil,
        checkedOtherwise: Bool = false
    ) throws(ShareInputError) -> ShareRecovery {
        let recovered: RecoveredSecret
        do { recovered = try ShareSet.parse(shares.texts, verifiedBy: document).recover(checkedBy: document) } catch {
            throw shares.refusal(error)
        }
        var notes: [String] = []
        if let identifier {
            if let profileUDF = profileUDF(of: recovered), UDFMatch.matches(identifier, profileUDF) {
                notes.append("the profile UDF matches the sheets (\(profileUDF))")
            } else if UDFMatch.matches(identifier, recovered.identifier) {
                notes.append("the identifier matches the sheets (\(recovered.identifier))")
            } else {
                throw shares.refused(
                    "identifier_mismatch",
                    "the shares recover a secret with identifier \(recovered.identifier), but the sheets name \(identifier) (shares from another set?)"
                )
            }
        }
        notes += checkNotes(recovered, document: document, otherCheck: identifier != nil || checkedOtherwise)
        return ShareRecovery(recovered: recovered, corrections: shares.corrections, notes: notes)
    }

    /// The secret of a grouped split (`ShareGroups`): each group's shares in one text, separated by spaces,
    /// commas or line breaks; a malformed share is named by group and position.
    public static func recover(groups: [String]) throws(ShareInputError) -> RecoveredSecret {
        var parsed: [[ShareUDF]] = []
        for (index, text) in groups.enumerated() {
            var members: [ShareUDF] = []
            let items = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" })
            for (position, item) in items.enumerated() {
                do { members.append(try ShareUDF.parse(String(item))) } catch {
                    throw ShareInputError(error.code.name, "group \(index + 1), share \(position + 1): \(error.reason)")
                }
            }
            parsed.append(members)
        }
        do { return try ShareGroups.recover(parsed) } catch {
            throw ShareInputError(error.code.name, error.reason, shareError: error)
        }
    }

    /// The profile UDF of an account seed (nil for any other secret).
    static func profileUDF(of recovered: RecoveredSecret) -> String? {
        guard recovered.kind == .seed else { return nil }
        return (try? MeshProfile(recoveredSecret: recovered.secret))?.udf
    }

    /// What was checked: the document's verification and its signer, or a warning when nothing was
    /// (exactly the threshold, no document, no other check).
    static func checkNotes(_ recovered: RecoveredSecret, document: CommitmentDocument?, otherCheck: Bool) -> [String] {
        if let document {
            return [
                "all \(recovered.usedX.count + recovered.checkedX.count) shares verified against commitment document \(document.udf) (epoch \(document.epoch))"
            ]
                + CommitmentNotes.signer(of: document)
        }
        if recovered.checkedX.isEmpty && !otherCheck {
            var warning =
                "warning: nothing was checked: exactly the threshold of shares and no commitment document, so a mistyped or foreign share would give a wrong secret unnoticed (give --commitments FILE, or one more share)"
            // The identifier to compare with the sheets by eye: an account seed's sheets name its profile UDF;
            // a secret shorter than 16 bytes has none printed (it would let its value be searched for).
            if let profileUDF = profileUDF(of: recovered) {
                warning += "; compare the profile UDF \(profileUDF) with the set identifier on the sheets"
            } else if recovered.secret.count >= SecretSharing.minimumIdentifiedLength {
                warning += "; compare the identifier \(recovered.identifier) with the set identifier on the sheets"
            }
            return [warning]
        }
        return []
    }
}
