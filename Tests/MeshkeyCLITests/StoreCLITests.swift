import Foundation
import TestSupport
import Testing

/// `meshkey store …`, run as a user would, against stores in temporary folders (scrypt cost 2^10).
@Suite struct StoreCLITests {
    static let referenceSeed = "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT"
    static let referenceProfile = "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V"

    /// A private temporary folder with a passphrase file and a store path inside it.
    final class Fixture {
        let folder: URL
        let store: String
        let passphraseFile: String

        init(create: Bool = true) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "meshkey-store-cli-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(
                at: folder,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            store = folder.appendingPathComponent("store").path
            passphraseFile = folder.appendingPathComponent("passphrase").path
            _ = FileManager.default.createFile(
                atPath: passphraseFile,
                contents: Data("open sesame\n".utf8),
                attributes: [.posixPermissions: 0o600]
            )
            if create {
                let result = try run(["init", "--kdf-cost", "10"])
                #expect(result.exitCode == 0, "\(result.standardError)")
            }
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// `meshkey store <arguments> --store S --passphrase-file P`.
        func run(_ arguments: [String], input: String? = nil, passphrase: Bool = true) throws -> CommandResult {
            var full = ["store"] + arguments + ["--store", store]
            if passphrase { full += ["--passphrase-file", passphraseFile] }
            return try CommandRunner.run(full, input: input)
        }

        func snapshot() throws -> [String: Data] {
            var result: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: store) {
                result[name] = try Data(contentsOf: URL(fileURLWithPath: store + "/" + name))
            }
            return result
        }

        func write(_ name: String, _ text: String) -> String {
            let path = folder.appendingPathComponent(name).path
            _ = FileManager.default.createFile(
                atPath: path,
                contents: Data(text.utf8),
                attributes: [.posixPermissions: 0o600]
            )
            return path
        }
    }

    static func udf(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(result.exitCode == 0, "\(result.standardError)", sourceLocation: sourceLocation)
        let line = result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.hasPrefix("M") && !line.contains("\n"), "\(line)", sourceLocation: sourceLocation)
        return line
    }

    @Test func mainCommands() throws {
        let fixture = try Fixture()
        let status = try fixture.run(["status"], passphrase: false)
        #expect(status.exitCode == 0)
        #expect(status.standardOutput.contains("scrypt N = 2^10, r = 8, p = 1"))
        var udfs: [String: String] = [:]
        for algorithm in ["Ed25519", "Ed448", "X25519", "X448"] {
            udfs[algorithm] = Self.udf(try fixture.run(["generate", "--alg", algorithm, "--label", "my \(algorithm)"]))
        }
        // Imports: a seed as argument, a seed on standard input (already present), a PEM file, raw hex.
        #expect(Self.udf(try fixture.run(["import", Self.referenceSeed])) == Self.referenceProfile)
        let again = try fixture.run(["import"], input: Self.referenceSeed + "\n")
        #expect(again.exitCode == 1 && again.standardError.contains("already in the store"))
        let pemPath = fixture.folder.appendingPathComponent("key.pem").path
        let generated = try CommandRunner.run(["key", "generate", "--alg", "Ed448", "--out", pemPath])
        let generatedUDF = try #require(generated.standardOutput.split(separator: "\n").first.map(String.init))
        #expect(Self.udf(try fixture.run(["import", "--file", pemPath, "--non-exportable"])) == generatedUDF)
        let hexKey = String(repeating: "42", count: 32)
        let hexUDF = Self.udf(try fixture.run(["import", "--alg", "X25519"], input: hexKey + "\n"))

        let list = try fixture.run(["list", "--json"])
        #expect(list.exitCode == 0)
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [[String: Any]]
        )
        #expect(entries.count == 7)
        #expect(
            Set(entries.compactMap { $0["udf"] as? String })
                == Set(udfs.values).union([Self.referenceProfile, generatedUDF, hexUDF])
        )
        let show = try fixture.run(["show", udfs["Ed25519"]!])
        #expect(show.exitCode == 0 && show.standardOutput.contains("label       my Ed25519"))

        // Exports.
        let sshKey = fixture.folder.appendingPathComponent("id_ed25519").path
        #expect(
            try fixture.run(["export", udfs["Ed25519"]!, "--format", "openssh", "--private", "--out", sshKey]).exitCode
                == 0
        )
        let sshPublic = try fixture.run(["export", udfs["Ed25519"]!, "--format", "openssh"])
        #expect(sshPublic.standardOutput.hasPrefix("ssh-ed25519 "))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen") {
            let loaded = try Self.tool("/usr/bin/ssh-keygen", ["-y", "-f", sshKey])
            #expect(loaded == sshPublic.standardOutput)
        }
        let ageSecret = try fixture.run(["export", udfs["X25519"]!, "--format", "age", "--private"])
        #expect(ageSecret.standardOutput.hasPrefix("AGE-SECRET-KEY-1"))
        #expect(
            try fixture.run(["export", Self.referenceProfile, "--format", "udf", "--private"]).standardOutput == Self
                .referenceSeed + "\n"
        )
        let refused = try fixture.run(["export", generatedUDF, "--format", "pkcs8", "--private"])
        #expect(refused.exitCode == 1 && refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("not exportable") && refused.standardError.contains(generatedUDF))

        // Delete, purge, verify, passwd.
        #expect(try fixture.run(["delete", udfs["Ed448"]!]).exitCode == 0)
        let purge = try fixture.run(["purge", udfs["X448"]!])
        #expect(purge.exitCode == 0 && purge.standardOutput.contains("best effort"))
        let verify = try fixture.run(["verify"])
        #expect(verify.exitCode == 0 && verify.standardOutput.contains("5 entries verified, 0 failed"))
        let newFile = fixture.write("new-passphrase", "a new one\n")
        #expect(try fixture.run(["passwd", "--new-passphrase-file", newFile]).exitCode == 0)
        let old = try fixture.run(["list"])
        #expect(old.exitCode == 1 && old.standardError.contains("wrong passphrase"))
        let fresh = try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", newFile])
        #expect(fresh.exitCode == 0 && fresh.standardOutput.split(separator: "\n").count == 5)
    }

    @Test func insecureStoreSaysSoAndNeedsNoPassphrase() throws {
        let fixture = try Fixture(create: false)
        #expect(
            try fixture.run(["init", "--kdf-cost", "10", "--insecure-no-passphrase"], passphrase: false).exitCode == 0
        )
        let status = try fixture.run(["status"], passphrase: false)
        #expect(status.standardOutput.contains("NONE: the master key is stored unwrapped"))
        // Every command needs the explicit --unprotected, and refuses a passphrase.
        let refused = try fixture.run(["generate", "--alg", "Ed25519"], passphrase: false)
        #expect(
            refused.exitCode == 1 && refused.standardError.contains("unprotected_store")
                && refused.standardError.contains("--unprotected")
        )
        let udf = Self.udf(try fixture.run(["generate", "--alg", "Ed25519", "--unprotected"], passphrase: false))
        #expect(try fixture.run(["show", udf, "--unprotected"], passphrase: false).exitCode == 0)
        let withPassphrase = try fixture.run(["show", udf])
        #expect(withPassphrase.exitCode == 1 && withPassphrase.standardError.contains("unprotected_store"))
    }

    /// Each bad input: exit code 1, nothing on standard output, one line on standard error, store unchanged.
    @Test func badInputsAreOneLineAndChangeNothing() throws {
        let fixture = try Fixture()
        let locked = Self.udf(try fixture.run(["generate", "--alg", "Ed25519", "--non-exportable"]))
        let x448 = Self.udf(try fixture.run(["generate", "--alg", "X448"]))
        let wrong = fixture.write("wrong", "not it\n")
        let garbage = fixture.write("garbage.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        var cases: [([String], String?, String)] = [
            (["generate", "--alg", "RSA"], nil, "--alg must be"),
            (["import", "hello"], nil, "neither a seed UDF"),
            (["import", "ZAAQ-FKAT-PL72"], nil, "at least 16 are needed"),
            (["import", "ZAAQ-FKAT-PL7!"], nil, "not a seed UDF"),
            (["import", "--alg", "Ed25519", "abcd"], nil, "raw Ed25519 key must be 32 bytes"),
            (["import", "--alg", "Ed25519", "xyz!"], nil, "not hex"),
            (["import", "--file", garbage], nil, "not an unencrypted PKCS#8"),
            (["import"], "", "no input"),
            (["export", locked, "--format", "pem"], nil, "--format must be"),
            (["export", locked, "--format", "jwk", "--private"], nil, "not exportable"),
            (["export", x448, "--format", "openssh"], nil, "OpenSSH export is for Ed25519"),
            (["show", "MAAA-BBBB-CCCC"], nil, "no such entry"),
            (["show", "../../etc/passwd"], nil, "is not a UDF"),
            (["show", Self.referenceSeed], nil, "which is secret"),
            (["delete", "MAAA-BBBB-CCCC"], nil, "no such entry"),
            (["purge", "MAAA-BBBB-CCCC"], nil, "no such entry"),
            (["init"], nil, "already exists"),
            (["init", "--kdf-cost", "5"], nil, "--kdf-cost must be"),
            (["passwd", "--kdf-cost", "40"], nil, "--kdf-cost must be"),
        ]
        for arguments in [["list"], ["show", locked], ["generate", "--alg", "Ed25519"]] {
            cases.append((arguments + ["--passphrase-file", wrong], nil, "wrong passphrase"))
        }
        let before = try fixture.snapshot()
        for (arguments, input, message) in cases {
            let withPassphrase = !arguments.contains("--passphrase-file")
            let result = try fixture.run(arguments, input: input, passphrase: withPassphrase)
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments): \(result.standardOutput)")
            #expect(result.standardError.split(separator: "\n").count == 1, "\(arguments): \(result.standardError)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
            #expect(!result.standardError.contains("ZAAQ"), "\(arguments) echoed a seed")
            #expect(try fixture.snapshot() == before, "\(arguments) changed the store")
        }
        // No passphrase source at all, and no terminal (only checkable when the tests run without one).
        if open("/dev/tty", O_RDWR) < 0 {
            let result = try fixture.run(["list"], passphrase: false)
            #expect(result.exitCode == 1 && result.standardError.contains("no terminal"))
        }
        // Loose permissions are named with path and mode.
        chmod(fixture.store, 0o755)
        let loose = try fixture.run(["list"])
        #expect(loose.exitCode == 1 && loose.standardError.split(separator: "\n").count == 1)
        #expect(loose.standardError.contains(fixture.store) && loose.standardError.contains("0755"))
        chmod(fixture.store, 0o700)
    }

    @Test func tamperedEntryIsNamedByVerifyAndRefused() throws {
        let fixture = try Fixture()
        let a = Self.udf(try fixture.run(["generate", "--alg", "Ed25519"]))
        let b = Self.udf(try fixture.run(["generate", "--alg", "Ed25519"]))
        let file = URL(fileURLWithPath: fixture.store + "/" + a + ".json")
        var bytes = try Data(contentsOf: file)
        let tagRange = try #require(bytes.range(of: Data("\"tag\" : \"".utf8)))
        bytes[tagRange.upperBound] =
            bytes[tagRange.upperBound] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try bytes.write(to: file)
        let verify = try fixture.run(["verify"])
        #expect(verify.exitCode == 1)
        #expect(verify.standardError.contains(a) && !verify.standardError.contains(b))
        #expect(verify.standardOutput.contains("1 entries verified, 1 failed"))
        let export = try fixture.run(["export", a, "--format", "openssh"])
        #expect(export.exitCode == 1 && export.standardOutput.isEmpty && export.standardError.contains(a))
        #expect(try fixture.run(["export", b, "--format", "openssh"]).exitCode == 0)
    }

    /// Kills `meshkey store generate` with SIGKILL at random moments; afterwards `verify` passes (stray
    /// temporary files are removed) and every entry whose command finished is present.
    @Test func killedWritersLeaveAConsistentStore() throws {
        let fixture = try Fixture()
        let binary = Paths.productsDirectory.appendingPathComponent("meshkey")
        var completed: [String] = []
        var killed = 0
        let rounds = 200
        // Spread the kills over a whole command's run, not only its start-up: time a few first.
        var durations: [UInt32] = []
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = try fixture.run(["generate", "--alg", "Ed25519"])
            if result.exitCode == 0 {
                completed.append(result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            durations.append(UInt32((DispatchTime.now().uptimeNanoseconds - start) / 1000))
        }
        let window = Swift.max(durations.max() ?? 20_000, 5_000) * 6 / 5
        for round in 0..<rounds {
            let process = Process()
            process.executableURL = binary
            process.arguments =
                [
                    "store", round % 3 == 0 ? "import" : "generate", "--store", fixture.store,
                    "--passphrase-file", fixture.passphraseFile,
                ]
                + (round % 3 == 0 ? ["--alg", "Ed25519"] : ["--alg", round % 2 == 0 ? "X448" : "Ed25519"])
            let output = Pipe()
            let input = Pipe()
            process.standardOutput = output
            process.standardInput = input
            process.standardError = FileHandle.nullDevice
            try process.run()
            if round % 3 == 0 {
                let key = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
                input.fileHandleForWriting.write(Data((key + "\n").utf8))
            }
            try? input.fileHandleForWriting.close()
            usleep(UInt32.random(in: 0...window))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationReason == .exit && process.terminationStatus == 0 {
                completed.append(printed)
            } else {
                killed += 1
            }
        }
        let verify = try fixture.run(["verify"])
        #expect(verify.exitCode == 0, "\(verify.standardError)")
        let list = try fixture.run(["list"])
        #expect(list.exitCode == 0)
        let present = Set(list.standardOutput.split(separator: "\n").map { String($0.split(separator: " ")[0]) })
        for udf in completed { #expect(present.contains(udf), "\(udf) finished but is missing") }
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.store)
        #expect(!names.contains { $0.hasPrefix(".tmp-") })
        // Both outcomes happened, or the test proved little.
        #expect(killed > 0 && !completed.isEmpty, "killed \(killed), completed \(completed.count) of \(rounds)")
        if let report = ProcessInfo.processInfo.environment["MESHKEY_CRASH_REPORT"] {
            try? "killed \(killed), completed \(completed.count), present \(present.count)\n".write(
                toFile: report,
                atomically: true,
                encoding: .utf8
            )
        }
    }

    /// Two processes adding entries at the same time: all entries present, store verifies.
    @Test func concurrentProcessesLoseNothing() throws {
        let fixture = try Fixture()
        let binary = Paths.productsDirectory.appendingPathComponent("meshkey").path
        // Two shell loops started at once (no `&`/`wait`: Foundation's Process leaves SIGCHLD blocked in
        // children, which makes the shell's `wait` hang).
        let one = fixture.folder.appendingPathComponent("one").path
        let two = fixture.folder.appendingPathComponent("two").path
        let loop =
            "i=0; while [ $i -lt 200 ]; do i=$((i+1)); \"$0\" store generate --alg \"$4\" --store \"$1\" --passphrase-file \"$2\" || exit 1; done > \"$3\""
        let processes = [(one, "Ed25519"), (two, "X25519")].map { output, algorithm in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", loop, binary, fixture.store, fixture.passphraseFile, output, algorithm]
            return process
        }
        for process in processes { try process.run() }
        for process in processes {
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let printed = try [one, two].flatMap {
            try String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n").map(String.init)
        }
        #expect(printed.count == 400)
        let list = try fixture.run(["list"])
        let present = Set(list.standardOutput.split(separator: "\n").map { String($0.split(separator: " ")[0]) })
        #expect(present == Set(printed))
        #expect(try fixture.run(["verify"]).exitCode == 0)
    }

    static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
