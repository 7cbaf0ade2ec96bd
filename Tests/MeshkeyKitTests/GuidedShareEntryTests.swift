import MeshCrypto
import MeshEscrow
import MeshUDF
import MeshkeyKit
import Testing

/// Guided entry without a terminal: lines fed one by one, each checked line and each share checked as it
/// comes, the threshold from the first share, surplus shares until an empty line.
@Suite struct GuidedShareEntryTests {
    static func split(threshold: Int = 2, count: Int = 3) throws -> SecretSharing.Split {
        try SecretSharing.split(secret: SecureRandom.bytes(32), threshold: threshold, shareCount: count)
    }

    static func typed(_ share: ShareUDF) -> [String] {
        PaperCheck.sheet(share: share.text, x: share.x).textLines
    }

    /// One changed character at `index` of `line`.
    static func typo(_ line: String, at index: Int) -> String {
        var characters = Array(line)
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    @Test func checkedFormLineByLineThenThresholdAndSurplus() throws {
        let split = try Self.split()
        var entry = GuidedShareEntry()
        #expect(entry.prompt == "Share 1:")
        let first = Self.typed(split.shares[0])
        for line in first.dropLast() { #expect(entry.feed(line) == .needMoreLines) }
        #expect(entry.prompt == "Share 1 of 2, line \(first.count) (or check):")
        #expect(entry.feed(first.last!) == .shareComplete(share: 1, x: split.shares[0].x))
        #expect(entry.prompt == "Share 2 of 2:")
        #expect(entry.feed(split.shares[1].text) == .thresholdReached(threshold: 2))
        #expect(entry.prompt == "Surplus share 3:")
        #expect(entry.feed(split.shares[2].text) == .surplusAccepted(share: 3, x: split.shares[2].x))
        #expect(entry.feed("") == .finished)
        #expect(entry.isFinished)
        let recovery = try ShareRecovery.recover(entry.input)
        #expect(recovery.recovered.secret == split.secret)
        #expect(recovery.recovered.checkedX.count == 1)
    }

    @Test func aLineThatFailsItsCheckIsNamedAndOnlyItIsAskedAgain() throws {
        let split = try Self.split()
        var entry = GuidedShareEntry()
        let lines = Self.typed(split.shares[0])
        #expect(entry.feed(lines[0]) == .needMoreLines)
        // Two typos in line 2 that no single correction explains: detected, named.
        let x = split.shares[0].x
        let bad = try #require(
            (6..<19).lazy.map { Self.typo(Self.typo(lines[1], at: 5), at: $0) }
                .first { (try? PaperCheck.verifyLine($0, index: 1, x: x)) == nil }
        )
        guard case .lineRefused(share: 1, line: 2, _) = entry.feed(bad) else {
            Issue.record("line 2 not refused")
            return
        }
        #expect(entry.prompt == "Share 1 of 2, line 2 (or check):")
        for line in lines.dropFirst().dropLast() { #expect(entry.feed(line) == .needMoreLines) }
        #expect(entry.feed(lines.last!) == .shareComplete(share: 1, x: split.shares[0].x))
    }

    @Test func oneWrongCharacterIsOfferedAndTakenOnlyWhenConfirmed() throws {
        let split = try Self.split()
        var entry = GuidedShareEntry()
        let lines = Self.typed(split.shares[1])
        #expect(entry.feed(lines[0]) == .needMoreLines)
        let typo = Self.typo(lines[1], at: 6)
        guard case .correctionToConfirm(let correction) = entry.feed(typo) else {
            Issue.record("no correction offered")
            return
        }
        #expect(correction.line == 2 && correction.position == "character 7" && correction.now == Array(lines[1])[6])
        #expect(entry.awaitsConfirmation)
        guard case .lineRefused(share: 1, line: 2, _) = entry.confirm(false) else {
            Issue.record("a refused correction must ask the line again")
            return
        }
        guard case .correctionToConfirm = entry.feed(typo) else { return }
        #expect(entry.confirm(true) == .needMoreLines)
        for line in lines.dropFirst(2) {
            let step = entry.feed(line)
            #expect(step == .needMoreLines || step == .shareComplete(share: 1, x: split.shares[1].x))
        }
        #expect(entry.corrections.count == 1)
        #expect(entry.feed(split.shares[0].text) == .thresholdReached(threshold: 2))
        #expect(try ShareRecovery.recover(entry.input).recovered.secret == split.secret)
    }

    @Test func linesAsPrintedWithNumbersAndSpaces() throws {
        let split = try Self.split()
        let sheet = PaperCheck.sheet(share: split.shares[0].text, x: split.shares[0].x)
        var entry = GuidedShareEntry()
        for (index, (line, check)) in zip(sheet.dashedLines, sheet.lineChecks).enumerated() {
            #expect(entry.feed("\(index + 1)  \(line)   \(check)") == .needMoreLines)
        }
        #expect(entry.feed("check: \(sheet.check)") == .shareComplete(share: 1, x: split.shares[0].x))
        // A skipped line is named.
        var skipping = GuidedShareEntry()
        #expect(skipping.feed("1  \(sheet.dashedLines[0])   \(sheet.lineChecks[0])") == .needMoreLines)
        guard
            case .lineRefused(share: 1, line: 2, _) = skipping.feed(
                "3  \(sheet.dashedLines[2])   \(sheet.lineChecks[2])"
            )
        else {
            Issue.record("a skipped line must be named")
            return
        }
    }

    @Test func aWrongWholeCheckRefusesTheShare() throws {
        let split = try Self.split()
        var entry = GuidedShareEntry()
        let lines = Self.typed(split.shares[0])
        for line in lines.dropLast() { #expect(entry.feed(line) == .needMoreLines) }
        guard case .shareRefused(share: 1, _) = entry.feed(Self.typo(lines.last!, at: 7)) else {
            Issue.record("whole check not refused")
            return
        }
        #expect(entry.prompt == "Share 1:")
        #expect(entry.input.isEmpty)
    }

    @Test func duplicatesAndSharesOfAnotherSetAreNotCounted() throws {
        let split = try Self.split(threshold: 3, count: 4)
        let other = try Self.split(threshold: 2, count: 2)
        var entry = GuidedShareEntry()
        #expect(entry.feed(split.shares[0].text) == .shareComplete(share: 1, x: split.shares[0].x))
        #expect(entry.prompt == "Share 2 of 3:")
        guard case .shareRefused(share: 2, let duplicate) = entry.feed(split.shares[0].text) else {
            Issue.record("duplicate not refused")
            return
        }
        #expect(duplicate.contains("same share as share 1"))
        guard case .shareRefused(share: 2, let foreign) = entry.feed(other.shares[1].text) else {
            Issue.record("another set not refused")
            return
        }
        #expect(foreign.contains("another set"))
        #expect(entry.input.count == 1)
        guard case .shareRefused(share: 2, _) = entry.feed("SNOTASHARE") else {
            Issue.record("garbage not refused")
            return
        }
    }
}

extension GuidedShareEntryTests {
    @Test func entryContinuesAfterScannedShares() throws {
        let split = try Self.split(threshold: 3, count: 4)
        let scanned = ShareInput(arguments: [split.shares[0].text, split.shares[1].text])
        var entry = GuidedShareEntry(after: scanned)
        #expect(entry.prompt == "Share 3 of 3:")
        guard case .shareRefused(share: 3, _) = entry.feed(split.shares[1].text) else {
            Issue.record("a share scanned before must not count again")
            return
        }
        #expect(entry.feed(split.shares[2].text) == .thresholdReached(threshold: 3))
        #expect(entry.input.count == 1)
        #expect(try ShareRecovery.recover(scanned + entry.input).recovered.secret == split.secret)
    }
}
