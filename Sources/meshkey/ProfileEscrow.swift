import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshPaper
import MeshUDF
import MeshkeyKit

extension Meshkey.Profile {
    struct Escrow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escrow",
            abstract: "Split a stored account seed into Mesh escrow shares (default 2 of 3, as the reference).",
            discussion: """
                Prints the profile UDF the shares restore, with --commitments the commitment document's UDF, then the shares, one per line. The store is not \
                changed. With several profiles in the store, name one with --profile.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The profile UDF (needed when the store holds more than one account seed).")
        var profile: String?

        @Option(name: .shortAndLong, help: "Shares needed to recover (2-15).")
        var threshold: Int = 2

        @Option(name: [.customShort("n"), .long], help: "Shares to make (threshold-15).")
        var shares: Int = 3

        @Flag(help: "Print one JSON object: {profile_udf, threshold, shares}.")
        var json = false

        @Option(
            name: .customLong("print"),
            help: "Also write share sheets (one PDF page per share, mode 0600) to this file."
        )
        var printFile: String?

        @Option(help: "Paper size of --print: a4 or letter.")
        var paper: String = "a4"

        @OptionGroup var sheetOptions: SheetOptions

        @Option(
            help:
                "Also write the set's commitment document (public, signed by the profile's ProfileSignature key) to this new file, and print its UDF after the profile UDF."
        )
        var commitments: String?

        func validate() throws {
            if PaperSize(rawValue: paper) == nil { throw ValidationError("--paper is a4 or letter (got \(paper))") }
        }

        func run() throws {
            let store = try storeOptions.open()
            if let commitments { try OutputFile.refuseExisting(commitments, what: "commitment documents") }
            let escrow = try store.escrowProfile(
                named: profile,
                threshold: threshold,
                shareCount: shares,
                commitments: commitments != nil
            )
            if let commitments, let document = escrow.commitments {
                do { _ = try SecureFile.create(path: commitments, contents: SecureBytes(document.json)) } catch {
                    throw CommandFailure("write_failed", error.description)
                }
            }
            let texts = escrow.split.shares.map(\.text)
            if let printFile {
                try Meshkey.Print.writePDF(
                    escrow.sheets(details: sheetOptions.details),
                    to: printFile,
                    paper: PaperSize(rawValue: paper)!,
                    qr: true
                )
            }
            if json {
                Terminal.print(
                    JSONValueOut.object(
                        [
                            ("profile_udf", .string(escrow.profileUDF)), ("threshold", .int(threshold)),
                            ("shares", .array(texts.map { .string($0) })),
                        ] + (escrow.commitments.map { [("commitments", JSONValueOut.string($0.udf))] } ?? [])
                    ).text
                )
            } else {
                Terminal.print(
                    ([escrow.profileUDF] + (escrow.commitments.map { [$0.udf] } ?? []) + texts).joined(separator: "\n")
                )
            }
        }
    }
}
