import Foundation
import MeshCrypto
import MeshUDF
import Testing

/// Check codes of paper sheets (formats.md, "Paper sheets and check codes").
@Suite struct PaperCheckTests {
    /// A reproducible generator (SplitMix64), so that the random trials are the same on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    func share(secretLength: Int, x: Int, threshold: Int = 3, generator: inout Generator) -> ShareUDF {
        ShareUDF(
            threshold: threshold,
            x: x,
            value: SecureBytes((0..<secretLength).map { _ in UInt8.random(in: 0...255, using: &generator) })
        )
    }

    /// The characters a user types: each line's 16 (or fewer) share characters and 2 check characters,
    /// then the 4 of the whole check; `render` puts them back in the typed form.
    struct Typed {
        var lines: [[Character]]  // share characters ‖ check characters
        var check: [Character]
        let dataCounts: [Int]

        init(_ sheet: PaperCheck.Sheet) {
            lines = zip(sheet.lines, sheet.lineChecks).map { Array($0) + Array($1) }
            check = Array(sheet.check)
            dataCounts = sheet.lines.map(\.count)
        }

        var positions: Int { lines.reduce(0) { $0 + $1.count } + 4 }

        /// (line index or nil for the whole check, index within)
        func locate(_ position: Int) -> (line: Int?, index: Int) {
            var rest = position
            for (line, characters) in lines.enumerated() {
                if rest < characters.count { return (line, rest) }
                rest -= characters.count
            }
            return (nil, rest)
        }

        subscript(position: Int) -> Character {
            get {
                let (line, index) = locate(position)
                return line.map { lines[$0][index] } ?? check[index]
            }
            set {
                let (line, index) = locate(position)
                if let line { lines[line][index] = newValue } else { check[index] = newValue }
            }
        }

        var text: String {
            var out: [String] = []
            for (line, characters) in lines.enumerated() {
                let data = String(characters[..<dataCounts[line]])
                var dashed = ""
                for (i, c) in data.enumerated() {
                    if i > 0 && i % 4 == 0 { dashed += "-" }
                    dashed.append(c)
                }
                out.append(dashed + ":" + String(characters[dataCounts[line]...]))
            }
            return (out + ["check:" + String(check)]).joined(separator: "\n")
        }
    }

    @Test func sheetsRoundTripForEveryShareLength() throws {
        var generator = Generator(state: 1)
        for length in 1...64 {
            let udf = share(secretLength: length, x: (length % 16) + 1, generator: &generator)
            let sheet = PaperCheck.sheet(share: udf.text, x: udf.x)
            #expect(sheet.lines.dropLast().allSatisfy { $0.count == 16 })
            #expect(sheet.lineChecks.allSatisfy { $0.count == 2 })
            #expect(sheet.check.count == 4)
            #expect(try PaperCheck.verify(sheet.textLines.joined(separator: "\n")) == .valid(share: udf.text))
            // One line with spaces works too, lower case too, and line numbers copied from --text are skipped.
            #expect(
                try PaperCheck.verify(sheet.textLines.joined(separator: " ").lowercased()) == .valid(share: udf.text)
            )
            let numbered = sheet.textLines.enumerated().map { "\($0 + 1)  \($1)" }.joined(separator: "\n")
            #expect(try PaperCheck.verify(numbered) == .valid(share: udf.text))
        }
    }

    /// Every single-character substitution, at every position, with every other character: in a line or
    /// its check it is corrected and the line named; in the whole check it is detected.
    @Test func everySingleSubstitutionIsLocated() throws {
        var generator = Generator(state: 2)
        for (length, x) in [(32, 2), (16, 16), (64, 7), (5, 1)] {
            let udf = share(secretLength: length, x: x, generator: &generator)
            let typed = Typed(PaperCheck.sheet(share: udf.text, x: udf.x))
            for position in 0..<typed.positions {
                for replacement in Self.alphabet where replacement != typed[position] {
                    var changed = typed
                    changed[position] = replacement
                    let (line, index) = typed.locate(position)
                    if let line {
                        let outcome = try PaperCheck.verify(changed.text)
                        #expect(
                            outcome
                                == .corrected(
                                    share: udf.text,
                                    line: line + 1,
                                    character: index + 1,
                                    was: replacement,
                                    now: typed[position]
                                ),
                            "length \(length), position \(position)"
                        )
                    } else {
                        #expect(throws: PaperCheck.CheckError.self) { try PaperCheck.verify(changed.text) }
                    }
                }
            }
        }
    }

    /// Without correction in the way: a single wrong character names its line.
    @Test func twoErrorsInOneLineNameThatLine() throws {
        var generator = Generator(state: 3)
        let udf = share(secretLength: 32, x: 5, generator: &generator)
        let typed = Typed(PaperCheck.sheet(share: udf.text, x: udf.x))
        for line in 0..<typed.lines.count {
            let start = typed.lines[..<line].reduce(0) { $0 + $1.count }
            var changed = typed
            changed[start] = changed[start] == "A" ? "B" : "A"
            changed[start + 2] = changed[start + 2] == "Q" ? "R" : "Q"
            do {
                _ = try PaperCheck.verify(changed.text)
                Issue.record("line \(line + 1): two errors not detected")
            } catch {
                #expect(error.lines == [line + 1])
            }
        }
    }

    /// Random trials: 2, 3 or 4 wrong characters anywhere (lines, line checks, whole check) are never
    /// accepted as they are, and never turned into another share.
    @Test func upToFourRandomErrorsAreDetected() throws {
        var generator = Generator(state: 4)
        var trials = 0
        for round in 0..<3000 {
            let length = [16, 32, 33, 64][round % 4]
            let udf = share(secretLength: length, x: Int.random(in: 1...16, using: &generator), generator: &generator)
            let typed = Typed(PaperCheck.sheet(share: udf.text, x: udf.x))
            let errors = 2 + round % 3
            var positions = Set<Int>()
            while positions.count < errors { positions.insert(Int.random(in: 0..<typed.positions, using: &generator)) }
            var changed = typed
            for position in positions {
                var replacement = typed[position]
                while replacement == typed[position] { replacement = Self.alphabet.randomElement(using: &generator)! }
                changed[position] = replacement
            }
            trials += 1
            do {
                let outcome = try PaperCheck.verify(changed.text)
                if case .valid = outcome { Issue.record("\(errors) errors accepted at \(positions.sorted())") }
                if case .corrected(let share, _, _, _, _) = outcome {
                    #expect(share == udf.text, "\(errors) errors miscorrected at \(positions.sorted())")
                }
            } catch {}
        }
        #expect(trials == 3000)
    }

    @Test func malformedFormsAreRefused() {
        let sheet = PaperCheck.sheet(share: "SAQC-YE5R-BE3C-37IF-AG43-SGNT-3NLP-VURL-YWEH", x: 2)
        let lines = sheet.textLines
        // No whole check, a missing line check, a short line, a foreign character.
        #expect(throws: PaperCheck.CheckError.self) { try PaperCheck.verify(lines.dropLast().joined(separator: "\n")) }
        #expect(throws: PaperCheck.CheckError.self) {
            try PaperCheck.verify(String(lines[0].dropLast(3)) + "\n" + lines[1...].joined(separator: "\n"))
        }
        #expect(throws: PaperCheck.CheckError.self) {
            try PaperCheck.verify(String(lines[0].dropFirst()) + "\n" + lines[1...].joined(separator: "\n"))
        }
        #expect(throws: PaperCheck.CheckError.self) {
            try PaperCheck.verify(lines.joined(separator: "\n").replacingOccurrences(of: "S", with: "0"))
        }
        #expect(!PaperCheck.isCheckedForm("SAQC-YE5R-BE3C-37IF"))
    }
}

/// The sheet typed (or pasted) exactly as printed: `LINE   CC` without a colon, `check: ABCD` with a space,
/// and what a PDF copy-paste gives (dash look-alikes, Unicode spaces, zero-width characters).
@Suite struct PaperCheckPrintedFormTests {
    func sample(_ length: Int = 32, x: Int = 5) -> (udf: ShareUDF, sheet: PaperCheck.Sheet) {
        var generator = PaperCheckTests.Generator(state: UInt64(length * 31 + x))
        let udf = PaperCheckTests().share(secretLength: length, x: x, generator: &generator)
        return (udf, PaperCheck.sheet(share: udf.text, x: udf.x))
    }

    /// The PDF's layout: a line number, the dashed line, spaces, its check; then `check: ABCD`.
    func pdfLines(_ sheet: PaperCheck.Sheet, space: String = "   ", dash: String = "-") -> [String] {
        sheet.dashedLines.enumerated().map {
            "\($0 + 1)\(space)\($1.replacingOccurrences(of: "-", with: dash))\(space)\(sheet.lineChecks[$0])"
        }
            + ["check:\(space == "   " ? " " : space)\(sheet.check)"]
    }

    @Test func theSheetAsPrintedIsAccepted() throws {
        for length in [1, 7, 16, 32, 33, 64] {
            let (udf, sheet) = sample(length)
            #expect(try PaperCheck.verify(pdfLines(sheet).joined(separator: "\n")) == .valid(share: udf.text))
            // Without the line numbers, with a colon and a space, on one line, lower case, CRLF.
            let bare = zip(sheet.dashedLines, sheet.lineChecks).map { "\($0)  \($1)" } + ["check: \(sheet.check)"]
            #expect(try PaperCheck.verify(bare.joined(separator: "\n")) == .valid(share: udf.text))
            #expect(try PaperCheck.verify(bare.joined(separator: " ").lowercased()) == .valid(share: udf.text))
            #expect(try PaperCheck.verify(bare.joined(separator: "\r\n")) == .valid(share: udf.text))
            let colonSpace =
                zip(sheet.dashedLines, sheet.lineChecks).map { "\($0): \($1)" } + ["CHECK : \(sheet.check)"]
            #expect(try PaperCheck.verify(colonSpace.joined(separator: "\n")) == .valid(share: udf.text))
            // The --text form and the PDF form are both the checked form.
            #expect(PaperCheck.isCheckedForm(pdfLines(sheet).joined(separator: "\n")))
            #expect(PaperCheck.isCheckedForm(sheet.textLines.joined(separator: "\n")))
            #expect(!PaperCheck.isCheckedForm(udf.text))
        }
    }

    @Test func copyPasteLookAlikesAreReadAsPrinted() throws {
        let (udf, sheet) = sample()
        for dash in ["\u{2013}", "\u{2014}", "\u{2010}", "\u{2011}", "\u{2212}", "\u{FF0D}"] {
            #expect(
                try PaperCheck.verify(pdfLines(sheet, dash: dash).joined(separator: "\n")) == .valid(share: udf.text),
                "dash U+\(String(dash.unicodeScalars.first!.value, radix: 16))"
            )
        }
        for space in ["\u{00A0}", "\u{2002}", "\u{2009}", "\u{202F}", "\u{3000}", "\t", " \u{00A0} "] {
            #expect(
                try PaperCheck.verify(pdfLines(sheet, space: space).joined(separator: "\n")) == .valid(share: udf.text),
                "space U+\(String(space.unicodeScalars.first!.value, radix: 16))"
            )
        }
        // Zero-width characters and soft hyphens vanish; a full-width colon is a colon.
        let zeroWidth = pdfLines(sheet).map { $0.replacingOccurrences(of: "-", with: "-\u{200B}") }
        #expect(try PaperCheck.verify(zeroWidth.joined(separator: "\n")) == .valid(share: udf.text))
        let fullWidth = sheet.textLines.map { $0.replacingOccurrences(of: ":", with: "\u{FF1A}") }
        #expect(try PaperCheck.verify(fullWidth.joined(separator: "\n")) == .valid(share: udf.text))
        // Each printed line is recognised as a share line of a sheet's text, and its other lines are not.
        for line in pdfLines(sheet).dropLast() {
            #expect(PaperCheck.isPrintedShareLine(line) && PaperCheck.isSheetShareLine(line))
        }
        #expect(
            PaperCheck.isWholeCheckLine("check: \(sheet.check)") && PaperCheck.isWholeCheckLine("check:\(sheet.check)")
        )
        for other in [
            "Set identifier: MB2G-K3LX", "Holder: Al", "Created: 2026-12-03T19:24:49Z",
            "then type each share as printed, lines with their checks, ending with its check: line;",
        ] {
            #expect(
                !PaperCheck.isSheetShareLine(other) && !PaperCheck.isWholeCheckLine(other)
                    && !PaperCheck.isPlainShare(other),
                "\(other)"
            )
        }
        #expect(PaperCheck.isPlainShare(udf.text))
    }

    @Test func garbageIsStillRefusedByName() throws {
        let (_, sheet) = sample()
        var lines = pdfLines(sheet)
        // A character that is not Base32, named with its position as printed (dashes counted).
        var printed = Array(sheet.dashedLines[1])
        printed[6] = "0"
        lines[1] = "2   \(String(printed))   \(sheet.lineChecks[1])"
        #expect(throws: PaperCheck.CheckError.self) { try PaperCheck.verify(lines.joined(separator: "\n")) }
        do { _ = try PaperCheck.verify(lines.joined(separator: "\n")) } catch {
            #expect(error.reason == "line 2, character 7: '0' is not a Base32 character (A–Z, 2–7)")
        }
        // No whole check, a missing line check, a check of the wrong length, an emoji.
        let cases: [(String, String)] = [
            (
                pdfLines(sheet).dropLast().joined(separator: "\n") + "\ncheck:",
                "the checked form ends with check: XXXX (the whole-share check is missing)"
            ),
            (sheet.dashedLines[0] + "\ncheck: " + sheet.check, "line 1 has no 2-character check after it"),
            (sheet.dashedLines[0] + " ABC\ncheck: " + sheet.check, "line 1: its check has 3 characters, not 2"),
            (
                sheet.dashedLines[0] + " A🙂\ncheck: " + sheet.check,
                "the check of line 1, character 2: '🙂' is not a Base32 character (A–Z, 2–7)"
            ),
            (
                pdfLines(sheet).dropLast().joined(separator: "\n") + "\ncheck: AB",
                "the whole-share check has 2 characters, not 4"
            ),
        ]
        for (input, reason) in cases {
            do {
                _ = try PaperCheck.verify(input)
                Issue.record("accepted: \(input)")
            } catch {
                #expect(error.reason == reason)
            }
        }
    }

    @Test func correctionsArePlacedAsPrinted() throws {
        let (udf, _) = sample(32)
        // 1-based among a line's 16 share characters then its 2 check characters → as printed.
        #expect(PaperCheck.printedPosition(share: udf.text, line: 1, character: 1) == "character 1")
        #expect(PaperCheck.printedPosition(share: udf.text, line: 1, character: 5) == "character 6")
        #expect(PaperCheck.printedPosition(share: udf.text, line: 1, character: 16) == "character 19")
        #expect(PaperCheck.printedPosition(share: udf.text, line: 1, character: 17) == "check character 1")
        let count = udf.text.filter { $0 != "-" }.count
        let lastLine = (count + 15) / 16
        let lastLength = count - (lastLine - 1) * 16
        #expect(
            PaperCheck.printedPosition(share: udf.text, line: lastLine, character: lastLength + 2)
                == "check character 2"
        )
    }
}
