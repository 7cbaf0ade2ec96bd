import ArgumentParser

extension Meshkey {
    struct Threshold: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "threshold",
            abstract: "Threshold decryption: split a private key into shares over L, and decrypt with a quorum.",
            subcommands: [Split.self, Partial.self, Combine.self]
        )
    }
}
