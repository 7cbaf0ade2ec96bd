import Foundation
import TestSupport
import Testing

/// The paper and recovery review, as users run it: raw bytes in through `split --secret-file -`, back
/// out through `recover --output raw|hex|base32|udf` and `--out FILE`; `split --secret` takes only canonical
/// UDF or Base32 text; `--secret-prompt` asks without echo.
@Suite struct SecretBytesCLITests {
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-bytes-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: url,
                withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o700]
            )
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    /// The share lines of `split` output (the lines starting with S).
    static func shares(_ result: CommandResult) -> [String] {
        result.standardOutput.split(separator: "\n").map(String.init).filter { $0.hasPrefix("S") }
    }

    /// `printf hunter2 | meshkey split --secret-file - -t 2 -n 3`.
    static func hunter2Shares() throws -> [String] {
        let split = try CommandRunner.run(["split", "--secret-file", "-", "-t", "2", "-n", "3"], input: "hunter2")
        #expect(split.exitCode == 0, "\(split.standardError)")
        let shares = shares(split)
        try #require(shares.count == 3, "\(split.standardOutput)")
        return shares
    }

    @Test func rawBytesComeBackByteForByte() throws {
        let shares = try Self.hunter2Shares()
        // Two of the three shares (not the first two only), on standard input.
        let raw = try CommandRunner.run(["recover", "--output", "raw"], input: shares[1] + "\n" + shares[2] + "\n")
        #expect(raw.exitCode == 0, "\(raw.standardError)")
        #expect(Array(raw.standardOutput.utf8) == Array("hunter2".utf8))
        let hex = try CommandRunner.run(["recover", "--output", "hex"] + Array(shares.prefix(2)))
        #expect(hex.standardOutput == "68756e74657232\n")
        let base32 = try CommandRunner.run(["recover", "--output", "base32"] + Array(shares.suffix(2)))
        #expect(base32.standardOutput == "NB2W45DFOIZA====\n")
        let udf = try CommandRunner.run(["recover", "--output", "udf", shares[0], shares[2]])
        let byDefault = try CommandRunner.run(["recover", shares[0], shares[2]])
        #expect(udf.standardOutput == "NB2W-45DF-OIZA\n")
        #expect(byDefault.standardOutput == udf.standardOutput)
        // JSON carries the chosen form; raw is refused there (usage error) unless it goes to --out.
        let json = try CommandRunner.run(["recover", "--json", "--output", "hex"] + Array(shares.prefix(2)))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        #expect(object["secret"] as? String == "68756e74657232")
        let rawJSON = try CommandRunner.run(["recover", "--json", "--output", "raw"] + Array(shares.prefix(2)))
        #expect(rawJSON.exitCode == 64 && rawJSON.standardOutput.isEmpty)
    }

    @Test func base32OutputReadsBackAsTheSameSecret() throws {
        // The padded Base32 and the dashed UDF form are canonical: split --secret takes them back.
        let shares = try Self.hunter2Shares()
        for form in ["NB2W45DFOIZA====", "nb2w-45df-oiza"] {
            let again = try CommandRunner.run(["split", "--secret", form, "-t", "2", "-n", "2"])
            #expect(again.exitCode == 0, "\(form): \(again.standardError)")
            let back = try CommandRunner.run(["recover", "--output", "raw"] + Self.shares(again))
            #expect(back.standardOutput == "hunter2", "\(form)")
        }
        #expect(shares.count == 3)
    }

    @Test func outFileIsPrivateNewAndNothingSecretIsPrinted() throws {
        let folder = try Folder()
        let shares = try Self.hunter2Shares()
        let file = folder.path("secret.bin")
        let written = try CommandRunner.run(["recover", "--output", "raw", "--out", file] + Array(shares.prefix(2)))
        #expect(written.exitCode == 0, "\(written.standardError)")
        #expect(written.standardOutput.isEmpty)
        #expect(!written.standardError.contains("hunter2") && !written.standardError.contains("NB2W"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("hunter2".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A text form ends with a newline; --json names the file and has no secret.
        let hexFile = folder.path("secret.hex")
        let json = try CommandRunner.run(
            ["recover", "--json", "--output", "hex", "--out", hexFile] + Array(shares.prefix(2))
        )
        #expect(try String(contentsOfFile: hexFile, encoding: .utf8) == "68756e74657232\n")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        #expect(object["secret"] == nil && object["out"] as? String == hexFile)
        // An existing file is never replaced.
        let again = try CommandRunner.run(["recover", "--output", "hex", "--out", file] + Array(shares.prefix(2)))
        #expect(again.exitCode == 1)
        #expect(again.standardError.contains("file_exists"))
        #expect(again.standardOutput.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("hunter2".utf8))
    }

    @Test func textThatIsNotCanonicalBase32IsRefused() throws {
        for text in ["hunter2", "HUNT ERZZ"] {
            let result = try CommandRunner.run(["split", "--secret", text, "-t", "2", "-n", "3"])
            #expect(result.exitCode == 1, "\(text)")
            #expect(result.standardOutput.isEmpty, "\(text)")
            #expect(
                result.standardError.hasPrefix("meshkey split: not_canonical: --secret:"),
                "\(result.standardError)"
            )
            #expect(result.standardError.contains("--secret-file"))
            #expect(!result.standardError.contains(text))
        }
        // The same rule for the text on standard input (--secret -, not a terminal).
        let piped = try CommandRunner.run(["split", "--secret", "-"], input: "hunter2\n")
        #expect(piped.exitCode == 1 && piped.standardOutput.isEmpty)
        #expect(piped.standardError.contains("not_canonical"))
        let good = try CommandRunner.run(["split", "--secret", "-", "-t", "2", "-n", "2"], input: "NB2W-45DF-OIZA\n")
        #expect(try CommandRunner.run(["recover", "--output", "raw"] + Self.shares(good)).standardOutput == "hunter2")
    }

    @Test func secretPromptAsksWithoutEcho() throws {
        let text = "NB2W-45DF-OIZA"
        let run = try PseudoTerminal.run(
            Paths.productsDirectory.appendingPathComponent("meshkey").path,
            ["split", "--secret-prompt", "-t", "2", "-n", "2"],
            steps: [.type(text, after: "not shown"), .type(text, after: "Again")]
        )
        #expect(run.echoAtSteps == [false, false], "\(run)")
        #expect(run.exitCode == 0, "\(run)")
        #expect(!run.output.contains(text), "echoed: \(run)")
        let lines = run.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let shares = lines.filter { $0.hasPrefix("S") && !$0.contains(" ") }
        try #require(shares.count == 2, "\(lines)")
        #expect(try CommandRunner.run(["recover", "--output", "raw"] + shares).standardOutput == "hunter2")
    }
}
