import MeshCrypto
import MeshEscrow
import MeshKeys
import MeshPaper
import MeshUDF
import MeshkeyKit
import Testing

/// The share journey through the libraries alone: split → sheet text → checked input → recover, with the
/// provenance a refusal names and the corrections the paper checks make.
@Suite struct ShareJourneyTests {
    static func split(_ bytes: Int = 32, threshold: Int = 3, count: Int = 5) throws -> SecretSharing.Split {
        try SecretSharing.split(secret: SecureRandom.bytes(bytes), threshold: threshold, shareCount: count)
    }

    static func sheet(_ share: ShareUDF, of split: SecretSharing.Split) -> PaperSheet {
        PaperSheet(
            share: share.text,
            x: share.x,
            threshold: split.threshold,
            total: split.shares.count,
            identifier: split.identifier,
            created: "2026-01-01",
            label: nil
        )
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The text of printed sheets (as pdftotext or a copy-paste gives it) recovers the secret.
    @Test func sheetTextRecoversTheSecret() throws {
        let split = try Self.split()
        let text = split.shares.prefix(3).map { Self.sheet($0, of: split).text }.joined(separator: "\n\n")
        let input = ShareInput(lines: Self.lines(text))
        #expect(input.count == 3)
        let recovery = try ShareRecovery.recover(input, expecting: split.identifier)
        #expect(recovery.recovered.secret == split.secret)
        #expect(recovery.corrections.isEmpty)
        #expect(recovery.notes == ["the identifier matches the sheets (\(recovery.recovered.identifier))"])
    }

    /// The checked form typed line by line (`LINE:CC`, then `check:CCCC`) is one share per block, named by
    /// its lines; plain shares and arguments mix with it.
    @Test func checkedFormAndArgumentsRecoverTheSecret() throws {
        let split = try Self.split(threshold: 2, count: 3)
        let typed = PaperCheck.sheet(share: split.shares[0].text, x: split.shares[0].x).textLines
        let input = ShareInput(lines: typed, source: "shares.txt") + ShareInput(arguments: [split.shares[1].text])
        #expect(input.items.map(\.origin) == ["shares.txt lines 1–\(typed.count)", "argument 1"])
        let checked = try input.checked()
        #expect(checked.texts == [split.shares[0].text, split.shares[1].text])
        let recovery = try ShareRecovery.recover(checked)
        #expect(recovery.recovered.secret == split.secret)
        #expect(recovery.notes.first?.hasPrefix("warning: nothing was checked") == true)
        // With nothing else to check against, the warning gives the identifier to compare with the sheets.
        #expect(
            recovery.notes.first?.hasSuffix(
                "compare the identifier \(recovery.recovered.identifier) with the set identifier on the sheets"
            ) == true
        )
    }

    /// One wrong character the checks agree on is corrected and reported as a value, not printed.
    @Test func aSingleTypoIsCorrectedAndReported() throws {
        let split = try Self.split(threshold: 2, count: 3)
        var typed = PaperCheck.sheet(share: split.shares[1].text, x: split.shares[1].x).textLines
        var line = Array(typed[1])
        let original = line[6]
        line[6] = original == "A" ? "B" : "A"
        typed[1] = String(line)
        let input = ShareInput(arguments: [split.shares[0].text]) + ShareInput(lines: typed)
        let recovery = try ShareRecovery.recover(input)
        #expect(recovery.recovered.secret == split.secret)
        #expect(recovery.corrections.count == 1)
        let correction = try #require(recovery.corrections.first)
        #expect(correction.share == 2 && correction.line == 2 && correction.now == original)
        #expect(correction.description.hasPrefix("corrected share 2 (lines 1–\(typed.count)), line 2, character 7: "))
    }

    /// A check that fails names the share, its line and where it came from.
    @Test func aCheckMismatchNamesTheShareAndItsLines() throws {
        let split = try Self.split(threshold: 2, count: 3)
        var typed = PaperCheck.sheet(share: split.shares[0].text, x: split.shares[0].x).textLines
        typed[0] = String(typed[0].prefix(typed[0].count - 2)) + (typed[0].hasSuffix("AA") ? "BB" : "AA")
        typed[1] = String(typed[1].prefix(typed[1].count - 2)) + (typed[1].hasSuffix("AA") ? "BB" : "AA")
        let input = ShareInput(arguments: [split.shares[1].text]) + ShareInput(lines: typed, source: "standard input")
        #expect {
            try ShareRecovery.recover(input)
        } throws: { error in
            guard let error = error as? ShareInputError else { return false }
            return error.errorCode == "check_mismatch"
                && error.reason.hasPrefix("share 2, lines 1, 2 (standard input lines 1–\(typed.count)): ")
        }
    }

    /// A malformed share and a share off the polynomial are named with their provenance.
    @Test func refusalsNameTheShareWithItsProvenance() throws {
        let split = try Self.split()
        var broken = split.shares[1].text
        broken.removeLast()
        broken.append("1")
        let malformed = ShareInput(arguments: [split.shares[0].text, broken, split.shares[2].text])
        #expect(throws: ShareInputError("invalid_character", "")) { try ShareRecovery.recover(malformed) }
        do { _ = try ShareRecovery.recover(malformed) } catch {
            #expect(error.reason.hasPrefix("share 2 (argument 2): "))
            #expect(error.shareError?.code == .invalidCharacter)
        }
        // Five shares of a 3-of-5 set, one of them from another set with the same threshold and x.
        let other = try Self.split()
        let mixed =
            ShareInput(arguments: Array(split.shares.prefix(4).map(\.text)))
            + ShareInput(lines: ["", other.shares[4].text], source: "more.txt")
        do {
            _ = try ShareRecovery.recover(mixed)
            Issue.record("a foreign share was accepted")
        } catch {
            #expect(
                error.codedDescription
                    == "inconsistent_shares: share 5 (more.txt line 2, x=5) does not match the other shares (mistyped, or from another set)"
            )
        }
    }

    /// With an identifier, a secret of another set is refused; an account seed's sheets may name its profile
    /// UDF instead.
    @Test func identifiersAndTheProfileUDFRule() throws {
        let split = try Self.split()
        let other = try Self.split()
        let input = ShareInput(arguments: split.shares.prefix(3).map(\.text))
        #expect(throws: ShareInputError("identifier_mismatch", "")) {
            try ShareRecovery.recover(input, expecting: other.identifier)
        }
        let reference = ShareInput(arguments: [
            "SAQC-YE5R-BE3C-37IF-AG43-SGNT-3NLP-VURL-YWEH-FTBE-J755-IN6F-ZPXR-N6O5-3AVQ",
            "SARP-IOIN-ZN5Z-H55S-YNAM-OIQT-LKOU-YUN2-C7SG-EQDQ-BIIQ-HIS6-BV55-2NTT-WL2Q",
        ])
        let recovery = try ShareRecovery.recover(reference, expecting: "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V")
        #expect(recovery.notes == ["the profile UDF matches the sheets (MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V)"])
        #expect(try MeshProfile(recoveredSecret: recovery.recovered.secret).udf == "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V")
    }

    /// With the set's commitment document every share is verified first, and the notes say so.
    @Test func commitmentsAreCheckedAndReported() throws {
        let committed = try SecretSharing.splitCommitted(
            secret: SecureRandom.bytes(32),
            threshold: 2,
            shareCount: 3,
            signer: nil
        )
        let shares = committed.split.shares
        let input = ShareInput(arguments: [shares[0].text, shares[2].text])
        let recovery = try ShareRecovery.recover(input, commitments: committed.document)
        #expect(recovery.recovered.secret == committed.split.secret)
        #expect(
            recovery.notes.first
                == "all 2 shares verified against commitment document \(committed.document.udf) (epoch 1)"
        )
        #expect(recovery.notes.last?.hasPrefix("warning: the commitment document is not signed") == true)
        let foreign = try SecretSharing.splitCommitted(
            secret: SecureRandom.bytes(32),
            threshold: 2,
            shareCount: 3,
            signer: nil
        )
        #expect(throws: ShareInputError("share_mismatch", "")) {
            try ShareRecovery.recover(
                ShareInput(arguments: [shares[0].text, foreign.split.shares[1].text]),
                commitments: committed.document
            )
        }
    }

    /// Sheets to print: one set, distinct x, the identifier computed from a threshold of shares.
    @Test func sheetSetChecks() throws {
        let split = try Self.split()
        let other = try Self.split(threshold: 2)
        let set = try ShareSheetSet(ShareInput(arguments: split.shares.map(\.text)), identifier: nil)
        #expect(set.identifier == split.identifier)
        #expect(
            set.sheets(labels: ["Alice"], total: nil, created: "2026-01-01").map(\.label) == [
                "Alice", nil, nil, nil, nil,
            ]
        )
        #expect(throws: ShareInputError("mixed_set", "")) {
            try ShareSheetSet(ShareInput(arguments: [split.shares[0].text, other.shares[1].text]), identifier: nil)
        }
        #expect(throws: ShareInputError("duplicate_share", "")) {
            try ShareSheetSet(ShareInput(arguments: [split.shares[0].text, split.shares[0].text]), identifier: nil)
        }
    }

    /// Grouped splits recover from one text per group.
    @Test func groupsRecover() throws {
        let secret = SecureRandom.bytes(32)
        let split = try ShareGroups.split(
            secret: secret,
            groups: [.init(threshold: 2, count: 3), .init(threshold: 1, count: 1)],
            groupsNeeded: 2
        )
        let texts = split.groups.map { $0.prefix($0[0].threshold).map(\.text).joined(separator: ", ") }
        #expect(try ShareRecovery.recover(groups: texts).secret == secret)
        #expect(throws: ShareInputError("invalid_character", "")) {
            try ShareRecovery.recover(groups: ["SAQC-0000", texts[1]])
        }
    }

    /// A sheet's text as pdftotext gives it: the set identifier over two lines, the second beginning with
    /// `SC…` (which even parses as a share UDF), then the share in the printed checked form. Only the checked
    /// shares are read.
    @Test func sheetTextWithAnIdentifierLineThatLooksLikeAShare() throws {
        let split = try Self.split(threshold: 2, count: 3)
        let lookalike = "SCPR-BJAS-LRCW-NN2Z-MWXR-JLS7-VXZZ-FK2L-YLXQ-4DZE-HQ2E"
        #expect((try? ShareUDF.parse(lookalike)) != nil, "the look-alike parses as a share")
        func printed(_ share: ShareUDF) -> [String] {
            let checks = PaperCheck.sheet(share: share.text, x: share.x)
            return [
                "Set identifier (the same on every piece of this set — compare it):",
                "MA2B-URVB-UGH6-ORZZ-7JC7-KREN-RMWD-5GXO-O7UI-E6MB-7RTE", lookalike, "",
            ]
                + checks.dashedLines.enumerated().map {
                    "\($0.offset + 1)   \($0.element)   \(checks.lineChecks[$0.offset])"
                }
                + ["QR: the share string alone", "    check: \(checks.check)", "How to recover"]
        }
        let input = ShareInput(lines: printed(split.shares[2]) + printed(split.shares[0]))
        let recovery = try ShareRecovery.recover(try input.checked())
        #expect(recovery.recovered.secret == split.secret)
    }
}
