import Foundation
import TestSupport
import Testing

/// Guided entry at a terminal (a pseudo-terminal): `Share 1 of T:` prompts, each checked line checked as
/// it is typed (a typo named and only that line typed again, one wrong character corrected after a y),
/// the threshold from the first share, then surplus shares until an empty line.
@Suite struct GuidedEntryCLITests {
    var executable: String { Paths.productsDirectory.appendingPathComponent("meshkey").path }

    /// `line` with the character at `index` changed.
    func typo(_ line: String, at index: Int) -> String {
        var characters = Array(line)
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    /// A regular expression matching `text` literally.
    func literal(_ text: String) -> String {
        text.map { "()[]{}.*+?^$|\\".contains($0) ? "\\\($0)" : String($0) }.joined()
    }

    /// The steps typing `lines` as share `share` of `threshold` (known at the first prompt only after the
    /// first share; the first line states it, so the prompts after it name it).
    func steps(_ lines: [String], share: Int, of threshold: Int) -> [PseudoTerminal.Step] {
        let first = share == 1 ? "Share 1: " : "Share \(share) of \(threshold): "
        return lines.enumerated().map { index, line in
            .type(
                line,
                after: literal(index == 0 ? first : "Share \(share) of \(threshold), line \(index + 1) (or check): ")
            )
        }
    }

    @Test func recoverTypedInTheCheckedFormWithATypoAndACorrection() throws {
        let set = try PaperCLITests().split(threshold: 2, shares: 3)
        let first = try PaperCLITests().checkedLines(set.shares[0])
        let second = try PaperCLITests().checkedLines(set.shares[2])
        #expect(first.count > 2 && second.count > 2)
        // Share 1: line 2 first typed with a character left out (named, typed again).
        var skipped = first[1]
        skipped.remove(at: skipped.index(skipped.startIndex, offsetBy: 6))
        var plan = steps([first[0], skipped], share: 1, of: 2)
        plan += steps(first, share: 1, of: 2).dropFirst()
        // Share 2: one wrong character in line 2, corrected after a y.
        plan += steps([second[0], typo(second[1], at: 6)], share: 2, of: 2)
        plan.append(.type("y", after: literal("accept it? [y/N] ")))
        plan += steps(second, share: 2, of: 2).dropFirst(2)
        plan.append(.type("", after: literal("Enter surplus shares to check them (blank line to finish):")))
        let run = try PseudoTerminal.run(executable, ["recover"], steps: plan, count: "Share 1: ")
        #expect(run.stepsTaken == plan.count, "\(run)")
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.output.contains("Ctrl-D"), "the first prompt says how to finish")
        #expect(
            run.output.contains("share 1, line 2: the line does not match its check; it has 15 characters"),
            "\(run)"
        )
        #expect(run.output.contains("type line 2 again"))
        #expect(run.output.contains("share 2, line 2, character 7: "), "\(run)")
        #expect(run.output.contains("share 1 checked"))
        #expect(run.output.contains("\n" + set.secret + "\n"), "\(run)")
        #expect(run.matches == 1)
    }

    @Test func profileRecoverDryRunGuided() throws {
        let old = try StoreCLITests.Fixture()
        let created = try CommandRunner.run(
            ["profile", "create", "--store", old.store, "--passphrase-file", old.passphraseFile]
        )
        #expect(created.exitCode == 0, "\(created.standardError)")
        let profileUDF = String(created.standardOutput.split(separator: "\n").first ?? "")
        let escrow = try CommandRunner.run(
            ["profile", "escrow", "-t", "2", "-n", "3", "--store", old.store, "--passphrase-file", old.passphraseFile]
        )
        let shares = Array(escrow.standardOutput.split(separator: "\n").map(String.init).dropFirst())
        #expect(shares.count == 3)
        let new = try StoreCLITests.Fixture()
        let before = try new.snapshot()
        let checked = try PaperCLITests().checkedLines(shares[1])
        var plan = steps(checked, share: 1, of: 2)
        // A share of the same set typed twice is named and not counted.
        plan.append(.type(shares[1], after: literal("Share 2 of 2: ")))
        plan.append(.type(shares[2], after: literal("Share 2 of 2: ")))
        plan.append(.type(shares[0], after: literal("Surplus share 3: ")))
        plan.append(.type("", after: literal("Surplus share 4: ")))
        let run = try PseudoTerminal.run(
            executable,
            [
                "profile", "recover", "--expect", profileUDF, "--dry-run", "--store", new.store, "--passphrase-file",
                new.passphraseFile,
            ],
            steps: plan
        )
        #expect(run.stepsTaken == plan.count, "\(run)")
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.output.contains("the same share as share 1"), "\(run)")
        #expect(run.output.contains("surplus share 3 checked"), "\(run)")
        #expect(try new.snapshot() == before)
    }

    /// recover --scan with fewer images than the threshold at a terminal: guided entry continues from the
    /// scanned shares (`Share 3 of 3:`) and a share already scanned is not counted again.
    @Test func recoverContinuesAfterScannedSheets() throws {
        let paper = PaperCLITests()
        let set = try paper.split(threshold: 3, shares: 4)
        let directory = try paper.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("sheets.pdf").path
        #expect(try CommandRunner.run(["print"] + set.shares + ["--out", pdf]).exitCode == 0)
        try paper.tool(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "2", pdf, "p"], in: directory)
        let images = ["p-1.png", "p-2.png"].map { directory.appendingPathComponent($0).path }
        let plan: [PseudoTerminal.Step] = [
            .type(set.shares[1], after: literal("Share 3 of 3: ")),
            .type(set.shares[3], after: literal("Share 3 of 3: ")),
            .type("", after: literal("Surplus share 4: ")),
        ]
        let run = try PseudoTerminal.run(executable, ["recover", "--scan"] + images, steps: plan)
        #expect(run.stepsTaken == plan.count, "\(run)")
        #expect(run.exitCode == 0, "\(run)")
        #expect(run.output.contains("2 of 3 shares scanned; type 1 more"), "\(run)")
        #expect(run.output.contains("the same share as share 2"), "\(run)")
        #expect(run.output.contains("\n" + set.secret + "\n"), "\(run)")
    }
}
