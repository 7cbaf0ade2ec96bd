import ArgumentParser

extension Meshkey {
    struct Overlay: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "overlay",
            abstract: "Key co-generation: make, apply and check a key overlay (composite = base + contribution).",
            subcommands: [Create.self, Apply.self, Verify.self]
        )
    }
}
