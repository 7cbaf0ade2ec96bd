import ArgumentParser

extension Meshkey {
    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "share",
            abstract: "Check and keep up a verifiable share set (one with a commitment document).",
            discussion: """
                A commitment document (`split --commitments FILE`, secrets of 32 to 64 bytes) lets one holder check \
                one sheet alone, and recovery name a bad or foreign share even with exactly the threshold. Upkeep \
                (recreate, extend, reshare) starts from at least the threshold of shares verified against it.
                """,
            subcommands: [ShareVerify.self, ShareRecreate.self, ShareExtend.self, ShareReshare.self, ShareConfirm.self]
        )
    }
}
