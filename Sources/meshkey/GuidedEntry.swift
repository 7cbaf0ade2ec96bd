import MeshkeyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Guided entry of shares at a terminal: prompts on standard error, reads one line at a time from standard
/// input (echo on: the shares are typed from a sheet in the person's hand) and prints what MeshkeyKit's
/// ``GuidedShareEntry`` found, until an empty line or end of input.
enum GuidedEntry {
    /// The shares typed, checked as they came (after those `given` otherwise, which count towards the
    /// threshold).
    static func read(after given: ShareInput = ShareInput()) -> ShareInput {
        var entry = GuidedShareEntry(after: given)
        Terminal.error(GuidedShareEntry.instructions)
        while !entry.isFinished {
            prompt(entry.prompt + " ")
            guard let line = readLine(strippingNewline: true) else {
                Terminal.error("")
                break
            }
            var step = entry.feed(line)
            while case .correctionToConfirm(let correction) = step {
                prompt(
                    "share \(correction.share), line \(correction.line), \(correction.position): \(correction.was) -> \(correction.now) (the line check agrees on this one correction; the sheet should show \(correction.now) there); accept it? [y/N] "
                )
                let answer = (readLine(strippingNewline: true) ?? "").lowercased().filter { !$0.isWhitespace }
                step = entry.confirm(answer == "y" || answer == "yes")
            }
            report(step)
        }
        return entry.input
    }

    private static func report(_ step: GuidedShareEntry.Step) {
        switch step {
        case .needMoreLines, .finished, .correctionToConfirm:
            break
        case .lineRefused(let share, let line, let reason):
            Terminal.error("share \(share), line \(line): \(reason); type line \(line) again")
        case .shareRefused(let share, let reason):
            Terminal.error("share \(share): \(reason)")
        case .shareComplete(let share, let x):
            Terminal.error("share \(share) checked (x=\(x))")
        case .thresholdReached(let threshold):
            Terminal.error("share \(threshold) checked: \(threshold) shares, enough to recover")
            Terminal.error(GuidedShareEntry.surplusOffer)
        case .surplusAccepted(let share, let x):
            Terminal.error("surplus share \(share) checked (x=\(x))")
        }
    }

    private static func prompt(_ text: String) {
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(2, buffer.baseAddress!, buffer.count - 1)
        }
    }
}
