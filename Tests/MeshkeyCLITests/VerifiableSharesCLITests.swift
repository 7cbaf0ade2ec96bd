import Foundation
import TestSupport
import Testing

/// Verifiable share sets from the command line: commitment documents on split and profile escrow, one-sheet checks,
/// verified recovery at the threshold, and upkeep (recreate, extend, reshare + confirm).
@Suite struct VerifiableSharesCLITests {
    typealias Fixture = StoreCLITests.Fixture

    static func lines(_ result: CommandResult) -> [String] {
        result.standardOutput.split(separator: "\n").map(String.init)
    }

    func run(_ arguments: [String]) throws -> CommandResult { try CommandRunner.run(arguments) }

    @Test func profileEscrowDocumentIsSignedEverySheetVerifiesAndAForeignShareIsNamedAtTheThreshold() throws {
        let fixture = try Fixture()
        let options = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        let profile = Self.lines(try run(["profile", "create"] + options))[0]
        let doc = fixture.folder.appendingPathComponent("commitments.json").path
        let escrow = try run(["profile", "escrow", "-t", "3", "-n", "5", "--commitments", doc] + options)
        #expect(escrow.exitCode == 0, "\(escrow.standardError)")
        let out = Self.lines(escrow)
        #expect(out.count == 7 && out[0] == profile && out[1].hasPrefix("M"))
        let shares = Array(out.dropFirst(2))
        for share in shares {
            let verified = try run(["share", "verify", "--commitments", doc, share])
            #expect(verified.exitCode == 0, "\(verified.standardError)")
            #expect(verified.standardOutput.contains("valid: share 1") && verified.standardOutput.contains(out[1]))
            #expect(verified.standardError.isEmpty, "signed by the profile key: no warning")
        }
        // A foreign share of the same shape: another profile's escrow.
        let otherFixture = try Fixture()
        let otherOptions = ["--store", otherFixture.store, "--passphrase-file", otherFixture.passphraseFile]
        _ = try run(["profile", "create"] + otherOptions)
        let foreign = Array(
            Self.lines(try run(["profile", "escrow", "-t", "3", "-n", "5"] + otherOptions)).dropFirst()
        )
        let three = [shares[0], foreign[1], shares[2]]
        let checked = try run(["profile", "recover", "--dry-run", "--commitments", doc] + three + options)
        #expect(checked.exitCode == 1)
        #expect(checked.standardError.contains("share_mismatch: share 2 (argument 2, x=2)"), "\(checked.standardError)")
        let unchecked = try run(["recover"] + three)
        #expect(unchecked.standardError.contains("warning: nothing was checked"), "\(unchecked.standardError)")
        let good = try run(
            ["profile", "recover", "--dry-run", "--commitments", doc, shares[0], shares[3], shares[4]] + options
        )
        #expect(good.exitCode == 0 && Self.lines(good).first == profile)
        #expect(good.standardError.contains("all 3 shares verified against commitment document \(out[1])"))
        // A document edited after signing is refused.
        var text = try String(contentsOfFile: doc, encoding: .utf8)
        let signature = try #require(text.range(of: "\"signature\": \""))
        let at = text.index(signature.upperBound, offsetBy: 4)
        text.replaceSubrange(at...at, with: text[at] == "A" ? "B" : "A")
        let forged = fixture.folder.appendingPathComponent("forged.json").path
        try text.write(toFile: forged, atomically: true, encoding: .utf8)
        let refused = try run(["share", "verify", "--commitments", forged, shares[0]])
        #expect(refused.exitCode == 1 && refused.standardError.contains("invalid_commitments"))
    }

    @Test func sharesAreUnchangedInFormAndRecreateExtendAndReshareWork() throws {
        let fixture = try Fixture()
        let options = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        let profile = Self.lines(try run(["profile", "create"] + options))[0]
        let path = { (name: String) in fixture.folder.appendingPathComponent(name).path }
        let out = Self.lines(
            try run(["profile", "escrow", "-t", "3", "-n", "5", "--commitments", path("e1.json")] + options)
        )
        let s = Array(out.dropFirst(2))
        #expect(s.allSatisfy { $0.count == 74 && $0.hasPrefix("SA") }, "ordinary 35-byte Mesh shares")
        // recreate 2 from {1, 3, 4}: the original sheet.
        let recreated = try run([
            "share", "recreate", "--commitments", path("e1.json"), "--index", "2", s[0], s[2], s[3],
        ])
        #expect(recreated.exitCode == 0 && Self.lines(recreated) == [s[1]], "\(recreated.standardError)")
        // extend 6, 7 from {1, 4, 5}: new sheets on the same polynomial (they verify, and recover with any other).
        let extended = Self.lines(
            try run(["share", "extend", "--commitments", path("e1.json"), "--index", "6,7", s[0], s[3], s[4]])
        )
        #expect(extended.count == 2 && Set(extended).isDisjoint(with: s))
        for share in extended {
            #expect(try run(["share", "verify", "--commitments", path("e1.json"), share]).exitCode == 0)
        }
        let mixedOld = try run(
            ["profile", "recover", "--dry-run", "--commitments", path("e1.json"), extended[0], extended[1], s[1]]
                + options
        )
        #expect(Self.lines(mixedOld).first == profile)
        // reshare: same profile, epoch 2, pending until confirmed.
        let reshared = try run([
            "share", "reshare", "--commitments", path("e1.json"), "-t", "3", "-n", "5", "--output", path("e2.json"),
            s[1], s[2], s[4],
        ])
        #expect(reshared.exitCode == 0, "\(reshared.standardError)")
        let n = Array(Self.lines(reshared).dropFirst())
        #expect(n.count == 5 && Set(n).isDisjoint(with: s))
        #expect(
            FileManager.default.fileExists(atPath: path("e2.json.pending"))
                && !FileManager.default.fileExists(atPath: path("e2.json"))
        )
        let mixed = try run(["recover", "--commitments", path("e2.json.pending"), s[0], n[1], s[2], n[3]])
        #expect(mixed.exitCode == 1 && mixed.standardError.contains("mixed_epochs") && mixed.standardOutput.isEmpty)
        #expect(
            try run(["share", "confirm", "--commitments", path("e2.json.pending"), n[0], n[1]]).exitCode == 1,
            "below the threshold"
        )
        let confirmed = try run(["share", "confirm", "--commitments", path("e2.json.pending"), n[0], n[2], n[4]])
        #expect(confirmed.exitCode == 0, "\(confirmed.standardError)")
        #expect(
            FileManager.default.fileExists(atPath: path("e2.json"))
                && !FileManager.default.fileExists(atPath: path("e2.json.pending"))
        )
        let restored = try run(
            ["profile", "recover", "--dry-run", "--commitments", path("e2.json"), n[1], n[3], n[4]] + options
        )
        #expect(Self.lines(restored).first == profile, "\(restored.standardError)")
        let stale = try run(["share", "verify", "--commitments", path("e2.json"), s[0]])
        #expect(stale.exitCode == 1 && stale.standardError.contains("wrong_epoch"))
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("e2.json"))))
                as? [String: Any]
        )
        let payload = try #require(document["payload"] as? String)
        var base64 = payload.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let payloadData = try #require(Data(base64Encoded: base64))
        let body = try #require(try JSONSerialization.jsonObject(with: payloadData) as? [String: Any])
        #expect(body["epoch"] as? Int == 2 && body["set"] as? String == profile)
        #expect((body["previous"] as? [String: Any])?["udf"] as? String == out[1])
    }

    @Test func splitWritesTheDocumentOnlyForLongSecretsAndRecoverWarnsWithoutOne() throws {
        let fixture = try Fixture(create: false)
        try? FileManager.default.createDirectory(at: fixture.folder, withIntermediateDirectories: true)
        let doc = fixture.folder.appendingPathComponent("d.json").path
        let split = try run(["split", "-t", "2", "-n", "3", "--json", "--commitments", doc])
        #expect(split.exitCode == 0 && split.standardError.contains("not signed"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(split.standardOutput.utf8)) as? [String: Any]
        )
        let shares = try #require(object["shares"] as? [String])
        #expect((object["commitments"] as? String)?.hasPrefix("M") == true)
        let exact = try run(["recover", shares[0], shares[2]])
        #expect(exact.exitCode == 0 && exact.standardError.contains("warning: nothing was checked"))
        let identifier = try #require(object["identifier"] as? String)
        #expect(
            exact.standardError.contains("compare the identifier \(identifier) with the set identifier on the sheets")
        )
        let surplus = try run(["recover"] + shares)
        #expect(surplus.exitCode == 0 && !surplus.standardError.contains("nothing was checked"))
        let verified = try run(["recover", "--commitments", doc, shares[0], shares[2]])
        #expect(
            verified.standardOutput == exact.standardOutput && !verified.standardError.contains("nothing was checked")
        )
        let short = fixture.folder.appendingPathComponent("s.json").path
        let refused = try run(["split", "--bits", "128", "--commitments", short])
        #expect(
            refused.exitCode == 1 && refused.standardError.contains("commitments_unavailable")
                && refused.standardOutput.isEmpty
        )
        #expect(!FileManager.default.fileExists(atPath: short))
    }

    @Test func groupsOfHoldersRecoverFromCompleteGroupsAndNameTheShortOne() throws {
        let split = try run([
            "split", "--group", "2of3", "--group", "1of1", "--group", "3of5", "--groups-needed", "2", "--json",
        ])
        #expect(split.exitCode == 0, "\(split.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(split.standardOutput.utf8)) as? [String: Any]
        )
        let secret = try #require(object["secret"] as? String)
        let groups = try #require(object["groups"] as? [[String: Any]]).map { $0["shares"] as? [String] ?? [] }
        #expect(groups.map(\.count) == [3, 1, 5] && object["groups_needed"] as? Int == 2)
        let family = groups[0]
        let lawyer = groups[1]
        let friends = groups[2]
        let twoAndLawyer = try run(["recover", "--group", "\(family[0]) \(family[2])", "--group", lawyer[0]])
        #expect(twoAndLawyer.exitCode == 0 && Self.lines(twoAndLawyer) == [secret], "\(twoAndLawyer.standardError)")
        let friendsAndFamily = try run([
            "recover", "--group", friends[1...3].joined(separator: ","), "--group",
            family[0...1].joined(separator: " "),
        ])
        #expect(Self.lines(friendsAndFamily) == [secret])
        let short = try run(["recover", "--group", family[1], "--group", lawyer[0]])
        #expect(short.exitCode == 1 && short.standardOutput.isEmpty)
        #expect(
            short.standardError.contains("insufficient_shares")
                && short.standardError.contains("group 1 has 1 share, 2 needed")
        )
        // Each level is an ordinary Mesh set: the lawyer's sheet is a group share, which recovers with family's.
        let familyShare = Self.lines(try run(["recover", family[0], family[1]]))[0]
        let lawyerShare = try lawyerGroupShare(lawyer[0])
        #expect(familyShare.hasPrefix("SA") && lawyerShare.hasPrefix("SA"), "each group recovers a share UDF")
        let byHand = try run(["recover", familyShare, lawyerShare])
        #expect(Self.lines(byHand) == [secret], "\(byHand.standardError)")
    }

    /// A 1-of-1 group's sheet holds its group share: recover it from the single sheet (threshold 1).
    func lawyerGroupShare(_ sheet: String) throws -> String {
        let result = try run(["recover", sheet])
        return Self.lines(result).first ?? ""
    }

    @Test func offlineEscrowEntryWritesADocumentForItsKeyShares() throws {
        let fixture = try Fixture()
        let options = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        let key = Self.lines(try run(["store", "generate", "--alg", "X25519"] + options))[0]
        let doc = fixture.folder.appendingPathComponent("entry-commitments.json").path
        let entry = fixture.folder.appendingPathComponent("entry.json").path
        let sealed = try run(
            ["escrow", "seal", "--offline", "-t", "2", "-n", "3", "--key", key, "--out", entry, "--commitments", doc]
                + options
        )
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        let out = Self.lines(sealed)
        #expect(out.count == 5 && out[1].hasPrefix("M"))
        for share in out.suffix(3) {
            let verified = try run(["share", "verify", "--commitments", doc, share])
            #expect(
                verified.exitCode == 0 && verified.standardOutput.contains("set \(out[0])"),
                "\(verified.standardError)"
            )
        }
        let opened = try run(["escrow", "open", entry, out[2], out[4]] + options)
        #expect(opened.exitCode == 0, "the shares are the entry's ordinary key shares: \(opened.standardError)")
        let online = try run(
            ["escrow", "seal", "--online", "--to", key, "--key", key, "--out", entry + "2", "--commitments", doc + "2"]
                + options
        )
        #expect(online.exitCode == 1 && online.standardError.contains("--commitments is for --offline"))
    }

    @Test func aNamedKeySignsTheDocumentAndTheReaderNamesIt() throws {
        let fixture = try Fixture(create: false)
        let path = { (name: String) in fixture.folder.appendingPathComponent(name).path }
        let keyUDF = Self.lines(try run(["key", "generate", "--alg", "Ed25519", "--out", path("signer.pem")]))[0]
        let split = try run([
            "split", "-t", "2", "-n", "3", "--commitments", path("d.json"), "--sign-key", path("signer.pem"),
        ])
        #expect(split.exitCode == 0 && !split.standardError.contains("not signed"), "\(split.standardError)")
        let verified = try run(["share", "verify", "--commitments", path("d.json"), Self.lines(split).last!])
        #expect(
            verified.exitCode == 0 && verified.standardError.contains("signed by \(keyUDF)"),
            "\(verified.standardError)"
        )
        let shares = Array(Self.lines(split).suffix(3))
        let reshared = try run([
            "share", "reshare", "--commitments", path("d.json"), "-t", "2", "-n", "3", "--output", path("d2.json"),
            "--sign-key", path("signer.pem"), shares[0], shares[2],
        ])
        #expect(reshared.exitCode == 0 && !reshared.standardError.contains("not signed"), "\(reshared.standardError)")
        let again = try run(["share", "verify", "--commitments", path("d2.json.pending"), Self.lines(reshared).last!])
        #expect(again.exitCode == 0 && again.standardError.contains("signed by \(keyUDF)"))
    }
}
