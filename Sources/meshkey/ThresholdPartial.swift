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
                """)

        @Option(help: "The share (JSON, from threshold split; secret input; `-` is standard input).")
        var share: String

        @Option(help: "The ephemeral public key E (hex; X keys extended, 33/57 bytes).")
        var ephemeral: String

        @Option(help: "Shamir: the x values of the quorum, comma-separated (e.g. 1,3,5).")
        var quorum: String?

        @Flag(help: "Print one JSON object: {algorithm, partial_hex}.")
        var json = false

        func run() throws {
            let command = "threshold partial"
            let bytes = try AdvancedFiles.read(share, command: command)
            let e = try AdvancedFiles.hex(ephemeral, "--ephemeral", command: command)
            do {
                let file = try ScalarKeyFile(json: bytes)
                let key = try file.key()
                var weight = key.scalar
                if let x = file.x {
                    guard let quorum else { throw AdvancedKeyError("a Shamir share needs --quorum") }
                    let xs = quorum.split(separator: ",").compactMap { UInt($0.trimmingSpaces) }
                    guard xs.count == quorum.split(separator: ",").count, let index = xs.firstIndex(of: x) else {
                        throw AdvancedKeyError("--quorum must be x values separated by commas and include this share's x (\(x))")
                    }
                    weight = try ThresholdKey.lagrange(xs, curve: key.curve)[index] * key.scalar
                } else if quorum != nil {
                    throw AdvancedKeyError("--quorum is for Shamir shares; this share is additive")
                }
                AdvancedFiles.printPartial(try ThresholdKey.partial(weight: weight, ephemeral: e, curve: key.curve), json: json)
            } catch { throw AdvancedFiles.fail(command, "\(share): \(error)") }
        }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
