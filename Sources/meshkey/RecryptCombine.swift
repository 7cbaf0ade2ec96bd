import ArgumentParser

extension Meshkey.Recrypt {
    struct Combine: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "combine",
            abstract: "Add the partial results: the key agreement with the group key.",
            discussion: """
                Each partial is validated and the sum must not be the neutral element. Prints the agreement: the u \
                coordinate for X keys (the same bytes as X25519/X448 with the whole group key), the RFC 8032 \
                encoding for Edwards keys. The partials are secret (their sum is the key agreement): give them with \
                --partial-file FILE (one per line; `-` is standard input) or on standard input; as arguments every \
                local user can read them (ps, /proc/PID/cmdline).
                """
        )

        @OptionGroup var options: CombineOptions

        func run() throws {
            try options.run()
        }
    }
}
