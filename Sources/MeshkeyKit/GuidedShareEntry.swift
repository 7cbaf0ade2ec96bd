import MeshUDF

/// Shares typed by a person at a terminal, one line at a time, checked as they come: a whole plain share
/// on one line, or the checked paper form line by line (`N  LINE  CC` or `LINE:CC`, then `check: CCCC`).
/// Each checked line is verified against its line check as soon as it is entered (a single wrong
/// character the check locates is offered as a correction to confirm), each complete share against its
/// whole-share check and against the shares before it (another set, a duplicate); entry stops asking at
/// the threshold the first share states and then takes surplus shares for checking until an empty line.
/// ``input`` holds the accepted plain shares for ``ShareRecovery``.
public struct GuidedShareEntry: Sendable {
    /// What one line (or one answer) did.
    public enum Step: Sendable, Equatable {
        /// The line was taken; the share needs more lines (``prompt`` says which).
        case needMoreLines
        /// The line was refused; only that line is asked again. `line` is 1-based (0: the check line).
        case lineRefused(share: Int, line: Int, reason: String)
        /// The checks agree on one wrong character: ``confirm(_:)`` takes the answer.
        case correctionToConfirm(ShareCorrection)
        /// The share was refused and not counted (another set, a duplicate, not a share); it is asked again.
        case shareRefused(share: Int, reason: String)
        /// The share was accepted (1-based, with its x); more are needed.
        case shareComplete(share: Int, x: Int)
        /// The share was accepted and the threshold is reached; surplus shares may follow.
        case thresholdReached(threshold: Int)
        /// A surplus share was accepted; more may follow until an empty line.
        case surplusAccepted(share: Int, x: Int)
        /// An empty line: entry is over.
        case finished
    }

    /// How to type the shares, shown once before the first prompt.
    public static let instructions =
        "Type each share as printed: a plain share on one line, or each numbered line with its 2 characters, then the check line with its 4. An empty line or Ctrl-D finishes."

    /// What is said when the threshold is reached.
    public static let surplusOffer = "Enter surplus shares to check them (blank line to finish):"

    /// The accepted shares (plain texts), `typed share N`.
    public private(set) var input = ShareInput()
    /// The corrections confirmed.
    public private(set) var corrections: [ShareCorrection] = []
    /// The threshold the first accepted share states.
    public private(set) var threshold: Int?
    /// Whether an empty line ended entry.
    public private(set) var isFinished = false

    private var accepted: [ShareUDF] = []
    private var lines: [PaperCheck.TypedLine] = []
    private var pending: (line: PaperCheck.TypedLine, correction: ShareCorrection)?
    private var shareX: Int?

    /// No share entered yet.
    public init() {}

    /// Entry continuing after shares given otherwise (scanned images): those that are plain shares count
    /// towards the threshold and are compared with the typed ones, but are not part of ``input``.
    public init(after given: ShareInput) {
        for item in given.items {
            guard let share = try? ShareUDF.parse(item.text),
                accepted.first.map({ $0.threshold == share.threshold && $0.secretLength == share.secretLength })
                    ?? true,
                !accepted.contains(where: { $0.x == share.x })
            else { continue }
            accepted.append(share)
        }
        threshold = accepted.first?.threshold
    }

    /// The number of the share being typed (1-based).
    public var shareNumber: Int { accepted.count + 1 }
    /// Whether a correction waits for ``confirm(_:)``.
    public var awaitsConfirmation: Bool { pending != nil }
    /// Whether the threshold is reached (what is typed now is surplus).
    public var thresholdReached: Bool { threshold.map { accepted.count >= $0 } ?? false }

    /// What to ask next: `Share 1:` (threshold not known yet), `Share 1 of 3, line 2 (or check):` (the
    /// first line states it), `Share 2 of 3:`, `Surplus share 4:`.
    public var prompt: String {
        // Before the first share is complete, its first line states the threshold.
        let stated = threshold ?? lines.first.flatMap { PaperCheck.threshold(ofFirstLine: $0.line) }
        let share =
            thresholdReached
            ? "Surplus share \(shareNumber)" : "Share \(shareNumber)\(stated.map { " of \($0)" } ?? "")"
        return lines.isEmpty ? "\(share):" : "\(share), line \(lines.count + 1) (or check):"
    }

    /// Takes one typed line.
    public mutating func feed(_ typed: String) -> Step {
        let trimmed = PaperCheck.normalized(typed).trimmingPrefix(while: \.isWhitespace)
        if trimmed.allSatisfy(\.isWhitespace) {
            isFinished = true
            return .finished
        }
        if PaperCheck.isWholeCheckLine(typed) { return finishCheckedShare(typed) }
        if lines.isEmpty, PaperCheck.isPlainShare(typed) {
            return complete(String(trimmed.filter { !$0.isWhitespace }), origin: "typed share \(shareNumber)")
        }
        let index = lines.count
        if let last = lines.last, last.line.count < PaperCheck.lineLength {
            return .lineRefused(
                share: shareNumber,
                line: index + 1,
                reason:
                    "line \(index) has fewer than \(PaperCheck.lineLength) characters, so it is the last: type the check line (check: and its 4 characters) next"
            )
        }
        do {
            let line = try PaperCheck.verifyLine(typed, index: index, x: shareX)
            if let number = line.number, number != index + 1 {
                return .lineRefused(
                    share: shareNumber,
                    line: index + 1,
                    reason: "line \(number) was typed, but line \(index + 1) comes next"
                )
            }
            guard let fix = line.correction else { return take(line) }
            let correction = ShareCorrection(
                share: shareNumber,
                origin: "typed share \(shareNumber)",
                line: index + 1,
                position: PaperCheck.printedPosition(
                    share: String(repeating: "A", count: line.line.count + index * PaperCheck.lineLength),
                    line: index + 1,
                    character: fix.character
                ),
                was: fix.was,
                now: fix.now
            )
            pending = (line, correction)
            return .correctionToConfirm(correction)
        } catch {
            return .lineRefused(share: shareNumber, line: index + 1, reason: error.reason)
        }
    }

    /// Answers the correction offered: taken when `accepted`, otherwise that line is asked again.
    public mutating func confirm(_ accepted: Bool) -> Step {
        guard let (line, correction) = pending else { return .needMoreLines }
        pending = nil
        guard accepted else {
            return .lineRefused(
                share: shareNumber,
                line: lines.count + 1,
                reason: "correction not accepted"
            )
        }
        corrections.append(correction)
        return take(line)
    }

    private mutating func take(_ line: PaperCheck.TypedLine) -> Step {
        if lines.isEmpty { shareX = PaperCheck.x(ofFirstLine: line.line) }
        lines.append(line)
        return .needMoreLines
    }

    /// The check line: the whole-share check over the lines taken.
    private mutating func finishCheckedShare(_ typed: String) -> Step {
        guard !lines.isEmpty else {
            return .lineRefused(share: shareNumber, line: 1, reason: "no share lines before check: (type line 1 first)")
        }
        let text = (lines.map(\.textForm) + [typed]).joined(separator: "\n")
        lines = []
        shareX = nil
        do {
            switch try PaperCheck.verify(text) {
            case .valid(let share), .corrected(let share, _, _, _, _):
                return complete(share, origin: "typed share \(shareNumber)")
            }
        } catch {
            return .shareRefused(
                share: shareNumber,
                reason: "\(error.reason); type this share again from line 1"
            )
        }
    }

    /// A complete plain share: parsed, compared with the shares before it, counted.
    private mutating func complete(_ text: String, origin: String) -> Step {
        let share: ShareUDF
        do { share = try ShareUDF.parse(text) } catch {
            return .shareRefused(share: shareNumber, reason: error.reason)
        }
        if let first = accepted.first {
            if share.threshold != first.threshold || share.secretLength != first.secretLength {
                return .shareRefused(
                    share: shareNumber,
                    reason:
                        "this share is from another set (threshold \(share.threshold), \(share.secretLength)-byte secret; the first share: threshold \(first.threshold), \(first.secretLength) bytes); not counted"
                )
            }
            if let earlier = accepted.firstIndex(where: { $0.x == share.x }) {
                let same = accepted[earlier] == share
                return .shareRefused(
                    share: shareNumber,
                    reason: same
                        ? "the same share as share \(earlier + 1) (x=\(share.x)), counted once"
                        : "this share has the same x (\(share.x)) as share \(earlier + 1) but other contents (mistyped, or from another set); not counted"
                )
            }
        }
        accepted.append(share)
        input = input + ShareInput(items: [ShareInput.Item(text: text, origin: origin)])
        if threshold == nil { threshold = share.threshold }
        let count = accepted.count
        if count == threshold { return .thresholdReached(threshold: count) }
        return count > (threshold ?? 0)
            ? .surplusAccepted(share: count, x: share.x) : .shareComplete(share: count, x: share.x)
    }
}
