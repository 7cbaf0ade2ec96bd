import ArgumentParser
import MeshKeyStore

extension Meshkey.Store {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delete",
            abstract: "Delete an entry's file (use purge to overwrite it first).")

        @OptionGroup var options: StoreOptions

        @Argument(help: "The entry's UDF.")
        var udf: String

        func run() throws {
            let store = try options.open(command: "store delete")
            do { try store.delete(udf: udf) } catch { fail("store delete", error) }
            Terminal.print("deleted \(udf.uppercased())")
        }
    }
}
