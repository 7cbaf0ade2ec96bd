import MeshCrypto
import MeshMath
public import MeshUDF

/// A validated set of Mesh share UDFs: same threshold, same length, distinct x, at least `threshold`.
///
/// Parsing checks each string in order (`invalid_character`, `invalid_length`, `wrong_type`), then the
/// set (`mixed_threshold`, `mixed_length`, `duplicate_share`, `insufficient_shares`); the first failure
/// decides. The reference implementation checks only the type and the threshold; it silently skips bad
/// characters and returns a wrong secret when given more than `threshold` shares.
public struct ShareSet: Sendable {
    public let shares: [ShareUDF]
    public let threshold: Int
    /// Secret length L in bytes.
    public let secretLength: Int

    /// Parses share strings; positions in errors are 1-based indices into `texts`.
    public static func parse(_ texts: [String]) throws(ShareError) -> ShareSet {
        var shares: [ShareUDF] = []
        shares.reserveCapacity(texts.count)
        for (index, text) in texts.enumerated() {
            do {
                shares.append(try ShareUDF.parse(text))
            } catch {
                throw ShareError(
                    ShareError.Code(error.code),
                    error.reason,
                    share: .init(position: index + 1, x: nil),
                    characterPosition: error.position
                )
            }
        }
        return try ShareSet(validating: shares)
    }

    /// Checks the set-level rules on already parsed shares.
    public init(validating shares: [ShareUDF]) throws(ShareError) {
        guard let first = shares.first else {
            throw ShareError(.insufficientShares, "no shares were given")
        }
        func reference(_ index: Int) -> ShareError.ShareReference { .init(position: index + 1, x: shares[index].x) }
        // When shares disagree, blame the ones that differ from the majority (ties: from share 1).
        if let (index, majority) = Self.firstOutlier(shares.map(\.threshold)) {
            throw ShareError(
                .mixedThreshold,
                "needs \(shares[index].threshold) shares but most of the others need \(majority): it comes from a different set",
                share: reference(index)
            )
        }
        if let (index, majority) = Self.firstOutlier(shares.map(\.secretLength)) {
            throw ShareError(
                .mixedLength,
                "is \(Base32.characterCount(byteCount: shares[index].secretLength + 2)) characters long but most of the others are \(Base32.characterCount(byteCount: majority + 2)) (a group missing or extra, or a share from another set)",
                share: reference(index)
            )
        }
        // x is 1…16 in the share format: a bit mask finds repeats without hashing.
        var seenX: UInt32 = 0
        for (index, share) in shares.enumerated() {
            let bit = UInt32(1) << UInt32(share.x)
            if seenX & bit != 0 {
                let earlier = shares.firstIndex { $0.x == share.x }!
                throw ShareError(.duplicateShare, "has the same x as share \(earlier + 1)", share: reference(index))
            }
            seenX |= bit
        }
        guard shares.count >= first.threshold else {
            throw ShareError(
                .insufficientShares,
                "\(shares.count) share\(shares.count == 1 ? "" : "s") given, \(first.threshold) needed"
            )
        }
        self.shares = shares
        threshold = first.threshold
        secretLength = first.secretLength
    }

    /// The first value that differs from the most common one, with that most common value. When several
    /// values are equally common, the one that appears first in the list wins.
    static func firstOutlier(_ values: [Int]) -> (index: Int, majority: Int)? {
        guard let first = values.first, values.contains(where: { $0 != first }) else { return nil }
        var counts: [Int: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        let best = counts.values.max()!
        let majority = values.first { counts[$0] == best }!
        return (values.firstIndex { $0 != majority }!, majority)
    }

    /// Recovers the secret. With exactly `threshold` shares it interpolates; with more, every surplus
    /// share is checked against the others, and an inconsistent set is refused (`inconsistent_shares`),
    /// naming the bad shares when there are enough surplus shares to identify them.
    public func recover() throws(ShareError) -> RecoveredSecret {
        let points = shares.map { ShamirShare(x: $0.x, value: $0.value) }
        let outcome: ShamirRecovery.Outcome
        do {
            outcome = try ShamirRecovery.recover(points, threshold: threshold, byteLength: secretLength)
        } catch {
            preconditionFailure("validated share set refused: \(error)")
        }
        switch outcome {
        case let .recovered(secret, usedX, checkedX):
            return RecoveredSecret(secret: secret, threshold: threshold, usedX: usedX, checkedX: checkedX)
        case let .inconsistent(culprits):
            let references = culprits.map { ShareError.ShareReference(position: $0 + 1, x: shares[$0].x) }
            if references.isEmpty {
                let hint: String
                switch shares.count - threshold {
                case 0: hint = " (the result does not fit the secret's length)"
                case 1: hint = "; give one more share to find out which one is bad"
                default:
                    hint =
                        "; the bad share could not be located (too many bad shares for \(shares.count) shares to tell which)"
                }
                throw ShareError(
                    .inconsistentShares,
                    "the \(shares.count) shares do not belong to one \(threshold)-of-n set: a share is mistyped or from another set\(hint)"
                )
            }
            let names = references.map(\.description).joined(separator: ", ")
            throw ShareError(
                .inconsistentShares,
                "\(names) \(references.count == 1 ? "does" : "do") not match the other shares (mistyped or from another set); remove \(references.count == 1 ? "it" : "them") or correct \(references.count == 1 ? "it" : "them")",
                share: references.count == 1 ? references[0] : nil,
                culprits: references
            )
        }
    }
}
