import ArgumentParser
import MeshEscrow
import MeshUDF
import MeshkeyKit

/// Options every `share` subcommand has: the document and the shares.
struct ShareInputOptions: ParsableArguments {
    @Option(help: "The set's commitment document (from split --commitments).")
    var commitments: String

    @Argument(
        help: "Share UDFs (S…), or the checked form from the sheets; read from standard input when none are given."
    )
    var shares: [String] = []

    /// The document and the shares given, paper checks verified (at least one share, or `insufficient_shares`);
    /// with `requireSet` they must also form one set verified against the document.
    func read(requireSet: Bool) throws -> (CommitmentDocument, CheckedShares) {
        let document = try CommitmentFiles.read(commitments)
        let checked = try ShareReading.checked(ShareReading.argumentsOrStandardInput(shares))
        if checked.isEmpty { throw CommandFailure("insufficient_shares", "no shares were given") }
        if requireSet { _ = try checked.shareSet(verifiedBy: document) }
        return (document, checked)
    }
}

extension Meshkey.Share {
    struct ShareVerify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check shares one by one against the set's commitment document (no other share needed).",
            discussion: """
                Each share is checked alone: g^y = ∏ A_j^(x^j) mod q. A share that is not on the committed polynomial \
                (mistyped, altered, of another split) is refused as share_mismatch, one of another kind of set as \
                foreign_share, one of the epoch before a reshare as wrong_epoch; exit code 1, naming the share. For \
                each good share one line `valid: share N (x=X): set …, epoch E, document M…`. The document's \
                signature is checked when it has one; an unsigned document gets a warning.
                """
        )

        @OptionGroup var input: ShareInputOptions

        func run() throws {
            let (document, checked) = try input.read(requireSet: false)
            let shares = try checked.verifyEach(against: document)
            CommitmentFiles.reportSigner(document)
            Terminal.print(
                shares.enumerated().map { index, share in
                    "valid: share \(index + 1) (x=\(share.x)): set \(document.setIdentifier), \(document.threshold) of \(document.shareCount), epoch \(document.epoch), document \(document.udf)"
                }.joined(separator: "\n")
            )
        }
    }
}
