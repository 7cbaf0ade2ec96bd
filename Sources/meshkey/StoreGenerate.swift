import ArgumentParser
import MeshCrypto
import MeshKeyStore

extension Meshkey.Store {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a key pair inside the store and print its UDF."
        )

        @OptionGroup var options: StoreOptions

        @Option(help: "Ed25519, Ed448, X25519 or X448.")
        var alg: String

        @Flag(help: "Never let the private key leave the store (export --private is refused).")
        var nonExportable = false

        @Option(help: "A label shown by list and show.")
        var label: String?

        func run() throws {
            guard let algorithm = KeyAlgorithm(rawValue: alg) else {
                throw CommandFailure("invalid_input", "--alg must be Ed25519, Ed448, X25519 or X448 (got \(alg))")
            }
            let entry = try options.open().generate(algorithm, exportable: !nonExportable, label: label)
            Terminal.print(entry.udf)
        }
    }
}
