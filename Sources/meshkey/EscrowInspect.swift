import ArgumentParser
import MeshEscrow
import MeshJOSE
import MeshKeys

extension Meshkey.Escrow {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect",
            abstract: "Show an escrow entry's type, identifier, algorithms, recipients and sizes (no secrets needed).")

        @Argument(help: "The entry file.") var entry: String

        func run() throws {
            let parsed = EscrowFiles.readEntry(entry, command: "escrow inspect")
            let jwe = parsed.encryptedData
            // Everything shown comes from the file: control characters are shown escaped (KeyLabel).
            func shown(_ value: JSONValue?) -> String { KeyLabel.displayed(value?.stringValue ?? "?") }
            var lines = ["type        \(parsed.kind.rawValue)", "identifier  \(KeyLabel.displayed(parsed.identifier))"]
            let common = (try? jwe.joinedHeader(recipient: jwe.recipients.isEmpty ? nil : 0)) ?? jwe.protectedHeader
            if jwe.recipients.isEmpty {
                lines.append("alg         \(shown(common["alg"]))")
            }
            lines.append("enc         \(shown(common["enc"]))")
            for (index, recipient) in jwe.recipients.enumerated() {
                let header = (try? jwe.joinedHeader(recipient: index)) ?? recipient.header
                let kid = header["kid"].map { KeyLabel.displayed($0.stringValue ?? "?") } ?? "(no kid)"
                lines.append("recipient   \(shown(header["alg"])) \(shown(header["epk"]?["crv"])) \(kid) (encrypted key \(recipient.encryptedKey.count) bytes)")
            }
            // The signature is verified here too (it needs no secret); a bad one is an error.
            do {
                let signer = try parsed.checkSignature(.none)
                lines.append("signer      \(signer ?? "(unsigned)")")
            } catch { fail("escrow inspect", error) }
            lines.append("ciphertext  \(jwe.ciphertext.count) bytes")
            Terminal.print(lines.joined(separator: "\n"))
        }
    }
}
