import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath
import MeshUDF

extension Meshkey.Overlay {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Make an overlay for a base public key.",
            discussion: """
                The contribution is a random key of the same algorithm, or the key derived from --seed with \
                --key-name. Writes the KeyOverlay {UDF, BaseUDF, Overlay} to --out (JSON, mode 0600: it holds the \
                contribution's private key) and prints the composite public key's UDF and hex (base + contribution; \
                X keys in the extended form). The seed is secret: give it with --seed-file FILE (first non-blank \
                line; `-` is standard input); --seed puts it on the command line, where every local user can read \
                it (ps, /proc/PID/cmdline).
                """
        )

        @Option(help: "The algorithm.")
        var alg: KeyAlgorithm

        @Option(name: .customLong("base-public"), help: "The base public key (hex; X keys extended, 33/57 bytes).")
        var basePublic: String

        @Option(
            help:
                "Derive the contribution from this seed UDF instead of drawing it at random; secret: visible to other local users, prefer --seed-file."
        )
        var seed: String?

        @Option(
            help:
                "Read the seed UDF for the contribution from this file, first non-blank line (secret input; `-` is standard input)."
        )
        var seedFile: String?

        @Option(name: .customLong("key-name"), help: "Key name for --seed (e.g. ActivationDeviceEncrypt).")
        var keyName: String = ""

        @Option(help: "File to create for the overlay (JSON).")
        var out: String

        @Option(name: .customLong("content-type"), help: "Content type of the key UDFs.")
        var contentType: String = KeyFingerprint.contentType

        @Flag(help: "Print one JSON object: {algorithm, composite_public_hex, composite_udf, base_udf}.")
        var json = false

        func validate() throws {
            if seed != nil && seedFile != nil { throw ValidationError("give --seed or --seed-file, not both") }
        }

        func run() throws {
            let seed = try self.seed ?? seedFile.map { try SecretInput.line($0, option: "--seed-file") }
            let base = try PartialResults.hex(basePublic, "--base-public")
            let result: (overlay: KeyOverlay, compositePublic: [UInt8])
            do {
                let contribution: KeyOverlay.Contribution
                if let seed {
                    contribution = .seed(try SeedUDF.parse(seed), keyName: keyName)
                } else {
                    contribution = .random
                }
                result = try KeyOverlay.create(
                    basePublic: base,
                    curve: alg,
                    contribution: contribution,
                    contentType: contentType
                )
            } catch { throw CommandFailure(describing: error, code: "invalid_key") }
            try ScalarKeyFiles.createAll(
                [(contents: SecureBytes(result.overlay.json + [0x0A]), path: out)],
                sharedFolder: PartialResults.warnReadableFolder
            )
            let publicHex = Hex.encode(result.compositePublic)
            if json {
                Terminal.print(
                    JSONValueOut.object([
                        ("algorithm", .string(alg.rawValue)), ("composite_public_hex", .string(publicHex)),
                        ("composite_udf", .string(result.overlay.udf)), ("base_udf", .string(result.overlay.baseUDF)),
                    ]).text
                )
            } else {
                Terminal.print("\(result.overlay.udf)\n\(publicHex)")
            }
        }
    }
}
