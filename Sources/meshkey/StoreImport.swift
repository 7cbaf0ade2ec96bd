import ArgumentParser
import MeshCrypto
import MeshKeyStore
import MeshUDF
import MeshkeyKit

extension Meshkey.Store {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract:
                "Import a seed UDF (Z…), a PKCS#8 PEM private key, a raw private key in hex (with --alg), or a sealed recryption share.",
            discussion: """
                The input comes from --file, else from the argument, else from the first line of standard input \
                (which keeps the secret out of the process list). Prints the new entry's UDF: the profile UDF for \
                an account seed, the key's fingerprint for a key. A DeviceRecryptionKey or ServiceRecryptionKey file \
                (from `meshkey recrypt split --member-device/--service-key`) is opened with the store's key it is \
                sealed to, checked against the group key, and stored as a share entry (used by `recrypt partial --share`); \
                its signature is verified first and must be by --expect-signer (or give --allow-unsigned). A label \
                with control characters is refused.
                """
        )

        @OptionGroup var options: StoreOptions

        @Argument(
            help: "A seed UDF or raw hex key (prefer --file or standard input: arguments are visible to other users)."
        )
        var value: String?

        @Option(
            help:
                "Read the input from this file: a PKCS#8 PEM key, a seed UDF or raw hex (secret input; `-` is standard input)."
        )
        var file: String?

        @Option(help: "Algorithm of a raw hex key: Ed25519, Ed448, X25519 or X448.")
        var alg: String?

        @Flag(help: "Never let the private part leave the store.")
        var nonExportable = false

        @Option(help: "A label shown by list and show.")
        var label: String?

        @Option(
            help:
                "A sealed recryption share: the UDF that must have signed it (the administrator's key or profile UDF)."
        )
        var expectSigner: String?

        @Flag(help: "A sealed recryption share: accept it unsigned, or signed without --expect-signer.")
        var allowUnsigned = false

        func validate() throws {
            if file != nil && value != nil {
                throw CommandFailure("invalid_input", "give the input either as an argument or with --file, not both")
            }
        }

        func run() throws {
            let algorithm: KeyAlgorithm?
            if let alg {
                guard let parsed = KeyAlgorithm(rawValue: alg) else {
                    throw CommandFailure("invalid_input", "--alg must be Ed25519, Ed448, X25519 or X448 (got \(alg))")
                }
                algorithm = parsed
            } else {
                algorithm = nil
            }
            let input: SecureBytes
            if let file {
                input = try SecureFile.read(path: file, maximumCount: 16384)
            } else if let value {
                input = SecureBytes(Array(value.utf8))
            } else {
                // Standard input: its first line (at most 16 MiB are read).
                let all = try SecureFile.readStandardInput()
                var end = 0
                while end < all.count && all[end] != 0x0A { end += 1 }
                input = all.slice(0..<end)
            }
            let text = try KeyStore.importInput(input)
            let imported = try options.open().importEntry(
                text,
                algorithm: algorithm,
                exportable: !nonExportable,
                label: label,
                expectedSigner: expectSigner,
                allowUnsigned: allowUnsigned
            )
            if let signer = imported.signer { Terminal.note("the share is signed by \(signer)") }
            Terminal.print(imported.entry.udf)
        }
    }
}
