import ArgumentParser
import MeshKeyStore

extension Meshkey.Store {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Overwrite an entry's file with random data, flush it, then delete it.",
            discussion: """
                Overwriting is best effort: SSDs (wear levelling), journaling and copy-on-write file systems, \
                snapshots and backups may keep old copies of the sealed bytes. \(Confirmation.helpText)
                """)

        @OptionGroup var options: StoreOptions

        @Argument(help: "The entry's UDF.")
        var udf: String

        @Flag(help: "Do not ask for confirmation when standard input is a terminal.")
        var yes = false

        func run() throws {
            let store = try options.open(command: "store purge")
            // A tampered entry (which does not load) can still be purged.
            Confirmation.require("Overwrite and delete \(Confirmation.name(try? store.entry(udf: udf), udf: udf))?", yes: yes, command: "store purge")
            do { try store.purge(udf: udf) } catch { fail("store purge", error) }
            Terminal.print("purged \(udf.uppercased()): overwritten with random data and deleted")
            Terminal.print("note: overwriting is best effort on SSDs and journaling or copy-on-write file systems")
        }
    }
}
