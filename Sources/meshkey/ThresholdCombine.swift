import ArgumentParser

extension Meshkey.Threshold {
    struct Combine: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "combine",
            abstract: "Add the partial results of a quorum: the key agreement with the whole key.",
            discussion: """
                Each partial is validated and the sum must not be the neutral element. Prints the agreement: the u \
                coordinate for X keys (the same bytes as X25519/X448 with the whole key), the RFC 8032 encoding for \
                Edwards keys.
                """)

        @OptionGroup var options: CombineOptions

        func run() throws {
            try options.run(command: "threshold combine")
        }
    }
}
