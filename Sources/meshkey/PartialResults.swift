import MeshCrypto
import MeshMath

/// The terminal side of `meshkey overlay`, `recrypt` and `threshold`: public keys and points given in hex,
/// partial results and agreements printed in hex or JSON, the warning for key files in a shared folder.
enum PartialResults {
    /// Hex input of option `name`; refused (`invalid_input`) when it is not hexadecimal.
    static func hex(_ text: String, _ name: String) throws(CommandFailure) -> [UInt8] {
        guard let bytes = Hex.decode(text) else { throw CommandFailure("invalid_input", "\(name) is not hexadecimal") }
        return bytes
    }

    /// Prints a partial result (RFC 8032 or extended encoding).
    static func printPartial(_ partial: GroupElement, json: Bool) {
        if json {
            Terminal.print(
                JSONValueOut.object([
                    ("algorithm", .string(partial.curve.rawValue)),
                    ("partial_hex", .string(Hex.encode(partial.encoded))),
                ]).text
            )
        } else {
            Terminal.print(Hex.encode(partial.encoded))
        }
    }

    /// Prints a key agreement (RFC 8032 encoding, or u for X; with JSON also u ‖ parity for X).
    static func printAgreement(_ agreement: GroupElement, curve: KeyAlgorithm, json: Bool) {
        if json {
            var members: [(String, JSONValueOut)] = [
                ("algorithm", .string(curve.rawValue)),
                ("agreement_hex", .string(Hex.encode(agreement.agreementBytes))),
            ]
            if !curve.isEdwards { members.append(("agreement_ext_hex", .string(Hex.encode(agreement.encoded)))) }
            Terminal.print(JSONValueOut.object(members).text)
        } else {
            Terminal.print(Hex.encode(agreement.agreementBytes))
        }
    }

    /// The note for a key file created in a folder other users can read.
    static func warnReadableFolder(_ path: String) {
        Terminal.note(
            "warning: the folder holding \(path) can be read by other users; keep private keys in a folder with mode 0700"
        )
    }
}
