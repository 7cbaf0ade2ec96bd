import ArgumentParser

extension Meshkey {
    struct Recrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recrypt",
            abstract: "Recryption: split a group key between a member and a service, and decrypt in two parts.",
            subcommands: [Split.self, Partial.self, Combine.self]
        )
    }
}
