import ArgumentParser
import MeshEscrow
import MeshUDF
import MeshkeyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Meshkey.Share {
    struct ShareReshare: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reshare",
            abstract: "Share the same secret again: a new polynomial, threshold and count, and a new epoch.",
            discussion: """
                Every share given is checked against the current document; the secret is recovered in memory and \
                split again. The new document (epoch + 1, linking the old one and its commitments) is written to \
                OUTPUT.pending: it becomes OUTPUT only after `meshkey share confirm` has seen a threshold of the new \
                shares entered back. Prints the new document's UDF, then the new shares. A share of the old epoch \
                is refused by name against the new document (wrong_epoch, mixed_epochs). Re-sharing a seed does not \
                revoke the old shares: a threshold of them still recovers the seed (see Docs/security.md).
                """
        )

        @OptionGroup var input: ShareInputOptions

        @Option(name: .shortAndLong, help: "Shares needed to recover the new set (2-15).")
        var threshold: Int

        @Option(name: [.customShort("n"), .long], help: "Shares in the new set (threshold-15).")
        var shares: Int

        @Option(help: "Where the new document goes once confirmed (it is written to this path + .pending now).")
        var output: String

        @Option(
            help:
                "Sign the new document with this Ed25519/Ed448 private key (PEM) instead of an account seed's profile key."
        )
        var signKey: String?

        func run() throws {
            let pending = output + ".pending"
            try CommitmentFiles.checkWritable(output)
            try CommitmentFiles.checkWritable(pending)
            let (document, checked) = try input.read(requireSet: true)
            let signer = try signKey.map(CommitmentFiles.signer(keyFile:))
            let reshared = try checked.reshare(
                verifiedBy: document,
                threshold: threshold,
                shareCount: shares,
                signer: signer
            )
            try CommitmentFiles.write(reshared.document, to: pending)
            if reshared.document.signer == nil {
                Terminal.note(
                    "warning: the new commitment document is not signed (the secret is not an account seed; name a key with --sign-key)"
                )
            }
            Terminal.note(
                "wrote \(pending) (epoch \(reshared.document.epoch)); enter \(threshold) of the new shares with `meshkey share confirm --commitments \(pending)` to make it current"
            )
            Terminal.print(([reshared.document.udf] + reshared.split.shares.map(\.text)).joined(separator: "\n"))
        }
    }

    struct ShareConfirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm",
            abstract: "Make a re-shared set current after a threshold of its new shares verify.",
            discussion: """
                --commitments names the FILE.pending that reshare wrote. When at least the threshold of the new shares \
                verify against it and recombine, it is renamed to FILE (which must not exist); otherwise nothing changes.
                """
        )

        @OptionGroup var input: ShareInputOptions

        func run() throws {
            guard input.commitments.hasSuffix(".pending") else {
                throw CommandFailure(
                    "not_pending",
                    "\(input.commitments) is not a .pending document from share reshare"
                )
            }
            let target = String(input.commitments.dropLast(".pending".count))
            try CommitmentFiles.checkWritable(target)
            let (document, checked) = try input.read(requireSet: true)
            try checked.confirm(document)
            guard rename(input.commitments, target) == 0 else {
                throw CommandFailure("write_failed", "cannot rename \(input.commitments) to \(target)")
            }
            Terminal.print("confirmed: \(target) is current (epoch \(document.epoch), document \(document.udf))")
        }
    }
}
