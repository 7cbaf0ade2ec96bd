import Foundation
import TestSupport
import Testing

/// Paper sheets: `meshkey print`, check codes accepted by `recover`, `recover --identifier`, `--scan`.
@Suite struct PaperCLITests {
    struct Split {
        let secret: String
        let identifier: String
        let shares: [String]
    }

    func split(threshold: Int = 3, shares: Int = 5) throws -> Split {
        let result = try CommandRunner.run(["split", "-t", String(threshold), "-n", String(shares)])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        return Split(secret: lines[0], identifier: lines[1], shares: Array(lines.dropFirst(2)))
    }

    /// The typed lines (`LINE:CC` …, `check:CCCC`) of the `--text` sheet of one share.
    func checkedLines(_ share: String) throws -> [String] {
        let result = try CommandRunner.run(["print", share, "--text"])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "Share (line:check):")) + 1
        return lines[start...].prefix { !$0.isEmpty }.map { line in
            // "  1  SAQC-…:K7" → "SAQC-…:K7"; the last line is "     check:ABCD".
            String(line.split(separator: " ").last!)
        }
    }

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-paper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700]
        )
        return url
    }

    @discardableResult
    func tool(_ arguments: [String], in directory: URL) throws -> String {
        let result = try SystemTool.run(arguments, in: directory)
        #expect(result.status == 0, "\(arguments[0]) failed")
        return result.output
    }

    @Test func recoverAcceptsSharesWithAndWithoutCheckCodes() throws {
        let set = try split()
        let first = try checkedLines(set.shares[0])
        let third = try checkedLines(set.shares[2])
        #expect(first.last?.hasPrefix("check:") == true)
        #expect(first.dropLast().allSatisfy { $0.count == 22 || $0.contains(":") })
        // As arguments (a checked share is one argument, its lines separated by spaces or newlines).
        let arguments = try CommandRunner.run([
            "recover", first.joined(separator: " "), set.shares[1], third.joined(separator: "\n"),
        ])
        #expect(arguments.exitCode == 0)
        #expect(arguments.standardOutput == set.secret + "\n")
        // On standard input: a checked share's lines one after another, plain shares one per line.
        let input = (first + [set.shares[1], ""] + third).joined(separator: "\n") + "\n"
        let piped = try CommandRunner.run(["recover"], input: input)
        #expect(piped.exitCode == 0)
        #expect(piped.standardOutput == set.secret + "\n")
    }

    @Test func aTypoIsCorrectedOrNamedByShareAndLine() throws {
        let set = try split()
        var second = try checkedLines(set.shares[1])
        func replace(_ line: Int, _ index: Int) {
            var characters = Array(second[line])
            characters[index] = characters[index] == "K" ? "L" : "K"
            second[line] = String(characters)
        }
        // One wrong character in line 3: corrected, and said so.
        replace(2, 6)
        let corrected = try CommandRunner.run(["recover", set.shares[0], second.joined(separator: "\n"), set.shares[2]])
        #expect(corrected.exitCode == 0)
        #expect(corrected.standardOutput == set.secret + "\n")
        #expect(corrected.standardError.contains("corrected share 2 (argument 2), line 3, character 7"))
        // Two in line 3: refused, share 2 line 3 named, nothing on standard output.
        replace(2, 11)
        let refused = try CommandRunner.run(["recover", set.shares[0], second.joined(separator: "\n"), set.shares[2]])
        #expect(refused.exitCode == 1)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("check_mismatch: share 2, line 3 (argument 2)"))
        #expect(!refused.standardError.contains(set.secret))
    }

    @Test func aWrongIdentifierIsRefused() throws {
        let set = try split()
        let other = try split()
        let matching = try CommandRunner.run(["recover", "--identifier", set.identifier] + set.shares.prefix(3))
        #expect(matching.exitCode == 0)
        #expect(matching.standardOutput == set.secret + "\n")
        #expect(matching.standardError.contains("identifier matches"))
        // The 140-bit prefix printed in the sheets' recovery command is enough.
        let prefix = set.identifier.split(separator: "-").prefix(7).joined(separator: "-")
        #expect(try CommandRunner.run(["recover", "--identifier", prefix] + set.shares.prefix(3)).exitCode == 0)
        let mismatch = try CommandRunner.run(["recover", "--identifier", other.identifier] + set.shares.prefix(3))
        #expect(mismatch.exitCode == 1)
        #expect(mismatch.standardOutput.isEmpty)
        #expect(mismatch.standardError.contains("identifier_mismatch"))
        #expect(!mismatch.standardError.contains(set.secret))
    }

    /// split → print --out (PDF, mode 0600) → pdftoppm → recover --scan on three pages; zbarimg reads the
    /// same QR codes, so they are standard.
    @Test func printedSheetsScanBackToTheSecret() throws {
        let set = try split()
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("sheets.pdf").path
        let printed = try CommandRunner.run(
            ["print"] + set.shares + ["--out", pdf, "--label", "Alice", "--paper", "letter"]
        )
        #expect(printed.exitCode == 0, "\(printed.standardError)")
        #expect(printed.standardOutput.isEmpty)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: pdf)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        // An existing file is never replaced.
        #expect(try CommandRunner.run(["print", set.shares[0], "--out", pdf]).exitCode == 1)
        let info = try tool(["pdfinfo", pdf], in: directory)
        #expect(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 5") })
        try tool(["pdftoppm", "-png", "-r", "150", pdf, "page"], in: directory)
        let pages = (1...5).map { "page-\($0).png" }
        let zbar = try tool(["zbarimg", "-q", "--raw"] + pages, in: directory)
        #expect(zbar.split(separator: "\n").map(String.init) == set.shares)
        let scanned = try CommandRunner.run(
            ["recover", "--identifier", set.identifier, "--scan"]
                + [pages[4], pages[1], pages[2]].map { directory.appendingPathComponent($0).path }
        )
        #expect(scanned.exitCode == 0, "\(scanned.standardError)")
        #expect(scanned.standardOutput == set.secret + "\n")
    }

    @Test func printRefusesMixedSetsAndNeedsAnOutput() throws {
        let set = try split()
        let other = try split(threshold: 2, shares: 3)
        #expect(try CommandRunner.run(["print", set.shares[0], other.shares[1], "--text"]).exitCode != 0)
        #expect(try CommandRunner.run(["print", set.shares[0], set.shares[0], "--text"]).exitCode != 0)
        #expect(try CommandRunner.run(["print", set.shares[0]]).exitCode != 0)
        let text = try CommandRunner.run(["print", set.shares[0], "--text", "--label", "Bob"])
        #expect(text.standardOutput.contains("Holder: Bob"))
        #expect(text.standardOutput.contains("3 of ? needed"))
    }
}

extension PaperCLITests {
    @Test func splitPrintWritesOnePagePerShare() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("split.pdf").path
        let result = try CommandRunner.run(["split", "-t", "2", "-n", "4", "--print", pdf])
        #expect(result.exitCode == 0)
        #expect(result.standardOutput.split(separator: "\n").count == 6)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: pdf)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let info = try tool(["pdfinfo", pdf], in: directory)
        #expect(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 4") })
    }
}

extension PaperCLITests {
    /// profile escrow --print: the sheets name the profile UDF; recover --identifier accepts it for the
    /// scanned seed, and profile recover takes a share in the checked form.
    @Test func profileEscrowSheetsNameTheProfile() throws {
        let fixture = try StoreCLITests.Fixture()
        func profile(_ arguments: [String], input: String? = nil) throws -> CommandResult {
            try CommandRunner.run(
                ["profile"] + arguments + ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile],
                input: input
            )
        }
        let created = try profile(["create"])
        #expect(created.exitCode == 0, "\(created.standardError)")
        let profileUDF = String(created.standardOutput.split(separator: "\n").first ?? "")
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("profile.pdf").path
        let escrow = try profile(["escrow", "--print", pdf])
        #expect(escrow.exitCode == 0, "\(escrow.standardError)")
        let shares = Array(escrow.standardOutput.split(separator: "\n").map(String.init).dropFirst())
        try tool(["pdftoppm", "-png", "-r", "150", pdf, "p"], in: directory)
        let text = try tool(["pdftotext", pdf, "-"], in: directory)
        #expect(text.contains("profile recover --expect \(profileUDF)"))
        let scanned = try CommandRunner.run([
            "recover", "--identifier", profileUDF, "--scan",
            directory.appendingPathComponent("p-1.png").path,
            directory.appendingPathComponent("p-3.png").path,
        ])
        #expect(scanned.exitCode == 0, "\(scanned.standardError)")
        #expect(scanned.standardOutput.hasPrefix("ZAAQ-"))
        #expect(scanned.standardError.contains("profile UDF matches"))
        // The checked form on standard input, into a second store, checked against the profile UDF.
        let new = try StoreCLITests.Fixture()
        let checked = try checkedLines(shares[1])
        let recovered = try CommandRunner.run(
            [
                "profile", "recover", "--expect", profileUDF, "--dry-run",
                "--store", new.store, "--passphrase-file", new.passphraseFile,
            ],
            input: (checked + [shares[2]]).joined(separator: "\n") + "\n"
        )
        #expect(recovered.exitCode == 0, "\(recovered.standardError)")
    }
}

extension PaperCLITests {
    /// escrow seal --offline --print: sheets for the entry's shares; escrow open takes them scanned back
    /// as plain shares and typed in the checked form.
    @Test func escrowSealPrintsSheets() throws {
        let store = try StoreCLITests.Fixture()
        let signing = StoreCLITests.udf(try store.run(["generate", "--alg", "Ed25519", "--label", "signing"]))
        let entry = store.folder.appendingPathComponent("entry.json").path
        let pdf = store.folder.appendingPathComponent("entry.pdf").path
        let sealed = try CommandRunner.run([
            "escrow", "seal", "--offline", "-t", "2", "-n", "3", "--key", signing, "--out", entry,
            "--print", pdf, "--paper", "letter",
            "--store", store.store, "--passphrase-file", store.passphraseFile,
        ])
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        let output = sealed.standardOutput.split(separator: "\n").map(String.init)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: pdf)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let text = try tool(["pdftotext", pdf, "-"], in: store.folder)
        #expect(text.contains("escrow open"))
        let checked = try checkedLines(output[2])
        let opened = try CommandRunner.run(
            ["escrow", "open", entry],
            input: (checked + [output[3]]).joined(separator: "\n") + "\n"
        )
        #expect(opened.exitCode == 0, "\(opened.standardError)")
        // --print is refused for an online entry.
        let online = try CommandRunner.run([
            "escrow", "seal", "--online", "--to-profile", "--key", signing, "--out", entry + ".2",
            "--print", pdf + ".2", "--store", store.store, "--passphrase-file", store.passphraseFile,
        ])
        #expect(online.exitCode != 0)
    }
}

extension PaperCLITests {
    /// The paper and recovery review: the sheet, typed or pasted exactly as printed, recovers. The PDF's text as
    /// `pdftotext` extracts it (with and without `-layout`), alone on standard input, gives the secret; so
    /// does a copy-paste with en dashes and no-break spaces, and the whole `--text` sheet.
    @Test func theSheetsTextAsExtractedRecovers() throws {
        let set = try split(threshold: 2, shares: 3)
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("sheets.pdf").path
        let printed = try CommandRunner.run(["print"] + set.shares + ["--out", pdf, "--identifier", set.identifier])
        #expect(printed.exitCode == 0, "\(printed.standardError)")
        for mode in [[], ["-layout"]] {
            // Pages 3 and 1: two sheets' whole text, nothing else.
            let text =
                try tool(["pdftotext"] + mode + ["-f", "3", "-l", "3", pdf, "-"], in: directory)
                + tool(["pdftotext"] + mode + ["-f", "1", "-l", "1", pdf, "-"], in: directory)
            #expect(text.contains("check: "), "the sheet prints check: with a space")
            let recovered = try CommandRunner.run(["recover", "--identifier", set.identifier], input: text)
            #expect(recovered.exitCode == 0, "\(mode): \(recovered.standardError)")
            #expect(recovered.standardOutput == set.secret + "\n")
            if mode.isEmpty { continue }
            // The printed share lines have no colon: `1   SAYE-P463-EPTT-OVOJ   MS`.
            #expect(
                text.split(separator: "\n").contains {
                    $0.contains("-") && !$0.contains(":") && $0.split(separator: " ").count == 3
                }
            )
            // A copy-paste: en dashes, no-break spaces.
            let pasted = text.replacingOccurrences(of: "-", with: "\u{2013}").replacingOccurrences(
                of: " ",
                with: "\u{00A0}"
            )
            let fromPaste = try CommandRunner.run(["recover"], input: pasted)
            #expect(fromPaste.exitCode == 0, "\(fromPaste.standardError)")
            #expect(fromPaste.standardOutput == set.secret + "\n")
            // One wrong character: corrected, its position counted as printed (dashes included).
            let first = try #require(
                text.split(separator: "\n").first {
                    $0.contains("-") && !$0.contains(":") && $0.split(separator: " ").count == 3
                }
            )
            let line = String(first.split(separator: " ")[1])
            var characters = Array(line)
            characters[5] = characters[5] == "K" ? "L" : "K"
            let typo = text.replacingOccurrences(of: line, with: String(characters))
            let corrected = try CommandRunner.run(["recover"], input: typo)
            #expect(corrected.exitCode == 0, "\(corrected.standardError)")
            #expect(corrected.standardOutput == set.secret + "\n")
            #expect(corrected.standardError.contains(", line 1, character 6: "), "\(corrected.standardError)")
        }
        // The whole --text sheets of two shares, as printed.
        let sheets = try set.shares.prefix(2).map { try CommandRunner.run(["print", $0, "--text"]).standardOutput }
            .joined(separator: "\n")
        let fromText = try CommandRunner.run(["recover"], input: sheets)
        #expect(fromText.exitCode == 0, "\(fromText.standardError)")
        #expect(fromText.standardOutput == set.secret + "\n")
        // A sheet's text with the other share typed on one line in the checked form: both are read.
        let oneLine = try checkedLines(set.shares[2]).joined(separator: " ")
        let mixed = try CommandRunner.run(
            ["recover"],
            input: try CommandRunner.run(["print", set.shares[0], "--text"]).standardOutput + "\n" + oneLine + "\n"
        )
        #expect(mixed.exitCode == 0, "\(mixed.standardError)")
        #expect(mixed.standardOutput == set.secret + "\n")
    }
}

extension PaperCLITests {
    /// What the person printing says about the set is on every sheet in plain words (`--purpose`, `--owner`),
    /// with the version of meshkey that made it and the set's true size when only some sheets are printed;
    /// a label with a control character is refused before anything is written.
    @Test func sheetsSayWhatTheyProtectAndWhoseTheyAre() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("split.pdf").path
        let split = try CommandRunner.run([
            "split", "-t", "2", "-n", "3", "--print", pdf,
            "--purpose", "the family photo archive", "--owner", "Ana Lima",
        ])
        #expect(split.exitCode == 0, "\(split.standardError)")
        let text = try tool(["pdftotext", pdf, "-"], in: directory)
        #expect(text.contains("Protects:") && text.contains("the family photo archive"))
        #expect(text.contains("Belongs to:") && text.contains("Ana Lima"))
        #expect(text.contains("meshkey 0.2.0-dev"))
        // One sheet printed again from its share: it states that the set has 3, of which 2 are needed.
        let shares = split.standardOutput.split(separator: "\n").map(String.init).filter { $0.hasPrefix("S") }
        let single = directory.appendingPathComponent("single.pdf").path
        let printed = try CommandRunner.run([
            "print", "--total", "3", "--out", single, "--purpose", "the family photo archive", shares[0],
        ])
        #expect(printed.exitCode == 0, "\(printed.standardError)")
        let singleText = try tool(["pdftotext", single, "-"], in: directory)
        #expect(singleText.contains("2 of 3 needed"), "\(singleText)")
        #expect(singleText.contains("the family photo archive"))
        // A control character in --purpose: refused, no file.
        let refused = directory.appendingPathComponent("refused.pdf").path
        let bad = try CommandRunner.run([
            "split", "-t", "2", "-n", "3", "--print", refused, "--purpose", "photos\u{1b}[2J",
        ])
        #expect(bad.exitCode == 1 && bad.standardOutput.isEmpty)
        #expect(bad.standardError.hasPrefix("meshkey split: invalid_label: --purpose:"), "\(bad.standardError)")
        #expect(!FileManager.default.fileExists(atPath: refused))
    }
}
