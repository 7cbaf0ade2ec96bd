import ArgumentParser

extension Meshkey {
    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key",
            abstract: "Generate keys, or derive them from seeds (Ed25519, Ed448, X25519, X448).",
            subcommands: [Generate.self, Derive.self]
        )
    }
}
