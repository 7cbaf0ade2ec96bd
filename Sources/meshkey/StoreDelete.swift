import ArgumentParser
import MeshKeyStore

extension Meshkey.Store {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete an entry's file (use purge to overwrite it first).",
            discussion: """
                A profile's account seed is deleted only with proof: escrow shares (--share, --shares-file) that \
                recover exactly the stored seed, as `profile purge` asks; or with --force. Without either it \
                is refused (proof_required) and nothing changes. \(Confirmation.helpText)
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
            let entry = try store.checkRemoval(udf: udf, proof: proof)
            try Confirmation.require("Delete \(Confirmation.name(entry, udf: udf))?", yes: yes)
            try store.remove(udf: udf, mode: .delete, proof: proof)
            Terminal.print("deleted \(udf.uppercased())")
        }
    }
}
