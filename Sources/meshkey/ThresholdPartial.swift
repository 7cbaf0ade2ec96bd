import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey.Threshold {
    struct Partial: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "partial",
            abstract: "Compute a share holder's partial result wᵢ·E.",
            discussion: """
                For an additive share wᵢ is the share. For a Shamir share (a file with x) --quorum lists the x values \
                of the holders taking part, this one included, and wᵢ = λᵢ·yᵢ mod L. Prints the partial result in hex.
                """
        )

        @Option(help: "The share (JSON, from threshold split; secret input; `-` is standard input).")
        var share: String

        @Option(help: "The ephemeral public key E (hex; X keys extended, 33/57 bytes).")
        var ephemeral: String

        @Option(help: "Shamir: the x values of the quorum, comma-separated (e.g. 1,3,5).")
        var quorum: String?

        @Flag(help: "Print one JSON object: {algorithm, partial_hex}.")
        var json = false

        func run() throws {
            let bytes = try ScalarKeyFiles.read(share)
            let e = try PartialResults.hex(ephemeral, "--ephemeral")
            let partial: GroupElement
            do {
                partial = try ThresholdKey.partial(share: try ScalarKeyFile(json: bytes), quorum: quorum, ephemeral: e)
            } catch {
                throw ScalarKeyError(error.code, "\(share): \(error)")
            }
            PartialResults.printPartial(partial, json: json)
        }
    }
}
