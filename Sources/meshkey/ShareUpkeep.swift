import ArgumentParser
import MeshEscrow
import MeshUDF
import MeshkeyKit

extension Meshkey.Share {
    /// The x list of --index: "2" or "6,7".
    static func indices(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.map { Int($0.trimmingPrefix(while: { $0 == " " })) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
            throw CommandFailure("invalid_index", "--index is a comma-separated list of share numbers (got \(text))")
        }
        return values.map { $0! }
    }

    /// `share recreate` and `share extend`: the new shares, one per line.
    static func makeShares(_ kind: ShareSet.NewShares, input: ShareInputOptions, index: String) throws {
        let xs = try indices(index)
        let (document, checked) = try input.read(requireSet: true)
        let made = try checked.newShares(at: xs, kind, verifiedBy: document)
        CommitmentFiles.reportSigner(document)
        Terminal.print(made.map(\.text).joined(separator: "\n"))
    }

    struct ShareRecreate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recreate",
            abstract: "Remake lost sheets at their own index from a threshold of verified shares.",
            discussion: """
                Every share given is checked against the commitment document first; the lost share f(x) is then \
                computed from the first threshold of them (constant-time arithmetic) and is byte-identical to the \
                original sheet. Only indices the set issued (1 to its share count) and not among those given. \
                Prints the shares, one per line.
                """
        )

        @OptionGroup var input: ShareInputOptions

        @Option(help: "The lost share's index (x), or a comma-separated list.")
        var index: String

        func run() throws { try Meshkey.Share.makeShares(.recreate, input: input, index: index) }
    }

    struct ShareExtend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: "Add shares for new holders at new indices (existing sheets and the document unchanged).",
            discussion: """
                Every share given is checked against the commitment document first; the new shares f(x) are on the \
                same polynomial, so they verify against the same document. Indices above the set's share count, up \
                to 16. The threshold stays. Prints the shares, one per line.
                """
        )

        @OptionGroup var input: ShareInputOptions

        @Option(help: "The new shares' indices (x), comma-separated, e.g. 6,7.")
        var index: String

        func run() throws { try Meshkey.Share.makeShares(.extend, input: input, index: index) }
    }
}
