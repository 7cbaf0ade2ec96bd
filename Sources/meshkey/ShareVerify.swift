import ArgumentParser
import MeshEscrow
import MeshUDF

/// Options every `share` subcommand has: the document and the shares.
struct ShareInputOptions: ParsableArguments {
    @Option(help: "The set's commitment document (from split --commitments).")
    var commitments: String

    @Argument(help: "Share UDFs (S…), or the checked form from the sheets; read from standard input when none are given.")
    var shares: [String] = []

    /// The document and the parsed shares (each in its plain form), or one line and exit 1.
    func read(command: String, requireSet: Bool) -> (CommitmentDocument, [ShareUDF], [String]) {
        let document = CommitmentFiles.read(commitments, command: command)
        let (texts, origins) = Meshkey.Recover.sharesFromArgumentsOrStandardInput(shares)
        let plain: [String]
        do { plain = try Meshkey.Recover.checkPaperForms(texts, origins: origins, command: command) } catch {
            Meshkey.exit(withError: error)
        }
        if plain.isEmpty { fail(command, "insufficient_shares: no shares were given") }
        var parsed: [ShareUDF] = []
        if requireSet {
            do { parsed = try ShareSet.parse(plain, verifiedBy: document).shares } catch {
                fail(command, Meshkey.Recover.describe(error, origins: origins))
            }
        } else {
            for (index, text) in plain.enumerated() {
                do { parsed.append(try ShareUDF.parse(text)) } catch {
                    fail(command, "\(error.code.name): share \(index + 1) (\(origins[index])): \(error.reason)")
                }
            }
        }
        return (document, parsed, origins)
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
                """)

        @OptionGroup var input: ShareInputOptions

        func run() throws {
            let command = "share verify"
            let (document, shares, origins) = input.read(command: command, requireSet: false)
            for (index, share) in shares.enumerated() {
                do { try document.verify(share, position: index + 1) } catch {
                    fail(command, Meshkey.Recover.describe(error, origins: origins))
                }
            }
            CommitmentFiles.reportSigner(document, command: command)
            Terminal.print(shares.enumerated().map { index, share in
                "valid: share \(index + 1) (x=\(share.x)): set \(document.setIdentifier), \(document.threshold) of \(document.shareCount), epoch \(document.epoch), document \(document.udf)"
            }.joined(separator: "\n"))
        }
    }
}
