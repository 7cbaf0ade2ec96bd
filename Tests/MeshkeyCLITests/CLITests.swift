import Foundation
import TestSupport
import Testing

/// Runs the built `meshkey` binary, as a user would.
@Suite struct CLITests {
    /// The share lines of `meshkey split` text output: everything after the identifier (the first line
    /// starting with M after an optional secret line; a random secret may itself start with any letter).
    func shares(in output: String, secretPrinted: Bool = true) -> [String] {
        Array(output.split(separator: "\n").map(String.init).dropFirst(secretPrinted ? 2 : 1))
    }

    @Test func splitAndRecoverRoundTrip() throws {
        let split = try CommandRunner.run(["split", "--threshold", "3", "--shares", "5"])
        #expect(split.exitCode == 0)
        let lines = split.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)  // secret, identifier, five shares
        let secret = lines[0]
        #expect(lines[1].hasPrefix("M"))
        let all = shares(in: split.standardOutput)
        #expect(all.count == 5)
        let recover = try CommandRunner.run(["recover", all[4], all[1], all[2]])
        #expect(recover.exitCode == 0)
        #expect(recover.standardOutput == secret + "\n")
        // The same from standard input, one per line, with a blank line.
        let piped = try CommandRunner.run(["recover"], input: all[0] + "\n\n" + all[3] + "\n" + all[2] + "\n")
        #expect(piped.standardOutput == secret + "\n")
    }

    @Test func oneChangedCharacterAmongFiveIsNamedAndNothingIsPrinted() throws {
        let split = try CommandRunner.run(["split", "-t", "3", "-n", "5", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(split.standardOutput.utf8)) as? [String: Any]
        )
        let secret = try #require(object["secret"] as? String)
        var all = try #require(object["shares"] as? [String])
        #expect(object["threshold"] as? Int == 3)
        var characters = Array(all[1])
        characters[12] = characters[12] == "K" ? "L" : "K"
        all[1] = String(characters)
        let recover = try CommandRunner.run(["recover"] + all)
        #expect(recover.exitCode != 0)
        #expect(recover.standardOutput.isEmpty)
        #expect(recover.standardError.contains("inconsistent_shares"))
        #expect(recover.standardError.contains("share 2 (argument 2, x=2)"))
        #expect(!recover.standardError.contains(secret))
        #expect(recover.standardError.split(separator: "\n").count == 1)
    }

    @Test func recoverJSONReportsWhatWasUsed() throws {
        let shares = [
            "SARP-IOIN-ZN5Z-H55S-YNAM-OIQT-LKOU-YUN2-C7SG-EQDQ-BIIQ-HIS6-BV55-2NTT-WL2Q",
            "SAQC-YE5R-BE3C-37IF-AG43-SGNT-3NLP-VURL-YWEH-FTBE-J755-IN6F-ZPXR-N6O5-3AVQ",
            "SAQZ-AJS7-NJMO-B6S3-4J6U-AHPD-TL5C-HEPS-523G-VBSK-FUDG-X3IR-5S2X-UGBI-YWIA",
        ]
        let result = try CommandRunner.run(["recover", "--json"] + shares)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        )
        #expect(object["secret"] as? String == "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT")
        #expect(object["kind"] as? String == "seed")
        #expect(object["used"] as? [Int] == [3, 1])
        #expect(object["checked"] as? [Int] == [2])
        #expect((object["identifier"] as? String)?.hasPrefix("M") == true)
    }

    @Test func badInputGetsOneLineAndANonZeroExit() throws {
        let cases: [([String], String)] = [
            (
                [
                    "recover", "SAQC-YE5R-BE3C-37IF-AG43-SGNT-3NLP-VURL-YWEH-FTBE-J755-IN6F-ZPXR-N605-3AVQ",
                    "SAQZ-AJS7-NJMO-B6S3-4J6U-AHPD-TL5C-HEPS-523G-VBSK-FUDG-X3IR-5S2X-UGBI-YWIA",
                ], "invalid_character: share 1"
            ),
            (
                ["recover", "SARP-IOIN-ZN5Z-H55S-YNAM-OIQT-LKOU-YUN2-C7SG-EQDQ-BIIQ-HIS6-BV55-2NTT-WL2Q"],
                "insufficient_shares"
            ),
            (["split", "--threshold", "1"], "invalid_parameters"),
            (["split", "--secret", "ABC0"], "invalid_character"),
            (["split", "--secret-file", "/nonexistent/secret"], "cannot open"),
        ]
        for (arguments, expected) in cases {
            let result = try CommandRunner.run(arguments)
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
            #expect(result.standardError.contains(expected), "\(arguments): \(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(arguments)")
        }
    }

    @Test func splitGivenSecretPrintsNoSecret() throws {
        let seed = "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT"
        let split = try CommandRunner.run(["split", "--secret", seed, "-t", "2", "-n", "3"])
        #expect(split.exitCode == 0)
        #expect(!split.standardOutput.contains(seed))
        let all = shares(in: split.standardOutput, secretPrinted: false)
        #expect(all.count == 3 && all.allSatisfy { $0.hasPrefix("SA") })
        let recover = try CommandRunner.run(["recover", all[2], all[0]])
        #expect(recover.standardOutput == seed + "\n")
    }

    @Test func vectorsVerifyReportsTotals() throws {
        let files = Paths.vectorFiles.map(\.path)
        let result = try CommandRunner.run(["vectors", "verify"] + files)
        #expect(result.exitCode == 0)
        let last = try #require(result.standardOutput.split(separator: "\n").last)
        #expect(last.hasSuffix("skipped"))
        #expect(last.contains(" 0 failed"))
        #expect(!result.standardOutput.contains("FAIL"))
    }

    @Test func vectorsVerifyFailsOnABrokenFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        try Data(
            #"{"suite": "x", "format": 1, "vectors": [{"id": "x", "kind": "base32", "source": "s", "input": {"bytes_hex": "66"}, "expected": {"string": "MZ"}}]}"#
                .utf8
        ).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try CommandRunner.run(["vectors", "verify", url.path])
        #expect(result.exitCode != 0)
        #expect(result.standardOutput.contains("FAIL"))
        #expect(result.standardOutput.hasSuffix("0 passed, 1 failed, 0 skipped\n"))
    }
}
