import Foundation
import TestSupport
import Testing

/// `meshkey key …` and `meshkey profile …`, run as a user would.
@Suite struct KeyProfileCLITests {
    static let referenceShares = [
        "SAQC-YE5R-BE3C-37IF-AG43-SGNT-3NLP-VURL-YWEH-FTBE-J755-IN6F-ZPXR-N6O5-3AVQ",
        "SAQZ-AJS7-NJMO-B6S3-4J6U-AHPD-TL5C-HEPS-523G-VBSK-FUDG-X3IR-5S2X-UGBI-YWIA",
        "SARP-IOIN-ZN5Z-H55S-YNAM-OIQT-LKOU-YUN2-C7SG-EQDQ-BIIQ-HIS6-BV55-2NTT-WL2Q",
    ]
    static let referenceProfile = "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V"

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        return url
    }

    @Test func referenceSharesGiveThePublishedProfile() throws {
        let result = try CommandRunner.run(["profile", "derive", Self.referenceShares[2], Self.referenceShares[0]])
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == Self.referenceProfile)
        #expect(lines.count == 8)
        #expect(
            lines.contains { $0.hasPrefix("EscrowEncryption") && $0.hasSuffix("MAND-BKQ3-XXGY-AYTS-L7VX-OOHW-HT7P") }
        )
        // Nothing secret: the seed never appears.
        #expect(!result.standardOutput.contains("ZAAQ"))
        // The same from standard input, and from the seed.
        let piped = try CommandRunner.run(["profile", "derive"], input: Self.referenceShares.joined(separator: "\n"))
        #expect(piped.standardOutput == result.standardOutput)
        let seeded = try CommandRunner.run([
            "profile", "derive", "--seed",
            "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT",
        ])
        #expect(seeded.standardOutput == result.standardOutput)
    }

    @Test func documentVerifiesAndAChangedByteFails() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = directory.appendingPathComponent("profile.json")
        let derive = try CommandRunner.run(["profile", "derive", "--document", document.path] + Self.referenceShares)
        #expect(derive.exitCode == 0)
        let verify = try CommandRunner.run(["profile", "verify", document.path, "--expect", Self.referenceProfile])
        #expect(verify.exitCode == 0)
        #expect(verify.standardOutput == Self.referenceProfile + "\n")
        // Change one character of the signature.
        var text = try String(contentsOf: document, encoding: .utf8)
        let range = try #require(text.range(of: "\"signature\" : \""))
        let index = text.index(range.upperBound, offsetBy: 10)
        text.replaceSubrange(index...index, with: text[index] == "A" ? "B" : "A")
        let tampered = directory.appendingPathComponent("tampered.json")
        try text.write(to: tampered, atomically: true, encoding: .utf8)
        let bad = try CommandRunner.run(["profile", "verify", tampered.path])
        #expect(bad.exitCode == 1)
        #expect(bad.standardOutput.isEmpty)
        #expect(bad.standardError.contains("signature does not verify"))
        // A wrong expected UDF fails too.
        let other = try CommandRunner.run([
            "profile", "verify", document.path, "--expect", "MAND-BKQ3-XXGY-AYTS-L7VX-OOHW-HT7P",
        ])
        #expect(other.exitCode == 1)
    }

    @Test(arguments: ["Ed25519", "Ed448", "X25519", "X448"])
    func generateWritesAPrivateFileAndPrintsThePublicKey(algorithm: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("key.pem")
        let result = try CommandRunner.run(["key", "generate", "--alg", algorithm, "--out", key.path, "--json"])
        #expect(result.exitCode == 0)
        #expect(result.standardError.isEmpty)  // private folder: no warning
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        )
        #expect((object["key_udf"] as? String)?.hasPrefix("M") == true)
        let expectedLength = ["Ed25519": 32, "Ed448": 57, "X25519": 33, "X448": 57][algorithm]!
        #expect((object["public_hex"] as? String)?.count == 2 * expectedLength)
        let attributes = try FileManager.default.attributesOfItem(atPath: key.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOf: key, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(!result.standardOutput.contains("PRIVATE"))
        // Never overwrites.
        let again = try CommandRunner.run(["key", "generate", "--alg", algorithm, "--out", key.path])
        #expect(again.exitCode == 1)
    }

    @Test func deriveMatchesTheProfileKey() throws {
        let result = try CommandRunner.run([
            "key", "derive", "--seed",
            "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT",
            "--name", "CompleteAccountProfile", "--alg", "Ed448",
        ])
        #expect(result.standardOutput.split(separator: "\n").first.map(String.init) == Self.referenceProfile)
        let bad = try CommandRunner.run(["key", "derive", "--seed", "SAQC-YE5R", "--alg", "Ed448"])
        #expect(bad.exitCode == 1)
        #expect(bad.standardError.contains("wrong_type"))
    }
}
