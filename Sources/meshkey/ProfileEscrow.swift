import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeyStore
import MeshKeys
import MeshPaper
import MeshUDF

extension Meshkey.Profile {
    struct Escrow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escrow",
            abstract: "Split a stored account seed into Mesh escrow shares (default 2 of 3, as the reference).",
            discussion: """
                Prints the profile UDF the shares restore, with --commitments the commitment document's UDF, then the shares, one per line. The store is not \
                changed. With several profiles in the store, name one with --profile.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The profile UDF (needed when the store holds more than one account seed).")
        var profile: String?

        @Option(name: .shortAndLong, help: "Shares needed to recover (2-15).")
        var threshold: Int = 2

        @Option(name: [.customShort("n"), .long], help: "Shares to make (threshold-15).")
        var shares: Int = 3

        @Flag(help: "Print one JSON object: {profile_udf, threshold, shares}.")
        var json = false

        @Option(name: .customLong("print"), help: "Also write share sheets (one PDF page per share, mode 0600) to this file.")
        var printFile: String?

        @Option(help: "Paper size of --print: a4 or letter.")
        var paper: String = "a4"

        @Option(help: "Also write the set's commitment document (public, signed by the profile's ProfileSignature key) to this new file, and print its UDF after the profile UDF.")
        var commitments: String?

        func validate() throws {
            if PaperSize(rawValue: paper) == nil { throw ValidationError("--paper is a4 or letter (got \(paper))") }
        }

        func run() throws {
            let command = "profile escrow"
            let store = try storeOptions.open(command: command)
            let entry = ProfileFiles.accountSeedEntry(in: store, profile: profile, command: command)
            let split: SecretSharing.Split
            var document: CommitmentDocument? = nil
            do {
                let seed = try store.privateBytes(udf: entry.udf)
                if let commitments {
                    CommitmentFiles.checkWritable(commitments, command: command)
                    let committed = try SecretSharing.splitCommitted(secret: seed, threshold: threshold, shareCount: shares,
                                                                     setIdentifier: entry.udf, signer: SecretSharing.profileSigner(for: seed))
                    (split, document) = (committed.split, committed.document)
                } else {
                    split = try SecretSharing.split(secret: seed, threshold: threshold, shareCount: shares)
                }
            } catch { fail(command, error) }
            if let commitments, let document { CommitmentFiles.write(document, to: commitments, command: command) }
            let texts = split.shares.map(\.text)
            if let printFile {
                let created = PaperSheet.today()
                let sheets = split.shares.map {
                    PaperSheet(share: $0.text, x: $0.x, threshold: split.threshold, total: split.shares.count,
                               identifier: entry.udf, created: created, label: nil,
                               extraInstructions: ["The identifier is the profile UDF. To restore the profile into a key store:",
                                                   "    meshkey profile recover --expect \(entry.udf)"]
                                   + (document.map(CommitmentFiles.sheetLines) ?? []))
                }
                try Meshkey.Print.writePDF(sheets, to: printFile, paper: PaperSize(rawValue: paper)!, qr: true, command: command)
            }
            if json {
                Terminal.print(JSONValueOut.object([
                    ("profile_udf", .string(entry.udf)), ("threshold", .int(threshold)),
                    ("shares", .array(texts.map { .string($0) })),
                ] + (document.map { [("commitments", JSONValueOut.string($0.udf))] } ?? [])).text)
            } else {
                Terminal.print(([entry.udf] + (document.map { [$0.udf] } ?? []) + texts).joined(separator: "\n"))
            }
        }
    }
}
