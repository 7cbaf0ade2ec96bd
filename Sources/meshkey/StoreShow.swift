import ArgumentParser
import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshMath

extension Meshkey.Store {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one entry (public data only; reads and checks only that entry's file)."
        )

        @OptionGroup var options: StoreOptions

        @Argument(help: "The entry's UDF.")
        var udf: String

        @Flag(help: "Print one JSON object.")
        var json = false

        func run() throws {
            let entry = try options.open().entry(udf: udf)
            if json {
                Terminal.print(Meshkey.Store.List.json(entry).text)
                return
            }
            Terminal.print("udf         \(entry.udf)")
            Terminal.print("type        \(entry.type.rawValue)")
            Terminal.print("algorithm   \(entry.algorithm)")
            Terminal.print("exportable  \(entry.exportable ? "yes" : "no")")
            Terminal.print("created     \(entry.created)")
            if let label = entry.label { Terminal.print("label       \(KeyLabel.displayed(label))") }
            if let key = entry.publicKey { Terminal.print("public      \(Hex.encode(key))") }
            if let group = entry.group, case .share(let curve) = entry.kind {
                Terminal.print("group       \(KeyFingerprint.udf(curve: curve, key: group))")
                Terminal.print("group key   \(Hex.encode(group))")
            }
        }
    }
}
