import ArgumentParser

extension Meshkey {
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile",
            abstract: "Mesh master profiles: create, escrow, recover and purge; derive and verify.",
            subcommands: [Create.self, Escrow.self, Recover.self, Purge.self, Derive.self, Verify.self])
    }
}
