import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeyStore
import MeshKeys
import MeshMath
import MeshUDF
import MeshkeyKit

extension Meshkey.Profile {
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Recover a master profile from escrow shares into this key store.",
            discussion: """
                Shares (arguments, or one per line on standard input) → account seed → all seven keys → profile \
                UDF, checked before anything is written: with --expect a different UDF is an error and the store \
                is left unchanged. --dry-run reports what would be installed and writes nothing. Otherwise the seed \
                is stored (not exportable) and the signed profile document rewritten. With --commitments DOC every share is \
                checked against the set's commitment document first; without it, exactly the threshold and no --expect, \
                a warning says that nothing was checked.
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var shareSource: ShareSourceOptions

        @Option(help: "The profile UDF the shares must restore (from the share sheet or the published profile).")
        var expect: String?

        @Flag(help: "Check and report, write nothing.")
        var dryRun = false

        @Option(help: "The set's commitment document: every share is checked against it before anything is combined.")
        var commitments: String?

        func run() throws {
            let checked = try shareSource.checked()
            let document = try commitments.map(CommitmentFiles.read)
            let recovery = try ShareRecovery.recover(checked, commitments: document, checkedOtherwise: expect != nil)
            let profile = try MeshProfile(recoveredSecret: recovery.recovered.secret)
            try ProfileExpectation.check(profile.udf, expected: expect)
            let lines = Meshkey.Profile.lines(profile)
            if dryRun {
                recovery.notes.forEach(Terminal.note)
                Terminal.print(
                    (lines + [
                        "dry run: the account seed and profile document would be installed in \(try storeOptions.location()); nothing was written"
                    ]).joined(separator: "\n")
                )
                return
            }
            let store = try storeOptions.open()
            try store.installProfile(profile, expecting: expect)
            recovery.notes.forEach(Terminal.note)
            Terminal.print(lines.joined(separator: "\n"))
        }
    }
}
