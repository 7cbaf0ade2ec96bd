import ArgumentParser
import MeshKeyStore

extension Meshkey.Store {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Overwrite an entry's file with random data, flush it, then delete it.",
            discussion: """
                Overwriting is best effort: SSDs (wear levelling), journaling and copy-on-write file systems, \
                snapshots and backups may keep old copies of the sealed bytes. A profile's account seed is purged only \
                with proof, as `store delete` asks: escrow shares (--share, --shares-file) that recover exactly the \
                stored seed, or --force; otherwise it is refused (proof_required) and nothing changes. \
                \(Confirmation.helpText)
                """
        )

        @OptionGroup var options: StoreOptions

        @Argument(help: "The entry's UDF.")
        var udf: String

        @OptionGroup var removal: RemovalProofOptions

        @Flag(help: "Do not ask for confirmation when standard input is a terminal.")
        var yes = false

        func run() throws {
            let store = try options.open()
            let proof = try removal.proof()
            // A tampered entry (which does not load) can still be purged.
            let entry = try store.checkRemoval(udf: udf, proof: proof)
            try Confirmation.require("Overwrite and delete \(Confirmation.name(entry, udf: udf))?", yes: yes)
            try store.remove(udf: udf, mode: .purge, proof: proof)
            Terminal.print("purged \(udf.uppercased()): overwritten with random data and deleted")
            Terminal.print("note: overwriting is best effort on SSDs and journaling or copy-on-write file systems")
        }
    }
}
