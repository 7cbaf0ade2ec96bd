import MeshEscrow
public import MeshPaper
public import MeshUDF

/// Shares to print on sheets: each checked (a share in the checked form must match its checks exactly:
/// a typo is to be recovered first), all of one set with distinct x, and the set's identifier: computed when
/// at least the threshold is given, otherwise as given (never for a secret shorter than 16 bytes).
public struct ShareSheetSet: Sendable {
    /// The shares, in the order given.
    public let shares: [ShareUDF]
    /// The identifier to print, if any.
    public let identifier: String?

    /// Checks `input` and works out the identifier. Refusals: `check_mismatch` (a checked form that does not
    /// match, or that has a typo), the share's parse error, `mixed_set`, `duplicate_share`,
    /// `identifier_refused` (an identifier beside a short secret's shares), `identifier_mismatch` (with at
    /// least the threshold, the shares recover a secret with another identifier), and a share set's refusal.
    public init(_ input: ShareInput, identifier: String?) throws(ShareInputError) {
        var parsed: [ShareUDF] = []
        for (index, item) in input.items.enumerated() {
            var plain = item.text
            if PaperCheck.isCheckedForm(item.text) {
                let outcome: PaperCheck.Outcome
                do { outcome = try PaperCheck.verify(item.text) } catch {
                    throw ShareInputError("check_mismatch", "share \(index + 1): \(error.reason)")
                }
                guard case .valid(let share) = outcome else {
                    throw ShareInputError(
                        "check_mismatch",
                        "share \(index + 1) has a typo; recover it with `meshkey recover` first"
                    )
                }
                plain = share
            }
            do { parsed.append(try ShareUDF.parse(plain)) } catch {
                throw ShareInputError(error.code.name, "share \(index + 1): \(error.reason)")
            }
        }
        guard let first = parsed.first else { throw ShareInputError("insufficient_shares", "no shares given") }
        for (index, share) in parsed.enumerated() {
            if share.threshold != first.threshold || share.secretLength != first.secretLength {
                throw ShareInputError("mixed_set", "share \(index + 1) does not belong to the same set as share 1")
            }
            if let earlier = parsed[..<index].firstIndex(where: { $0.x == share.x }) {
                throw ShareInputError("duplicate_share", "share \(index + 1) has the same x as share \(earlier + 1)")
            }
        }
        // One holder could test every short secret against an identifier printed beside the shares.
        if identifier != nil && first.secretLength < SecretSharing.minimumIdentifiedLength {
            throw ShareInputError(
                "identifier_refused",
                "the shares hold a \(first.secretLength)-byte secret; an identifier beside them would let one holder test every such secret (16 bytes or more are needed)"
            )
        }
        var setIdentifier = identifier
        if parsed.count >= first.threshold {
            let checked = CheckedShares(texts: parsed.map(\.text), origins: input.items.map(\.origin))
            let recovered: RecoveredSecret
            do { recovered = try ShareSet(validating: parsed).recover() } catch { throw checked.refusal(error) }
            if let identifier, !UDFMatch.matches(identifier, recovered.identifier) {
                throw ShareInputError(
                    "identifier_mismatch",
                    "the shares recover a secret with identifier \(recovered.identifier), not \(identifier)"
                )
            }
            if identifier == nil { setIdentifier = SecretSharing.publishedIdentifier(of: recovered.secret) }
        }
        self.shares = parsed
        self.identifier = setIdentifier
    }

    /// One sheet per share, labelled in order (`labels` may be shorter), with the set's size: `total`, else
    /// the number of shares when they are at least the threshold.
    public func sheets(
        labels: [String],
        total: Int?,
        created: String,
        details: SheetDetails = SheetDetails()
    ) -> [PaperSheet] {
        let printed = shares.map(\.x)
        return shares.enumerated().map { index, share in
            PaperSheet(
                share: share.text,
                x: share.x,
                threshold: share.threshold,
                total: total ?? (shares.count >= share.threshold ? shares.count : nil),
                identifier: identifier,
                created: created,
                label: index < labels.count ? labels[index] : nil,
                details: details,
                printed: printed
            )
        }
    }
}
