import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey.Recrypt {
    struct Partial: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "partial",
            abstract: "Compute a partial decryption result share·E.",
            discussion: """
                --key is the member's KeyComposite or the service share. E is validated (on the curve, of order L). \
                Prints the partial result in hex (RFC 8032 encoding, or u ‖ parity byte for X keys).
                """)

        @Option(help: "The share: a KeyComposite (member) or a JSON key file (service).")
        var key: String

        @Option(help: "The ephemeral public key E (hex; X keys extended, 33/57 bytes).")
        var ephemeral: String

        @Flag(help: "Print one JSON object: {algorithm, partial_hex}.")
        var json = false

        func run() throws {
            let command = "recrypt partial"
            let bytes = try AdvancedFiles.read(key, command: command)
            let e = try AdvancedFiles.hex(ephemeral, "--ephemeral", command: command)
            do {
                let share: ScalarKey
                if let record = try? KeyComposite(json: bytes.unprotectedBytes) {
                    share = try ScalarKey(scalar: record.part, curve: record.curve)
                } else {
                    share = try ScalarKeyFile(json: bytes).key()
                }
                AdvancedFiles.printPartial(try Recryption.partial(share: share.scalar, ephemeral: e, curve: share.curve), json: json)
            } catch { throw AdvancedFiles.fail(command, "\(key): \(error)") }
        }
    }
}
