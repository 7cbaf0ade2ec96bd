import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath
import MeshUDF

extension Meshkey.Key {
    struct Derive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "derive",
            abstract: "Derive one key from a seed UDF by the Mesh rule (HKDF-SHA-512, info = specifier ‖ name).",
            discussion: """
                Prints the key's UDF (fingerprint) and public key. The private key is printed only with \
                --show-private (for conformance work; it is secret). The seed is secret: give it with \
                --seed-file FILE (first non-blank line; `-` is standard input); --seed puts it on the command \
                line, where every local user can read it (ps, /proc/PID/cmdline).
                """
        )

        @Option(
            help: "The seed UDF (Z…); secret: visible to other local users on the command line, prefer --seed-file."
        )
        var seed: String?

        @Option(help: "Read the seed UDF from this file, first non-blank line (secret input; `-` is standard input).")
        var seedFile: String?

        @Option(help: "The key name, e.g. CompleteAccountProfile (may be empty).")
        var name: String = ""

        @Option(help: "The algorithm.")
        var alg: KeyAlgorithm

        @Flag(help: "Also print the private key (hex).")
        var showPrivate = false

        @Flag(help: "Print one JSON object.")
        var json = false

        func validate() throws {
            if (seed == nil) == (seedFile == nil) {
                throw ValidationError("give the seed with --seed-file FILE (or --seed UDF), exactly once")
            }
        }

        func run() throws {
            let curve = alg
            let seed = try self.seed ?? SecretInput.line(seedFile!, option: "--seed-file")
            let seedUDF: SeedUDF
            do { seedUDF = try SeedUDF.parse(seed) } catch {
                throw CommandFailure(error, at: self.seed == nil ? "--seed-file" : "--seed")
            }
            let key = try DerivedKey(seed: seedUDF, keyName: name, curve: curve)
            if json {
                var members: [(String, JSONValueOut)] = [
                    ("algorithm", .string(curve.rawValue)),
                    ("key_name", .string(name)),
                    ("info_hex", .string(Hex.encode(key.info))),
                    ("public_hex", .string(Hex.encode(key.publicKey))),
                ]
                if curve == .x25519 || curve == .x448 {
                    members.append(("public_ext_hex", .string(Hex.encode(key.publicKeyExtended))))
                }
                members.append(("key_udf", .string(key.udf)))
                if showPrivate {
                    members.append(("okm_hex", .string(Hex.encode(key.okm.unprotectedBytes))))
                    members.append(("private_hex", .string(Hex.encode(key.privateKey.unprotectedBytes))))
                }
                Terminal.print(JSONValueOut.object(members).text)
            } else {
                var lines = [
                    key.udf, Hex.encode(curve == .x25519 || curve == .x448 ? key.publicKeyExtended : key.publicKey),
                ]
                if showPrivate { lines.append(Hex.encode(key.privateKey.unprotectedBytes)) }
                Terminal.print(lines.joined(separator: "\n"))
            }
        }
    }
}
