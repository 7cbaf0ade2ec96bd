import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey.Threshold {
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Split a private key into n shares (additive n of n, or Shamir t of n over L).",
            discussion: """
                Without --threshold the shares are additive (all n are needed). With --threshold t they are Shamir \
                shares at x = 1 … n, any t of which decrypt. Writes <prefix>-1.json … <prefix>-n.json ({crv: \
                "<alg>z", Private, x (Shamir)}, mode 0600) and prints the key's UDF and public key.
                """
        )

        @Option(help: "The private key (PKCS#8 PEM or JSON key file; secret input; `-` is standard input).")
        var key: String

        @Option(help: "Number of shares, 2 to 255.")
        var shares: Int

        @Option(help: "Shares needed (Shamir), 2 to --shares.")
        var threshold: Int?

        @Option(name: .customLong("out-prefix"), help: "Share files are <prefix>-<i>.json.")
        var outPrefix: String

        func validate() throws {
            guard (2...255).contains(shares) else { throw ValidationError("--shares must be 2 to 255") }
            if let threshold, !(2...shares).contains(threshold) {
                throw ValidationError("--threshold must be 2 to --shares")
            }
        }

        func run() throws {
            let whole = try ScalarKeyFiles.readKey(key)
            let files: [ScalarKeyFile]
            if let threshold {
                files = ThresholdKey.splitShamir(whole.scalar, threshold: threshold, count: shares)
                    .map { ScalarKeyFile(scalar: $0.y, curve: whole.curve, x: $0.x) }
            } else {
                files = ThresholdKey.splitAdditive(whole.scalar, count: shares).map {
                    ScalarKeyFile(scalar: $0, curve: whole.curve)
                }
            }
            try ScalarKeyFiles.createAll(
                files.enumerated().map { (contents: $0.element.json, path: "\(outPrefix)-\($0.offset + 1).json") },
                sharedFolder: PartialResults.warnReadableFolder
            )
            Terminal.print("\(whole.udf())\n\(Hex.encode(whole.publicKeyExtended))")
        }
    }
}
