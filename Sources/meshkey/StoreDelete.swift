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
                """)

        @OptionGroup var options: StoreOptions

        @Argument(help: "The entry's UDF.")
        var udf: String

        @Option(name: .customLong("share"), help: "An escrow share (S…) proving an account seed may go; repeat for each share. Secret: visible to other local users as arguments (prefer --shares-file).")
        var shares: [String] = []

        @Option(help: "Read the escrow shares proving an account seed from this file, one per line (secret input; `-` is standard input).")
        var sharesFile: String?

        @Flag(help: "Delete an account seed without shares (shares given are still checked). Its only other copy may be the paper shares: check them first.")
        var force = false

        @Flag(help: "Do not ask for confirmation when standard input is a terminal.")
        var yes = false

        func run() throws {
            let command = "store delete"
            let store = try options.open(command: command)
            let proof = try Meshkey.Profile.Purge.proof(shares: shares, file: sharesFile, force: force, command: command)
            let entry: StoreEntry?
            do { entry = try store.checkRemoval(udf: udf, proof: proof) } catch { fail(command, error) }
            Confirmation.require("Delete \(Confirmation.name(entry, udf: udf))?", yes: yes, command: command)
            do { try store.remove(udf: udf, mode: .delete, proof: proof) } catch { fail(command, error) }
            Terminal.print("deleted \(udf.uppercased())")
        }
    }
}
