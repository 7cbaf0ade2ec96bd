import ArgumentParser

extension Meshkey {
    struct Vectors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Conformance vectors.",
            subcommands: [Verify.self])
    }
}
