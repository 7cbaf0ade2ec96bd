import ArgumentParser
import MeshEscrow
import MeshJOSE

extension Meshkey.Escrow {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Show an escrow entry's type, identifier, algorithms, recipients and sizes (no secrets needed).")

        @Argument(help: "The entry file.") var entry: String

        func run() throws {
            let parsed = EscrowFiles.readEntry(entry, command: "escrow inspect")
            let jwe = parsed.encryptedData
            var lines = ["type        \(parsed.kind.rawValue)", "identifier  \(parsed.identifier)"]
            let enc = jwe.protectedHeader["enc"]?.stringValue ?? "?"
            if jwe.recipients.isEmpty {
                lines.append("alg         \(jwe.protectedHeader["alg"]?.stringValue ?? "?")")
            }
            lines.append("enc         \(enc)")
            for (index, recipient) in jwe.recipients.enumerated() {
                let header = (try? jwe.joinedHeader(recipient: index)) ?? recipient.header
                let alg = header["alg"]?.stringValue ?? "?"
                let crv = header["epk"]?["crv"]?.stringValue ?? "?"
                let kid = header["kid"]?.stringValue ?? "(no kid)"
                lines.append("recipient   \(alg) \(crv) \(kid) (encrypted key \(recipient.encryptedKey.count) bytes)")
            }
            lines.append("ciphertext  \(jwe.ciphertext.count) bytes")
            Terminal.print(lines.joined(separator: "\n"))
        }
    }
}
