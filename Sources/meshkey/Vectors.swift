import ArgumentParser

extension Meshkey {
    struct Vectors: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "vectors",
            abstract: "Conformance vectors.",
            subcommands: [Verify.self]
        )
    }
}
