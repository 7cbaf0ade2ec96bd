import Foundation
import TestSupport
import Testing

/// The security review, as a user runs it: the header swap, `passwd` rotation (and ≥ 100 kills of it), unprotected
/// stores, and the store's small findings (FIFO, HOME, passphrase file mode, profile documents under the
/// lock, the terminal prompt's echo and length).
@Suite struct StoreProtectionCLITests {
    typealias Fixture = StoreCLITests.Fixture

    struct Outcome {
        let exitCode: Int32
        let standardOutput: String
        let standardError: String
        let timedOut: Bool
    }

    /// Runs the built meshkey with `environment` (nil: inherited) and a time limit.
    static func run(
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: String? = nil,
        timeout: Double = 60
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = Paths.productsDirectory.appendingPathComponent("meshkey")
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let folder = FileManager.default.temporaryDirectory
        let outFile = folder.appendingPathComponent("meshkey-out-\(UUID().uuidString)")
        let errFile = folder.appendingPathComponent("meshkey-err-\(UUID().uuidString)")
        for file in [outFile, errFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        defer { for file in [outFile, errFile] { try? FileManager.default.removeItem(at: file) } }
        let out = try FileHandle(forWritingTo: outFile)
        let err = try FileHandle(forWritingTo: errFile)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Outcome(
            exitCode: process.terminationStatus,
            standardOutput: String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
            standardError: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self),
            timedOut: timedOut
        )
    }

    static func listed(_ output: String) -> Set<String> {
        Set(output.split(separator: "\n").map { String($0.split(separator: " ")[0]) })
    }

    static func environment(passphrase: String? = nil) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "MESHKEY_PASSPHRASE")
        if let passphrase { environment["MESHKEY_PASSPHRASE"] = passphrase }
        return environment
    }

    /// The attack: `store.json` replaced by `{"protection":"none","master_key_unprotected":…}`.
    /// `store generate`, `profile create`, `store import` and `passwd` are refused with a named error, with or
    /// without `--unprotected`, and the store is unchanged.
    @Test func swappedHeaderIsRefusedBeforeAnythingIsWritten() throws {
        let fixture = try Fixture()
        _ = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519"]))
        let planted = String(repeating: "07", count: 32)
        let swapped =
            "{\"created\":\"2026-12-03T00:00:00Z\",\"format\":1,\"master_key_unprotected\":\"\(planted)\",\"protection\":\"none\"}\n"
        _ = FileManager.default.createFile(
            atPath: fixture.store + "/store.json",
            contents: Data(swapped.utf8),
            attributes: [.posixPermissions: 0o600]
        )
        let before = try fixture.snapshot()
        let key = String(repeating: "5a", count: 32)
        let store = ["--store", fixture.store]
        let withFile = store + ["--passphrase-file", fixture.passphraseFile]
        let attempts: [([String], [String: String]?, String)] = [
            (["store", "generate", "--alg", "Ed25519"] + withFile, nil, "unprotected_store"),
            (["profile", "create"] + withFile, nil, "unprotected_store"),
            (["store", "import", "--alg", "Ed25519", key] + withFile, nil, "unprotected_store"),
            (
                ["store", "generate", "--alg", "Ed25519"] + store, Self.environment(passphrase: "open sesame"),
                "unprotected_store"
            ),
            (["store", "generate", "--alg", "Ed25519"] + store, Self.environment(), "unprotected_store"),
            (["store", "generate", "--alg", "Ed25519", "--unprotected"] + store, nil, "header_mismatch"),
            (["profile", "create", "--unprotected"] + store, nil, "header_mismatch"),
            (["store", "import", "--alg", "Ed25519", key, "--unprotected"] + store, nil, "header_mismatch"),
            (
                ["store", "passwd", "--unprotected", "--new-passphrase-file", fixture.passphraseFile] + store, nil,
                "tampered_entry"
            ),
        ]
        for (arguments, environment, code) in attempts {
            let result = try Self.run(arguments, environment: environment)
            #expect(result.exitCode == 1, "\(arguments): \(result.standardError)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
            #expect(
                result.standardError.split(separator: "\n").count == 1 && result.standardError.contains(code),
                "\(arguments): \(result.standardError)"
            )
            #expect(try fixture.snapshot() == before, "\(arguments) changed the store")
        }
    }

    /// The security review's scenario: after `passwd`, the old `store.json` with the old passphrase opens no
    /// entry, old or new, and a write through it is refused; the new passphrase opens everything.
    @Test func oldHeaderAfterPasswdOpensNothing() throws {
        let fixture = try Fixture()
        var udfs = Set([
            StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519"])),
            StoreCLITests.udf(try fixture.run(["generate", "--alg", "X448"])),
        ])
        let oldHeader = try Data(contentsOf: URL(fileURLWithPath: fixture.store + "/store.json"))
        let oldEntries = try fixture.snapshot()
        let newFile = fixture.write("new-passphrase", "a new one\n")
        let passwd = try fixture.run(["passwd", "--new-passphrase-file", newFile])
        #expect(passwd.exitCode == 0 && passwd.standardOutput.contains("master key rotated"))
        for udf in udfs {
            #expect(try fixture.snapshot()[udf + ".json"] != oldEntries[udf + ".json"], "\(udf) was not re-sealed")
        }
        let newOptions = ["--store", fixture.store, "--passphrase-file", newFile]
        udfs.insert(StoreCLITests.udf(try CommandRunner.run(["store", "generate", "--alg", "Ed25519"] + newOptions)))
        let newHeader = try Data(contentsOf: URL(fileURLWithPath: fixture.store + "/store.json"))
        try oldHeader.write(to: URL(fileURLWithPath: fixture.store + "/store.json"))
        let before = try fixture.snapshot()
        let list = try fixture.run(["list"])
        #expect(list.exitCode == 1 && list.standardOutput.isEmpty)
        #expect(list.standardError.split(separator: "\n").count == 3 && list.standardError.contains("tampered_entry"))
        let write = try fixture.run(["generate", "--alg", "Ed25519"])
        #expect(write.exitCode == 1 && write.standardError.contains("header_mismatch") && write.standardOutput.isEmpty)
        #expect(try fixture.snapshot() == before)
        try newHeader.write(to: URL(fileURLWithPath: fixture.store + "/store.json"))
        let current = try CommandRunner.run(["store", "list"] + newOptions)
        #expect(current.exitCode == 0 && Self.listed(current.standardOutput) == udfs)
    }

    /// `passwd` on an unprotected store sets a passphrase and a new master key.
    @Test func passwdOnAnUnprotectedStoreGeneratesANewMasterKey() throws {
        let fixture = try Fixture(create: false)
        #expect(
            try fixture.run(["init", "--kdf-cost", "10", "--insecure-no-passphrase"], passphrase: false).exitCode == 0
        )
        let udf = StoreCLITests.udf(
            try fixture.run(["generate", "--alg", "Ed25519", "--unprotected"], passphrase: false)
        )
        let header = try String(contentsOfFile: fixture.store + "/store.json", encoding: .utf8)
        let oldKey = try #require(
            header.split(separator: "\"").drop { $0 != "master_key_unprotected" }.dropFirst(2).first
        )
        let passwd = try fixture.run(
            ["passwd", "--unprotected", "--new-passphrase-file", fixture.passphraseFile],
            passphrase: false
        )
        #expect(passwd.exitCode == 0, "\(passwd.standardError)")
        let after = try String(contentsOfFile: fixture.store + "/store.json", encoding: .utf8)
        #expect(!after.contains(String(oldKey)) && !after.contains("master_key_unprotected"))
        #expect(try fixture.run(["list"]).standardOutput.contains(udf))
        let unprotected = try fixture.run(["list", "--unprotected"], passphrase: false)
        #expect(unprotected.exitCode == 1 && unprotected.standardError.contains("passphrase_required"))
    }

    /// Kills `meshkey store passwd` with SIGKILL at random moments (≥ 100 kills) of a store of 30
    /// entries; after each, the store opens with exactly one of the two passphrases and lists every entry.
    @Test func killedPasswdLeavesOneCompleteStore() throws {
        let fixture = try Fixture()
        let second = fixture.write("second-passphrase", "another passphrase\n")
        var udfs: Set<String> = []
        for index in 0..<30 {
            udfs.insert(
                StoreCLITests.udf(try fixture.run(["generate", "--alg", index % 2 == 0 ? "Ed25519" : "X25519"]))
            )
        }
        var current = fixture.passphraseFile
        var next = second
        let binary = Paths.productsDirectory.appendingPathComponent("meshkey")
        func passwd() throws -> Process {
            let process = Process()
            process.executableURL = binary
            process.arguments = [
                "store", "passwd", "--store", fixture.store, "--passphrase-file", current, "--new-passphrase-file",
                next,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return process
        }
        // Time three complete runs, so that the kills spread over a whole run.
        var longest: UInt64 = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let process = try passwd()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            longest = max(longest, (DispatchTime.now().uptimeNanoseconds - start) / 1000)
            swap(&current, &next)
        }
        // The kill delay is uniform in [0, window]; the window follows the machine's load: it shrinks after
        // a run that finished before its kill and grows a little after a kill.
        var window = UInt32(max(longest, 5_000))
        var killed = 0
        var completed = 0
        var rounds = 0
        var keptOld = 0
        var becameNew = 0
        var halfDone = 0
        // At least 110 kills, and (up to 400 rounds) at least one after the commit and one before it.
        while (killed < 110 || becameNew == 0 || keptOld == 0) && rounds < 400 {
            rounds += 1
            let process = try passwd()
            usleep(UInt32.random(in: 0...window))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let wasKilled = process.terminationReason == .uncaughtSignal
            if wasKilled {
                killed += 1
                window = window / 20 * 21
            } else {
                completed += 1
                window = max(5_000, window / 4 * 3)
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: fixture.store)
            if names.contains(where: { $0.hasPrefix(".rotation-") }) { halfDone += 1 }
            let old = try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", current])
            let new = try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", next])
            #expect(
                (old.exitCode == 0) != (new.exitCode == 0),
                "round \(rounds): old \(old.standardError) new \(new.standardError)"
            )
            let opened = new.exitCode == 0 ? new : old
            #expect(Self.listed(opened.standardOutput) == udfs, "round \(rounds): \(opened.standardError)")
            #expect(
                !(try FileManager.default.contentsOfDirectory(atPath: fixture.store)).contains {
                    $0.hasPrefix(".rotation-")
                }
            )
            if new.exitCode == 0 {
                if wasKilled { becameNew += 1 }
                swap(&current, &next)
            } else if wasKilled {
                keptOld += 1
            }
        }
        #expect(killed >= 100, "killed \(killed) in \(rounds) rounds")
        // Kills landed before and after the commit, and some in the middle of a rotation.
        #expect(
            keptOld > 0 && becameNew > 0 && halfDone > 0,
            "kept old \(keptOld), became new \(becameNew), half done \(halfDone)"
        )
        let verify = try CommandRunner.run(["store", "verify", "--store", fixture.store, "--passphrase-file", current])
        #expect(
            verify.exitCode == 0 && verify.standardOutput.contains("30 entries verified, 0 failed"),
            "\(verify.standardOutput)"
        )
        let report =
            "passwd kill -9: rounds \(rounds), killed \(killed), completed \(completed), killed-kept-old \(keptOld), killed-became-new \(becameNew), half-done-found \(halfDone), window \(window) µs\n"
        if let path = ProcessInfo.processInfo.environment["MESHKEY_PASSWD_CRASH_REPORT"] {
            try? report.write(toFile: path, atomically: true, encoding: .utf8)
        }
        print(report, terminator: "")
    }

    /// A FIFO named like an entry: `store list` names it and does not hang.
    @Test func fifoNamedLikeAnEntryDoesNotHangList() throws {
        let fixture = try Fixture()
        let udf = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519"]))
        #expect(mkfifo(fixture.store + "/MAAA-BBBB-CCCC.json", 0o600) == 0)
        let list = try Self.run(
            ["store", "list", "--store", fixture.store, "--passphrase-file", fixture.passphraseFile],
            timeout: 20
        )
        #expect(!list.timedOut, "store list hangs on a FIFO")
        #expect(list.exitCode == 1 && list.standardOutput.contains(udf))
        #expect(
            list.standardError.contains("MAAA-BBBB-CCCC") && list.standardError.contains("FIFO"),
            "\(list.standardError)"
        )
    }

    /// HOME unset (or relative) and no other location: refused by name; nothing made in the working folder.
    @Test func noHomeIsRefused() throws {
        let fixture = try Fixture()
        var environment = Self.environment()
        for name in ["HOME", "MESHKEY_HOME", "XDG_DATA_HOME"] { environment.removeValue(forKey: name) }
        for home in [nil, "relative"] as [String?] {
            var env = environment
            if let home { env["HOME"] = home }
            for arguments in [
                ["store", "init", "--kdf-cost", "10", "--passphrase-file", fixture.passphraseFile],
                ["store", "list", "--passphrase-file", fixture.passphraseFile], ["store", "status"],
            ] {
                let result = try Self.run(arguments, environment: env, directory: fixture.folder.path)
                #expect(
                    result.exitCode == 1 && result.standardError.contains("no_home"),
                    "\(arguments): \(result.standardError)"
                )
                #expect(result.standardError.split(separator: "\n").count == 1)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.path + "/.local"))
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.path + "/relative"))
    }

    /// A passphrase file that group or others may read is refused with a clear line (as ssh does).
    @Test func loosePassphraseFileIsRefused() throws {
        let fixture = try Fixture()
        let loose = fixture.write("loose", "open sesame\n")
        chmod(loose, 0o644)
        let before = try fixture.snapshot()
        for arguments in [
            ["list", "--passphrase-file", loose],
            ["passwd", "--new-passphrase-file", loose, "--passphrase-file", fixture.passphraseFile],
        ] {
            let result = try fixture.run(arguments, passphrase: false)
            #expect(
                result.exitCode == 1 && result.standardError.contains("insecure_permissions")
                    && result.standardError.contains("0644"),
                "\(result.standardError)"
            )
            #expect(
                result.standardError.contains("chmod 600") && result.standardError.split(separator: "\n").count == 1
            )
        }
        #expect(try fixture.snapshot() == before)
        chmod(loose, 0o600)
        #expect(try fixture.run(["list", "--passphrase-file", loose], passphrase: false).exitCode == 0)
    }

    /// The profile document is written under the store's exclusive lock: while another process holds
    /// the lock, `profile recover` (whose seed is already stored) writes nothing.
    @Test func profileDocumentIsWrittenUnderTheLock() throws {
        let fixture = try Fixture()
        let options = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        let profile = try CommandRunner.run(["profile", "create"] + options).standardOutput.trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let escrow = try CommandRunner.run(["profile", "escrow", "-t", "2", "-n", "3"] + options)
        let shares = escrow.standardOutput.split(separator: "\n").map(String.init).filter { $0.hasPrefix("S") }
        #expect(shares.count == 3, "\(escrow.standardOutput)")
        let document = fixture.store + "/" + profile + ".profile"
        try FileManager.default.removeItem(atPath: document)
        let holder = open(fixture.store + "/lock", O_RDWR)
        #expect(holder >= 0 && flock(holder, LOCK_SH) == 0)
        let process = Process()
        process.executableURL = Paths.productsDirectory.appendingPathComponent("meshkey")
        process.arguments = ["profile", "recover", "--expect", profile] + shares.prefix(2) + options
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(1_500_000)
        let waited = process.isRunning
        let names = try FileManager.default.contentsOfDirectory(atPath: fixture.store)
        flock(holder, LOCK_UN)
        close(holder)
        process.waitUntilExit()
        #expect(waited, "profile recover did not wait for the store's lock")
        #expect(!names.contains { $0.hasSuffix(".profile") || $0.hasPrefix(".tmp-") }, "\(names)")
        #expect(process.terminationStatus == 0 && FileManager.default.fileExists(atPath: document))
    }

    // MARK: The terminal prompt, through a pseudo-terminal

    /// `store list` on a pseudo-terminal: at the passphrase prompt, `mode` is a signal (`INT`, `TERM`) sent
    /// or the number of `a`s typed.
    static func pty(_ store: String, _ mode: String) throws -> [String: String] {
        let step: PseudoTerminal.Step =
            ["INT", "TERM"].contains(mode)
            ? .signal(mode, after: "Passphrase") : .type(String(repeating: "a", count: Int(mode)!), after: "Passphrase")
        let run = try PseudoTerminal.run(
            Paths.productsDirectory.appendingPathComponent("meshkey").path,
            ["store", "list", "--store", store],
            steps: [step]
        )
        return [
            "prompt": run.stepsTaken == 1 ? "True" : "False",
            "echo-during": run.echoAtSteps.first.map { $0 ? "True" : "False" } ?? "",
            "rc": String(run.exitCode), "echo-after": run.echoAfter ? "True" : "False", "output": run.output,
        ]
    }

    /// SIGINT or SIGTERM at the passphrase prompt: the terminal's echo is back afterwards.
    @Test(arguments: ["INT", "TERM"]) func signalAtThePromptRestoresEcho(signal: String) throws {
        let fixture = try Fixture()
        let result = try Self.pty(fixture.store, signal)
        #expect(result["prompt"] == "True", "\(result)")
        #expect(result["echo-during"] == "False", "echo was on at the prompt: \(result)")
        #expect(result["rc"] == (signal == "INT" ? "-2" : "-15"), "\(result)")
        #expect(result["echo-after"] == "True", "echo stays off after SIG\(signal): \(result)")
    }

    /// A typed passphrase longer than 1024 bytes is refused, not truncated: a store whose passphrase is
    /// the first 1024 of them does not open.
    @Test func longTerminalPassphraseIsRefusedNotTruncated() throws {
        let fixture = try Fixture(create: false)
        let init_ = try Self.run(
            ["store", "init", "--kdf-cost", "10", "--store", fixture.store],
            environment: Self.environment(passphrase: String(repeating: "a", count: 1024))
        )
        #expect(init_.exitCode == 0, "\(init_.standardError)")
        let long = try Self.pty(fixture.store, "1100")
        #expect(long["rc"] == "1" && long["output"]?.contains("passphrase_too_long") == true, "\(long)")
        #expect(long["echo-after"] == "True")
        let exact = try Self.pty(fixture.store, "1024")
        #expect(exact["rc"] == "0", "\(exact)")
    }
}
