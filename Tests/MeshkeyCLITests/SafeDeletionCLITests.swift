import Foundation
import TestSupport
import Testing

/// The paper and recovery review, as a user runs it: `store delete` of an account seed needs the shares that recover it
/// (as `profile purge` does) or --force; `store delete`, `store purge` and `profile purge` ask for
/// confirmation when standard input is a terminal, and --yes skips the question.
@Suite struct SafeDeletionCLITests {
    typealias Fixture = StoreCLITests.Fixture

    static func lines(_ result: CommandResult) -> [String] {
        result.standardOutput.split(separator: "\n").map(String.init)
    }

    /// A store with a profile escrowed 2 of 3: (profile UDF, shares).
    static func profileStore(_ fixture: Fixture) throws -> (profile: String, shares: [String]) {
        let options = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        let created = try CommandRunner.run(["profile", "create"] + options)
        #expect(created.exitCode == 0, "\(created.standardError)")
        let profile = try #require(lines(created).first)
        let escrow = try CommandRunner.run(["profile", "escrow", "-t", "2", "-n", "3"] + options)
        #expect(escrow.exitCode == 0, "\(escrow.standardError)")
        return (profile, Array(lines(escrow).dropFirst()))
    }

    func entryExists(_ fixture: Fixture, _ udf: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(fixture.store)/\(udf).json")
    }

    @Test func deletingAnAccountSeedWithoutProofIsRefused() throws {
        let fixture = try Fixture()
        let (profile, _) = try Self.profileStore(fixture)
        let before = try fixture.snapshot()
        let refused = try fixture.run(["delete", profile])
        #expect(refused.exitCode == 1)
        #expect(
            refused.standardError.hasPrefix("meshkey store delete: proof_required: entry \(profile):"),
            "\(refused.standardError)"
        )
        #expect(refused.standardOutput.isEmpty)
        #expect(try fixture.snapshot() == before)
        // Other entries need no proof.
        let key = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519"]))
        #expect(try fixture.run(["delete", key]).exitCode == 0)
        #expect(!entryExists(fixture, key) && entryExists(fixture, profile))
    }

    @Test func theSharesThatRecoverTheSeedDeleteIt() throws {
        let fixture = try Fixture()
        let (profile, shares) = try Self.profileStore(fixture)
        #expect(entryExists(fixture, profile))
        let file = fixture.write("shares.txt", shares[2] + "\n" + shares[0] + "\n")
        let deleted = try fixture.run(["delete", profile, "--shares-file", file])
        #expect(deleted.exitCode == 0, "\(deleted.standardError)")
        #expect(deleted.standardOutput == "deleted \(profile)\n")
        #expect(!entryExists(fixture, profile))
        #expect(FileManager.default.fileExists(atPath: "\(fixture.store)/\(profile).profile"))
    }

    @Test func sharesAsOptionsAndOnStandardInputDeleteToo() throws {
        let fixture = try Fixture()
        let (profile, shares) = try Self.profileStore(fixture)
        let deleted = try fixture.run(["delete", profile, "--share", shares[1], "--share", shares[2]])
        #expect(deleted.exitCode == 0, "\(deleted.standardError)")
        #expect(!entryExists(fixture, profile))
        let other = try Fixture()
        let (otherProfile, otherShares) = try Self.profileStore(other)
        let piped = try other.run(
            ["delete", otherProfile, "--shares-file", "-"],
            input: otherShares.prefix(2).joined(separator: "\n") + "\n"
        )
        #expect(piped.exitCode == 0, "\(piped.standardError)")
        #expect(!entryExists(other, otherProfile))
    }

    @Test func anotherProfilesSharesAreRefused() throws {
        let fixture = try Fixture()
        let (profile, _) = try Self.profileStore(fixture)
        let other = try Fixture()
        let (_, otherShares) = try Self.profileStore(other)
        let before = try fixture.snapshot()
        let refused = try fixture.run(["delete", profile, "--share", otherShares[0], "--share", otherShares[1]])
        #expect(refused.exitCode == 1)
        #expect(
            refused.standardError.hasPrefix("meshkey store delete: shares_mismatch: entry \(profile):"),
            "\(refused.standardError)"
        )
        #expect(refused.standardOutput.isEmpty)
        #expect(try fixture.snapshot() == before)
        // --force does not override shares that are wrong: they are still checked.
        let forced = try fixture.run([
            "delete", profile, "--force", "--share", otherShares[0], "--share", otherShares[1],
        ])
        #expect(forced.exitCode == 1 && forced.standardError.contains("shares_mismatch"))
        #expect(try fixture.snapshot() == before)
    }

    /// `store purge` overwrites as well as deletes: it asks the same proof.
    @Test func purgingAnAccountSeedNeedsTheSameProof() throws {
        let fixture = try Fixture()
        let (profile, shares) = try Self.profileStore(fixture)
        let before = try fixture.snapshot()
        let refused = try fixture.run(["purge", profile])
        #expect(refused.exitCode == 1 && refused.standardOutput.isEmpty)
        #expect(
            refused.standardError.hasPrefix("meshkey store purge: proof_required: entry \(profile):"),
            "\(refused.standardError)"
        )
        #expect(try fixture.snapshot() == before)
        let purged = try fixture.run(["purge", profile, "--share", shares[1], "--share", shares[0]])
        #expect(purged.exitCode == 0, "\(purged.standardError)")
        #expect(!entryExists(fixture, profile))
    }

    @Test func forceDeletesWithoutShares() throws {
        let fixture = try Fixture()
        let (profile, _) = try Self.profileStore(fixture)
        let forced = try fixture.run(["delete", profile, "--force"])
        #expect(forced.exitCode == 0, "\(forced.standardError)")
        #expect(!entryExists(fixture, profile))
    }

    @Test func profilePurgeStillNeedsTheRightShares() throws {
        let fixture = try Fixture()
        let (profile, shares) = try Self.profileStore(fixture)
        let other = try Fixture()
        let (_, otherShares) = try Self.profileStore(other)
        let options = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        let before = try fixture.snapshot()
        let refused = try CommandRunner.run(["profile", "purge"] + otherShares.prefix(2) + options)
        #expect(
            refused.exitCode == 1 && refused.standardError.contains("shares_mismatch: entry \(profile)"),
            "\(refused.standardError)"
        )
        #expect(try fixture.snapshot() == before)
        let purged = try CommandRunner.run(["profile", "purge"] + shares.prefix(2) + options)
        #expect(purged.exitCode == 0, "\(purged.standardError)")
        #expect(!entryExists(fixture, profile))
    }

    // MARK: Confirmation on a terminal, through a pseudo-terminal

    /// Runs meshkey on a pseudo-terminal; answers `answer` once `[y/N]` appears (or runs to the end when
    /// `answer` is empty).
    static func pty(_ arguments: [String], answer: String) throws -> [String: String] {
        let question = #"\[y/N\]"#
        let run = try PseudoTerminal.run(
            Paths.productsDirectory.appendingPathComponent("meshkey").path,
            arguments,
            steps: answer.isEmpty ? [] : [.type(answer, after: question)],
            count: question
        )
        return ["rc": String(run.exitCode), "prompted": run.matches > 0 ? "True" : "False", "output": run.output]
    }

    /// The three destructive commands on the fixture's store: (arguments, the entry they remove).
    static func destructive(_ command: String, _ fixture: Fixture) throws -> (arguments: [String], entry: String) {
        let options = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        switch command {
        case "profile purge":
            let (profile, shares) = try profileStore(fixture)
            return (["profile", "purge"] + shares.prefix(2) + options, profile)
        case "store delete account seed":
            let (profile, shares) = try profileStore(fixture)
            return (["store", "delete", profile, "--share", shares[0], "--share", shares[1]] + options, profile)
        default:
            let key = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519", "--label", "work"]))
            return (command.split(separator: " ").map(String.init) + [key] + options, key)
        }
    }

    static let commands = ["store delete", "store purge", "profile purge", "store delete account seed"]

    /// Answering "n" at the terminal leaves the store unchanged; "y" goes on.
    @Test(arguments: commands) func answeringNoAtTheTerminalChangesNothing(command: String) throws {
        let fixture = try Fixture()
        let (arguments, entry) = try Self.destructive(command, fixture)
        let before = try fixture.snapshot()
        let declined = try Self.pty(arguments, answer: "n")
        #expect(declined["prompted"] == "True", "\(declined)")
        #expect(declined["output"]?.contains(entry) == true, "the question names the entry: \(declined)")
        #expect(declined["rc"] == "1", "\(declined)")
        #expect(declined["output"]?.contains("cancelled") == true, "\(declined)")
        #expect(try fixture.snapshot() == before)
        let confirmed = try Self.pty(arguments, answer: "y")
        #expect(confirmed["prompted"] == "True" && confirmed["rc"] == "0", "\(confirmed)")
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.store)/\(entry).json"))
    }

    /// --yes skips the question at a terminal.
    @Test(arguments: commands) func yesSkipsTheQuestion(command: String) throws {
        let fixture = try Fixture()
        let (arguments, entry) = try Self.destructive(command, fixture)
        let result = try Self.pty(arguments + ["--yes"], answer: "")
        #expect(result["prompted"] == "False" && result["rc"] == "0", "\(result)")
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.store)/\(entry).json"))
    }

    /// Standard input that is not a terminal: no question, as before (scripts keep working).
    @Test func noQuestionWhenStandardInputIsNotATerminal() throws {
        let fixture = try Fixture()
        let key = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519"]))
        let deleted = try fixture.run(["delete", key], input: "n\n")
        #expect(
            deleted.exitCode == 0 && !deleted.standardOutput.contains("[y/N]")
                && !deleted.standardError.contains("[y/N]")
        )
        #expect(!FileManager.default.fileExists(atPath: "\(fixture.store)/\(key).json"))
    }
}
