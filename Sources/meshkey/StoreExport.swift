import ArgumentParser
import MeshCrypto
import MeshKeyStore

extension Meshkey.Store {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export an entry: the public key by default; the private part with --private, if exportable.",
            discussion: """
                Formats: pkcs8 (SPKI / PKCS#8 PEM), openssh (Ed25519: ssh-ed25519 line / OPENSSH PRIVATE KEY), \
                age (X25519: age1… / AGE-SECRET-KEY-1…), jwk (RFC 8037 OKP), udf (the entry UDF; with --private \
                the seed UDF of a seed entry). Private output goes to standard output, or to a new file (mode \
                0600) with --out.
                """
        )

        @OptionGroup var options: StoreOptions

        @Argument(help: "The entry's UDF.")
        var udf: String

        @Option(help: "pkcs8, openssh, age, jwk or udf.", transform: EnumeratedOption.parse("--format"))
        var format: ExportFormat

        @Flag(help: "Export the private part (refused for non-exportable entries).")
        var `private` = false

        @Option(help: "Write to this new file (mode 0600; an existing file is never overwritten).")
        var out: String?

        func run() throws {
            let bytes = try options.open().export(udf: udf, format: format, includePrivate: `private`)
            if let out {
                let folderIsPrivate = try SecureFile.create(path: out, contents: bytes)
                if `private` && !folderIsPrivate {
                    Terminal.note("warning: the folder holding \(out) can be read by other users")
                }
            } else {
                writeOut(bytes)
            }
        }
    }
}
