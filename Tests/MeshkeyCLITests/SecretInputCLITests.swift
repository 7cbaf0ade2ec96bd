import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#endif

/// The security review as users run them: every secret input from a file or standard input (`-`), the 16 MiB
/// cap on standard input, PNG dimensions capped before decoding, UDFs compared by bytes, and a process that
/// cannot be dumped.
@Suite struct SecretInputCLITests {
    static let seed = "ZAAA-CDJ5-DHPA-DUUW-WIPQ-UXNC-DSAR-U7A"

    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "meshkey-secret-input-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(
                at: url,
                withIntermediateDirectories: false,
                attributes: [.posixPermissions: 0o700]
            )
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func write(_ name: String, _ text: String) -> String {
            _ = FileManager.default.createFile(
                atPath: path(name),
                contents: Data(text.utf8),
                attributes: [.posixPermissions: 0o600]
            )
            return path(name)
        }
    }

    @discardableResult
    static func ok(
        _ arguments: [String],
        input: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let result = try CommandRunner.run(arguments, input: input)
        #expect(result.exitCode == 0, "\(arguments): \(result.standardError)", sourceLocation: sourceLocation)
        return result.standardOutput
    }

    static func split(
        _ arguments: [String] = ["-t", "3", "-n", "5"]
    ) throws -> (secret: String, identifier: String, shares: [String]) {
        let lines = try ok(["split"] + arguments).split(separator: "\n").map(String.init)
        return (lines[0], lines[1], Array(lines.dropFirst(2)))
    }

    @Test func printTakesItsSharesFromAFileOrStandardInput() throws {
        let folder = try Folder()
        let set = try Self.split()
        let file = folder.write("shares.txt", set.shares.prefix(3).joined(separator: "\n") + "\n")
        let fromArguments = try Self.ok(["print", "--text"] + set.shares.prefix(3))
        #expect(fromArguments.contains(set.identifier))
        #expect(try Self.ok(["print", "--text", "--shares-file", file]) == fromArguments)
        #expect(
            try Self.ok(["print", "--text", "--shares-file", "-"], input: set.shares.prefix(3).joined(separator: "\n"))
                == fromArguments
        )
        #expect(
            try Self.ok(["print", "--text"], input: "\n" + set.shares.prefix(3).joined(separator: "\r\n\n") + "\n")
                == fromArguments
        )
        // PDF from a file too.
        try Self.ok(["print", "--shares-file", file, "--out", folder.path("sheets.pdf")])
        #expect(FileManager.default.fileExists(atPath: folder.path("sheets.pdf")))
        // Nothing at all: a named refusal.
        let none = try CommandRunner.run(["print", "--text"], input: "")
        #expect(none.exitCode == 1 && none.standardError.contains("insufficient_shares") && none.standardOutput.isEmpty)
    }

    @Test func recoverTakesItsSharesFromAFile() throws {
        let folder = try Folder()
        let set = try Self.split()
        let file = folder.write(
            "shares.txt",
            [set.shares[4], "", set.shares[0], set.shares[2]].joined(separator: "\n")
        )
        #expect(try Self.ok(["recover", "--shares-file", file]) == set.secret + "\n")
        #expect(
            try Self.ok(["recover", "--shares-file", "-"], input: set.shares.prefix(3).joined(separator: "\n")) == set
                .secret + "\n"
        )
        // Arguments and a file together.
        let two = folder.write("two.txt", set.shares[1] + "\n" + set.shares[3] + "\n")
        #expect(try Self.ok(["recover", set.shares[0], "--shares-file", two]) == set.secret + "\n")
        // A bad share is named by its file and line.
        let bad = folder.write("bad.txt", set.shares[0] + "\n" + set.shares[1] + "\nS!\n")
        let refused = try CommandRunner.run(["recover", "--shares-file", bad])
        #expect(refused.exitCode == 1 && refused.standardError.contains("bad.txt line 3"), "\(refused.standardError)")
    }

    @Test func keyDeriveTakesTheSeedFromAFileOrStandardInput() throws {
        let folder = try Folder()
        let arguments = ["key", "derive", "--alg", "X25519", "--name", "EncryptionKey", "--show-private"]
        let expected = try Self.ok(arguments + ["--seed", Self.seed])
        #expect(expected.split(separator: "\n").count == 3)
        #expect(
            try Self.ok(arguments + ["--seed-file", folder.write("seed", "\n  " + Self.seed + "  \n")]) == expected
        )
        #expect(try Self.ok(arguments + ["--seed-file", "-"], input: Self.seed + "\n") == expected)
        let both = try CommandRunner.run(arguments + ["--seed", Self.seed, "--seed-file", "-"], input: Self.seed)
        #expect(both.exitCode == 64 && both.standardOutput.isEmpty)
        let blank = try CommandRunner.run(arguments + ["--seed-file", "-"], input: "\n \n")
        #expect(blank.exitCode == 1 && blank.standardError.contains("empty_input"))
    }

    @Test func profileDeriveTakesSeedAndSharesFromFiles() throws {
        let folder = try Folder()
        let accountSeed = try Self.freshAccountSeed().trimmingCharacters(in: .whitespacesAndNewlines)
        let expected = try Self.ok(["profile", "derive", "--seed", accountSeed])
        #expect(expected.hasPrefix("M"))
        #expect(
            try Self.ok(["profile", "derive", "--seed-file", folder.write("seed", accountSeed + "\n")]) == expected
        )
        #expect(try Self.ok(["profile", "derive", "--seed-file", "-"], input: accountSeed) == expected)
        let set = try Self.split(["-t", "2", "-n", "3", "--secret", accountSeed])
        #expect(
            try Self.ok([
                "profile", "derive", "--shares-file",
                folder.write("shares", set.shares.suffix(2).joined(separator: "\n")),
            ]) == expected
        )
        #expect(try Self.ok(["profile", "derive"], input: set.shares.prefix(2).joined(separator: "\n")) == expected)
        let both = try CommandRunner.run([
            "profile", "derive", "--seed-file", folder.path("seed"), "--shares-file", folder.path("shares"),
        ])
        #expect(both.exitCode == 64)
    }

    @Test func overlayCreateTakesTheSeedFromAFile() throws {
        let folder = try Folder()
        let basePublic = try Self.ok(["key", "generate", "--alg", "X25519", "--out", folder.path("base.pem")]).split(
            separator: "\n"
        )[1]
        let common = [
            "overlay", "create", "--alg", "X25519", "--base-public", String(basePublic), "--key-name",
            "ActivationDeviceEncrypt",
        ]
        let expected = try Self.ok(common + ["--seed", Self.seed, "--out", folder.path("a.json")])
        #expect(
            try Self.ok(common + ["--seed-file", folder.write("seed", Self.seed), "--out", folder.path("b.json")])
                == expected
        )
        #expect(
            try Self.ok(common + ["--seed-file", "-", "--out", folder.path("c.json")], input: Self.seed) == expected
        )
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: folder.path("a.json")))
                == Data(contentsOf: URL(fileURLWithPath: folder.path("b.json")))
        )
    }

    @Test(arguments: ["threshold", "recrypt"]) func combineTakesPartialsFromFilesOrStandardInput(
        _ command: String
    ) throws {
        let folder = try Folder()
        _ = try Self.ok(["key", "generate", "--alg", "X25519", "--out", folder.path("group.pem")])
        let peer = String(
            try Self.ok(["key", "generate", "--alg", "X25519", "--out", folder.path("peer.pem")]).split(
                separator: "\n"
            )[1]
        )
        try Self.ok([
            "threshold", "split", "--key", folder.path("group.pem"), "--shares", "3", "--out-prefix", folder.path("s"),
        ])
        let partials = try (1...3).map {
            try Self.ok(["threshold", "partial", "--share", folder.path("s-\($0).json"), "--ephemeral", peer])
                .trimmingCharacters(in: .newlines)
        }
        let combine = [command, "combine", "--alg", "X25519"]
        let expected = try Self.ok(combine + partials)
        #expect(expected.count == 65)
        let file = folder.write("partials", partials.joined(separator: "\n") + "\n")
        #expect(try Self.ok(combine + ["--partial-file", file]) == expected)
        #expect(try Self.ok(combine, input: partials.joined(separator: "\n")) == expected)
        #expect(try Self.ok(combine + ["--partial-file", "-"], input: partials.joined(separator: "\n")) == expected)
        let one = folder.write("one", partials[0])
        let rest = folder.write("rest", partials[1] + "\n\n" + partials[2])
        #expect(try Self.ok(combine + ["--partial-file", one, "--partial-file", rest]) == expected)
        #expect(try Self.ok(combine + [partials[0], "--partial-file", rest]) == expected)
        let missing = try CommandRunner.run(combine + ["--partial-file", folder.path("nope")])
        #expect(
            missing.exitCode == 1 && missing.standardError.contains("cannot_open") && missing.standardOutput.isEmpty
        )
    }

    @Test func everyFileOptionTakesADashForStandardInput() throws {
        let fixture = try StoreCLITests.Fixture()
        // --passphrase-file -
        let listed = try CommandRunner.run(
            ["store", "list", "--store", fixture.store, "--passphrase-file", "-"],
            input: "open sesame\n"
        )
        #expect(listed.exitCode == 0, "\(listed.standardError)")
        let wrong = try CommandRunner.run(
            ["store", "list", "--store", fixture.store, "--passphrase-file", "-"],
            input: "not it\n"
        )
        #expect(wrong.exitCode == 1 && wrong.standardError.contains("wrong passphrase"))
        // split --secret-file -
        let split = try Self.ok(["split", "--json", "--secret-file", "-"], input: "sixteen bytes!!!")
        #expect(split.contains("\"identifier\""))
        // vectors verify -
        let vectors = try String(contentsOf: Paths.vectorsDirectory.appendingPathComponent("udf.json"), encoding: .utf8)
        let verified = try CommandRunner.run(["vectors", "verify", "-"], input: vectors)
        #expect(verified.exitCode == 0, "\(verified.standardError)")
        // store import --file -
        let imported = try fixture.run(["import", "--file", "-"], input: Self.seed + "\n")
        #expect(imported.exitCode != 0 || imported.standardOutput.hasPrefix("M"))
    }

    @Test func standardInputIsCappedAtSixteenMebibytes() throws {
        let big = String(repeating: "A", count: (16 << 20) + 1)
        for arguments in [
            ["recover"], ["print", "--text"], ["threshold", "combine", "--alg", "X25519"],
            ["recover", "--shares-file", "-"],
        ] {
            let result = try CommandRunner.run(arguments, input: big)
            #expect(result.exitCode == 1, "\(arguments)")
            #expect(result.standardError.contains("input_too_large"), "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty)
        }
        let vectors = try CommandRunner.run(["vectors", "verify", "-"], input: big)
        #expect(vectors.exitCode == 1 && vectors.standardError.contains("input_too_large"), "\(vectors.standardError)")
    }

    /// A PNG signature and an IHDR of 20000 × 20000 pixels: refused by its header, at once.
    @Test func aHugePNGIsRefusedBeforeDecoding() throws {
        let folder = try Folder()
        func big(_ value: UInt32) -> [UInt8] {
            [UInt8(value >> 24), UInt8(value >> 16 & 255), UInt8(value >> 8 & 255), UInt8(value & 255)]
        }
        let header =
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + big(13) + Array("IHDR".utf8) + big(20_000) + big(20_000)
            + [8, 0, 0, 0, 0] + big(0)
        try Data(header).write(to: URL(fileURLWithPath: folder.path("huge.png")))
        let start = ContinuousClock.now
        let result = try CommandRunner.run(["recover", "--scan", folder.path("huge.png")])
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(result.exitCode == 1)
        #expect(
            result.standardError.contains("image_too_large") && result.standardError.contains("20000 × 20000"),
            "\(result.standardError)"
        )
        try Data("GIF89a, not a PNG at all".utf8).write(to: URL(fileURLWithPath: folder.path("not.png")))
        let notPNG = try CommandRunner.run(["recover", "--scan", folder.path("not.png")])
        #expect(notPNG.exitCode == 1 && notPNG.standardError.contains("unsupported_image"), "\(notPNG.standardError)")
    }

    /// `recover --scan -` reads the PNG from standard input (the page of one share; the other share as an
    /// argument).
    @Test func scanReadsThePNGFromStandardInput() throws {
        let folder = try Folder()
        let set = try Self.split(["-t", "2", "-n", "2"])
        try Self.ok([
            "print", "--shares-file", folder.write("shares", set.shares.joined(separator: "\n")), "--out",
            folder.path("s.pdf"),
        ])
        let pdftoppm = Process()
        pdftoppm.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        pdftoppm.arguments = [
            "pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", folder.path("s.pdf"), folder.path("page"),
        ]
        try pdftoppm.run()
        pdftoppm.waitUntilExit()
        #expect(pdftoppm.terminationStatus == 0)
        let page = try #require(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.path).first {
                $0.hasPrefix("page") && $0.hasSuffix(".png")
            }
        )
        let meshkey = Paths.productsDirectory.appendingPathComponent("meshkey").path
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c", "exec \"$0\" recover \"$1\" --scan - < \"$2\"", meshkey, set.shares[1], folder.path(page),
        ]
        let output = Pipe()
        shell.standardOutput = output
        shell.standardError = FileHandle.nullDevice
        try shell.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(text == set.secret + "\n")
    }

    /// KELVIN SIGN (U+212A) is canonically equivalent to "K": a Swift `==` let it through `--identifier`.
    @Test func aKelvinSignInTheIdentifierIsNotTheIdentifier() throws {
        var found: (secret: String, identifier: String, shares: [String])?
        for _ in 0..<40 {
            let set = try Self.split()
            if set.identifier.contains("K") {
                found = set
                break
            }
        }
        let set = try #require(found)
        let kelvin = set.identifier.replacingOccurrences(of: "K", with: "\u{212A}")
        #expect(try Self.ok(["recover", "--identifier", set.identifier] + set.shares.prefix(3)) == set.secret + "\n")
        let refused = try CommandRunner.run(["recover", "--identifier", kelvin] + set.shares.prefix(3))
        #expect(
            refused.exitCode == 1 && refused.standardError.contains("identifier_mismatch"),
            "\(refused.standardError)"
        )
        #expect(refused.standardOutput.isEmpty)
        let printRefused = try CommandRunner.run(["print", "--text", "--identifier", kelvin] + set.shares.prefix(3))
        #expect(printRefused.exitCode == 1 && printRefused.standardError.contains("identifier_mismatch"))
    }

    @Test func aKelvinSignInExpectIsNotTheProfile() throws {
        let folder = try Folder()
        var profile: String?
        for index in 0..<30 {
            let output = try Self.ok(
                ["profile", "derive", "--seed-file", "-", "--document", folder.path("p\(index).json")],
                input: try Self.freshAccountSeed()
            )
            let udf = String(output.split(separator: "\n")[0])
            if udf.contains("K") {
                profile = udf
                _ = folder.write("doc.json", try String(contentsOfFile: folder.path("p\(index).json"), encoding: .utf8))
                break
            }
        }
        let udf = try #require(profile)
        #expect(try Self.ok(["profile", "verify", folder.path("doc.json"), "--expect", udf]).contains(udf))
        let refused = try CommandRunner.run([
            "profile", "verify", folder.path("doc.json"), "--expect",
            udf.replacingOccurrences(of: "K", with: "\u{212A}"),
        ])
        #expect(refused.exitCode == 1, "\(refused.standardError)")
    }

    /// A new account seed UDF, from a fresh store's profile.
    static func freshAccountSeed() throws -> String {
        let fixture = try StoreCLITests.Fixture()
        let profile = try fixture.run([
            "export",
            try StoreCLITests.udf(
                try CommandRunner.run([
                    "profile", "create", "--exportable", "--store", fixture.store, "--passphrase-file",
                    fixture.passphraseFile,
                ])
            ),
            "--format", "udf", "--private",
        ])
        return profile.standardOutput
    }

    #if os(Linux)
    /// meshkey cannot be dumped and writes no core file (item 8): started with core files allowed,
    /// a `meshkey recover` waiting on standard input has both RLIMIT_CORE limits at 0, and its /proc/PID/mem
    /// and status belong to root although it runs as another user (the kernel's sign of PR_SET_DUMPABLE 0).
    /// The same launch of `sleep` is the control: its entries belong to its user.
    @Test func meshkeyIsNotDumpableAndWritesNoCoreFile() throws {
        let meshkey = Paths.productsDirectory.appendingPathComponent("meshkey").path
        let user: UInt32 = getuid() == 0 ? 65534 : getuid()
        func launch(_ command: [String]) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            var arguments = [
                "-c", "ulimit -H -c unlimited 2>/dev/null; ulimit -S -c unlimited 2>/dev/null; exec \"$@\"", "sh",
            ]
            if getuid() == 0 { arguments += ["setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups", "--"] }
            process.arguments = arguments + command
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, input)
        }
        func field(_ file: String, _ prefix: String) -> [String]? {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
            return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map {
                $0.dropFirst(prefix.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            }
        }
        /// The owner of /proc/PID/mem and /proc/PID/status (the kernel gives them to root when the process is
        /// not dumpable); nil when they differ or cannot be read.
        func owner(_ pid: Int32) -> UInt32? {
            let owners = ["mem", "status"].map { name -> UInt32? in
                var status = stat()
                return stat("/proc/\(pid)/\(name)", &status) == 0 ? status.st_uid : nil
            }
            return owners[0] == owners[1] ? owners[0] : nil
        }
        /// Waits until `pid` runs `executable` as `user` (after setpriv and exec), then until `ready`.
        func wait(_ pid: Int32, _ executable: String, ready: () -> Bool = { true }) -> Bool {
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
                if exe.hasSuffix(executable), field("/proc/\(pid)/status", "Uid:")?.first == String(user), ready() {
                    return true
                }
                usleep(10_000)
            }
            return false
        }

        func coreLimits(_ pid: Int32) -> [String] {
            Array((field("/proc/\(pid)/limits", "Max core file size") ?? []).filter { !$0.isEmpty }.prefix(2))
        }

        // Control: sleep, launched the same way, is dumpable: its /proc entries belong to its user.
        let (sleeper, sleeperInput) = try launch(["/bin/sleep", "30"])
        defer {
            sleeper.terminate()
            try? sleeperInput.fileHandleForWriting.close()
        }
        #expect(wait(sleeper.processIdentifier, "/sleep"))
        #expect(owner(sleeper.processIdentifier) == user)
        let inherited = coreLimits(sleeper.processIdentifier)

        let (process, input) = try launch([meshkey, "recover"])
        let pid = process.processIdentifier
        // Ready once the kernel gives its entries to root (PR_SET_DUMPABLE 0); never, if meshkey stays dumpable.
        let hardened = wait(pid, "/meshkey") { owner(pid) == 0 }
        #expect(
            hardened,
            "the /proc entries of meshkey belong to uid \(owner(pid).map(String.init) ?? "?"): it is dumpable"
        )
        #expect(coreLimits(pid) == ["0", "0"], "RLIMIT_CORE of meshkey: \(coreLimits(pid)); started with \(inherited)")
        // The control shows the limit was lowered by meshkey, unless this environment already starts at 0/0.
        if inherited != ["0", "0"] { #expect(inherited != coreLimits(pid)) }
        #expect(user != 0)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)  // no shares on standard input
    }
    #endif
}
