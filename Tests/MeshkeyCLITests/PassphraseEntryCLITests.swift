import Foundation
import TestSupport
import Testing

/// The paper and recovery review, as a user types it: at a terminal a wrong passphrase (opening a store) or two entries
/// that differ (a new passphrase) may be typed again, three tries in all; `store init` says "new passphrase";
/// a weak new passphrase draws a warning; `--passphrase-fd N` reads an inherited descriptor.
@Suite struct PassphraseEntryCLITests {
    typealias Fixture = StoreCLITests.Fixture

    /// Runs meshkey on a pseudo-terminal and types the answers one by one, each once a new passphrase prompt
    /// has appeared: the exit code, the number of prompts seen and the whole output.
    static func pty(_ arguments: [String], answers: [String]) throws -> (rc: Int, prompts: Int, output: String) {
        let prompt = "(Passphrase for |New passphrase|Repeat the new passphrase)"
        let run = try PseudoTerminal.run(
            Paths.productsDirectory.appendingPathComponent("meshkey").path,
            arguments,
            steps: answers.map { .type($0, after: prompt) },
            count: prompt,
            removingEnvironment: ["MESHKEY_PASSPHRASE", "MESHKEY_NEW_PASSPHRASE"]
        )
        return (run.exitCode, run.matches, run.output)
    }

    struct Run {
        let exitCode: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Runs `bash -c script meshkey arguments…` (the built meshkey is `$0`), so that the script can open
    /// extra descriptors for it (`3<file`).
    static func bash(_ script: String, _ arguments: [String], folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, Paths.productsDirectory.appendingPathComponent("meshkey").path] + arguments
        let errorPath = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorPath.path, contents: nil)
        let error = try FileHandle(forWritingTo: errorPath)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try error.close()
        let errorText = (try? String(contentsOf: errorPath, encoding: .utf8)) ?? ""
        return Run(
            exitCode: process.terminationStatus,
            standardOutput: String(decoding: data, as: UTF8.self),
            standardError: errorText
        )
    }

    // MARK: wrong passphrase at a terminal

    @Test func wrongWrongRightOpensTheStore() throws {
        let fixture = try Fixture()
        let key = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519", "--label", "work"]))
        let result = try Self.pty(
            ["store", "list", "--store", fixture.store],
            answers: ["not it", "still not it", "open sesame"]
        )
        #expect(result.rc == 0, "\(result.output)")
        #expect(result.prompts == 3)
        #expect(result.output.contains("Wrong passphrase; try again (attempt 2 of 3)."))
        #expect(result.output.contains("Wrong passphrase; try again (attempt 3 of 3)."))
        #expect(result.output.contains(key))
        #expect(!result.output.contains("open sesame"), "no echo")
    }

    @Test func threeWrongPassphrasesGiveTheNamedError() throws {
        let fixture = try Fixture()
        let result = try Self.pty(
            ["store", "list", "--store", fixture.store],
            answers: ["one", "two", "three", "open sesame"]
        )
        #expect(result.rc == 1)
        #expect(result.prompts == 3, "no fourth prompt: \(result.output)")
        #expect(result.output.contains("meshkey store list: wrong_passphrase:"))
    }

    @Test func aFileGivesOneTryAsBefore() throws {
        let fixture = try Fixture()
        let wrong = fixture.write("wrong", "not it\n")
        let result = try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", wrong])
        #expect(result.exitCode == 1 && result.standardError.contains("wrong_passphrase"))
        #expect(!result.standardError.contains("try again"))
    }

    // MARK: a new passphrase at a terminal

    @Test func initAsksAgainWhenTheEntriesDiffer() throws {
        let fixture = try Fixture(create: false)
        let passphrase = "correct horse battery staple"
        let result = try Self.pty(
            ["store", "init", "--kdf-cost", "10", "--store", fixture.store],
            answers: [passphrase, "correct horse battery stapel", passphrase, passphrase]
        )
        #expect(result.rc == 0, "\(result.output)")
        #expect(result.prompts == 4)
        #expect(result.output.contains("New passphrase for \(fixture.store): "))
        #expect(result.output.contains("Repeat the new passphrase: "))
        #expect(result.output.contains("The two passphrases differ; try again (attempt 2 of 3)."))
        #expect(!result.output.contains("weak_passphrase"))
        // The passphrase typed the second time is the store's.
        let file = fixture.write("typed", passphrase + "\n")
        let list = try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", file])
        #expect(list.exitCode == 0, "\(list.standardError)")
    }

    @Test func threeMismatchesCreateNoStore() throws {
        let fixture = try Fixture(create: false)
        let result = try Self.pty(
            ["store", "init", "--kdf-cost", "10", "--store", fixture.store],
            answers: ["aaaa bbbb cccc 1", "x", "aaaa bbbb cccc 2", "y", "aaaa bbbb cccc 3", "z"]
        )
        #expect(result.rc == 1)
        #expect(result.prompts == 6)
        #expect(result.output.contains("meshkey store init: the two passphrases differ"))
        #expect(!FileManager.default.fileExists(atPath: fixture.store + "/store.json"))
    }

    @Test func passwdRetriesTheCurrentPassphraseAndSaysNew() throws {
        let fixture = try Fixture()
        let result = try Self.pty(
            ["store", "passwd", "--store", fixture.store],
            answers: ["wrong", "open sesame", "a new long passphrase", "a new long passphrase"]
        )
        #expect(result.rc == 0, "\(result.output)")
        #expect(result.output.contains("Wrong passphrase; try again (attempt 2 of 3)."))
        #expect(result.output.contains("New passphrase: ") && result.output.contains("Repeat the new passphrase: "))
        let file = fixture.write("new", "a new long passphrase\n")
        #expect(
            try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", file]).exitCode == 0
        )
    }

    // MARK: weak passphrase warning

    @Test func aWeakNewPassphraseIsWarnedAboutButAccepted() throws {
        let fixture = try Fixture(create: false)
        let short = fixture.write("short", "hunter2\n")
        let made = try CommandRunner.run([
            "store", "init", "--kdf-cost", "10", "--store", fixture.store, "--passphrase-file", short,
        ])
        #expect(made.exitCode == 0)
        #expect(
            made.standardError.contains(
                "meshkey store init: warning: weak_passphrase: the new passphrase has fewer than 12 characters"
            )
        )
        #expect(!made.standardError.contains("hunter2"))
        // Opening is never warned about.
        let list = try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", short])
        #expect(list.exitCode == 0 && !list.standardError.contains("weak_passphrase"))
        // Low variety at any length; passwd warns about the new passphrase too.
        let repetitive = fixture.write("repetitive", "abababababababababab\n")
        let changed = try CommandRunner.run([
            "store", "passwd", "--store", fixture.store, "--passphrase-file", short,
            "--new-passphrase-file", repetitive,
        ])
        #expect(changed.exitCode == 0)
        #expect(changed.standardError.contains("meshkey store passwd: warning: weak_passphrase:"))
        let strong = fixture.write("strong", "plaid otter vending 42 lantern\n")
        let again = try CommandRunner.run([
            "store", "passwd", "--store", fixture.store, "--passphrase-file", repetitive,
            "--new-passphrase-file", strong,
        ])
        #expect(again.exitCode == 0 && !again.standardError.contains("weak_passphrase"), "\(again.standardError)")
    }

    // MARK: --passphrase-fd

    @Test func passphraseFromAnInheritedDescriptor() throws {
        let fixture = try Fixture(create: false)
        let file = fixture.write("pass", "plaid otter vending 42 lantern\n")
        let made = try Self.bash(
            #""$0" store init --kdf-cost 10 --store "$1" --passphrase-fd 3 3<"$2""#,
            [fixture.store, file],
            folder: fixture.folder
        )
        #expect(made.exitCode == 0, "\(made.standardError)")
        let generated = try Self.bash(
            #""$0" store generate --alg Ed25519 --label fd --store "$1" --passphrase-fd 7 7<"$2""#,
            [fixture.store, file],
            folder: fixture.folder
        )
        #expect(generated.exitCode == 0, "\(generated.standardError)")
        let key = generated.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("M"))
        // The same passphrase from a file opens it: the descriptor gave exactly the first line.
        let list = try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", file])
        #expect(list.exitCode == 0 && list.standardOutput.contains(key))
        // A wrong passphrase on the descriptor: one try, the named error.
        let wrong = fixture.write("wrong", "not it\n")
        let refused = try Self.bash(
            #""$0" store list --store "$1" --passphrase-fd 3 3<"$2""#,
            [fixture.store, wrong],
            folder: fixture.folder
        )
        #expect(refused.exitCode == 1 && refused.standardError.contains("wrong_passphrase"))
        // passwd: old and new from two descriptors.
        let new = fixture.write("new", "another fine passphrase 7\n")
        let changed = try Self.bash(
            #""$0" store passwd --store "$1" --passphrase-fd 3 --new-passphrase-fd 4 3<"$2" 4<"$3""#,
            [fixture.store, file, new],
            folder: fixture.folder
        )
        #expect(changed.exitCode == 0, "\(changed.standardError)")
        #expect(
            try CommandRunner.run(["store", "list", "--store", fixture.store, "--passphrase-file", new]).exitCode == 0
        )
    }
}
