import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey.Overlay {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check an overlay against the base public key (and the published composite).",
            discussion: """
                Checks BaseUDF against the base public key, UDF against base + contribution and, with --published, \
                that base + contribution is the published key. Prints the composite UDF; exit code 1 on any failure.
                """
        )

        @Option(help: "The overlay (JSON, from overlay create).")
        var overlay: String

        @Option(name: .customLong("base-public"), help: "The base public key (hex; X keys extended).")
        var basePublic: String

        @Option(help: "The published composite public key (hex).")
        var published: String?

        @Option(name: .customLong("content-type"), help: "Content type of the key UDFs.")
        var contentType: String = KeyFingerprint.contentType

        func run() throws {
            let overlayBytes = try ScalarKeyFiles.read(overlay)
            let base = try PartialResults.hex(basePublic, "--base-public")
            let publishedBytes = try published.map { try PartialResults.hex($0, "--published") }
            let parsed = try KeyOverlay(json: overlayBytes.unprotectedBytes)
            try parsed.verify(basePublic: base, publishedComposite: publishedBytes, contentType: contentType)
            Terminal.print(parsed.udf)
        }
    }
}
