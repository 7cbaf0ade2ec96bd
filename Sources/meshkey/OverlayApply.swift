import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey.Overlay {
    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Apply an overlay to the base private key, giving the composite key.",
            discussion: """
                Checks that the base key's UDF is the overlay's BaseUDF, that the composite key a·B has the overlay's \
                UDF and, with --published, that it is the published composite public key; only then writes the \
                composite private key to --out ({crv: "<alg>z", Private}, mode 0600) and prints its UDF and public key.
                """
        )

        @Option(help: "The overlay (JSON, from overlay create).")
        var overlay: String

        @Option(
            name: .customLong("base-key"),
            help: "The base private key (PKCS#8 PEM or JSON key file; secret input; `-` is standard input)."
        )
        var baseKey: String

        @Option(help: "The published composite public key (hex) that the result must equal.")
        var published: String?

        @Option(help: "File to create for the composite private key (JSON).")
        var out: String

        @Option(name: .customLong("content-type"), help: "Content type of the key UDFs.")
        var contentType: String = KeyFingerprint.contentType

        func run() throws {
            let overlayBytes = try ScalarKeyFiles.read(overlay)
            let base = try ScalarKeyFiles.readKey(baseKey)
            let publishedBytes = try published.map { try PartialResults.hex($0, "--published") }
            let parsed = try KeyOverlay(json: overlayBytes.unprotectedBytes)
            let composite = try parsed.apply(base: base, publishedComposite: publishedBytes, contentType: contentType)
            try ScalarKeyFiles.createAll(
                [(contents: ScalarKeyFile(scalar: composite.scalar, curve: composite.curve).json, path: out)],
                sharedFolder: PartialResults.warnReadableFolder
            )
            Terminal.print("\(composite.udf(contentType: contentType))\n\(Hex.encode(composite.publicKeyExtended))")
        }
    }
}
