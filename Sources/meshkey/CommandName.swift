import ArgumentParser

/// The full name of the command being run (`store init`), for the `meshkey <command>: …` lines on standard
/// error. Set once by `Meshkey.main` before the command runs.
enum CommandName {
    nonisolated(unsafe) private(set) static var current = "meshkey"

    static func set(for command: any ParsableCommand.Type) {
        current = path(to: command, from: Meshkey.self, prefix: []).map { $0.joined(separator: " ") } ?? "meshkey"
    }

    private static func path(
        to command: any ParsableCommand.Type,
        from root: any ParsableCommand.Type,
        prefix: [String]
    ) -> [String]? {
        for child in root.configuration.subcommands {
            let name = child.configuration.commandName ?? String(describing: child).lowercased()
            if child == command { return prefix + [name] }
            if let found = path(to: command, from: child, prefix: prefix + [name]) { return found }
        }
        return nil
    }
}
