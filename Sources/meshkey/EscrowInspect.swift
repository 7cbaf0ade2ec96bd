import ArgumentParser
import MeshEscrow
import MeshkeyKit

extension Meshkey.Escrow {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Show an escrow entry's type, identifier, algorithms, recipients and sizes (no secrets needed)."
        )

        @Argument(help: "The entry file.") var entry: String

        func run() throws {
            let shown = try EscrowInspection(try EscrowEntryFile.read(entry))
            var lines = ["type        \(shown.kind.rawValue)", "identifier  \(shown.identifier)"]
            if let algorithm = shown.algorithm { lines.append("alg         \(algorithm)") }
            lines.append("enc         \(shown.encryption)")
            for recipient in shown.recipients {
                lines.append(
                    "recipient   \(recipient.algorithm) \(recipient.curve) \(recipient.kid ?? "(no kid)") (encrypted key \(recipient.encryptedKeyCount) bytes)"
                )
            }
            lines.append("signer      \(shown.signer ?? "(unsigned)")")
            lines.append("ciphertext  \(shown.ciphertextCount) bytes")
            Terminal.print(lines.joined(separator: "\n"))
        }
    }
}
