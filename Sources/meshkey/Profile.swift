import ArgumentParser

extension Meshkey {
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile",
            abstract: "Mesh master profiles: derive the account keys and the profile UDF.",
            subcommands: [Derive.self, Verify.self])
    }
}
