import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey.Key {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Generate a key pair with OpenSSL.",
            discussion: """
                Prints the public key (hex; X keys in the 33/57-byte extended form that their UDF covers) and its \
                UDF. The private key is written only to the file given with --out, as PKCS#8 PEM, created with \
                mode 0600 (an existing file is never overwritten). Without --out the private key is discarded.
                """
        )

        @Option(help: "The algorithm.")
        var alg: KeyAlgorithm

        @Option(help: "File to create for the private key (PKCS#8 PEM, mode 0600).")
        var out: String?

        @Flag(help: "Print one JSON object: {algorithm, public_hex, key_udf, private_key_file?}.")
        var json = false

        func run() throws {
            let curve = alg
            let key = try OpenSSLPrivateKey.generate(alg)
            let published = try StandardKey.publishedForm(of: key, curve: curve)
            let publicHex = Hex.encode(published)
            let udf = KeyFingerprint.udf(curve: curve, key: published)
            if let out {
                let folderIsPrivate = try SecureFile.create(path: out, contents: key.pemRepresentation())
                if !folderIsPrivate {
                    Terminal.note(
                        "warning: the folder holding \(out) can be read by other users; keep private keys in a folder with mode 0700"
                    )
                }
            }
            if json {
                var members: [(String, JSONValueOut)] = [
                    ("algorithm", .string(alg.rawValue)), ("public_hex", .string(publicHex)), ("key_udf", .string(udf)),
                ]
                if let out { members.append(("private_key_file", .string(out))) }
                Terminal.print(JSONValueOut.object(members).text)
            } else {
                Terminal.print("\(udf)\n\(publicHex)")
            }
        }
    }
}
