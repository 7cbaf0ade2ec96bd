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
                --show-private (for conformance work; it is secret).
                """)

        @Option(help: "The seed UDF (Z…).")
        var seed: String

        @Option(help: "The key name, e.g. CompleteAccountProfile (may be empty).")
        var name: String = ""

        @Option(help: "The algorithm.")
        var alg: AlgorithmOption

        @Flag(help: "Also print the private key (hex).")
        var showPrivate = false

        @Flag(help: "Print one JSON object.")
        var json = false

        func run() throws {
            let curve = alg.curve
            let seedUDF: SeedUDF
            do { seedUDF = try SeedUDF.parse(seed) } catch {
                Terminal.error("meshkey key derive: --seed: \(error.code.name): \(error.reason)")
                throw ExitCode(1)
            }
            let key: DerivedKey
            do { key = try DerivedKey(seed: seedUDF, keyName: name, curve: curve) } catch {
                Terminal.error("meshkey key derive: \(error)")
                throw ExitCode(1)
            }
            if json {
                var members: [(String, JSONValueOut)] = [
                    ("algorithm", .string(curve.rawValue)),
                    ("key_name", .string(name)),
                    ("info_hex", .string(Hex.encode(key.info))),
                    ("public_hex", .string(Hex.encode(key.publicKey))),
                ]
                if curve == .x25519 || curve == .x448 { members.append(("public_ext_hex", .string(Hex.encode(key.publicKeyExtended)))) }
                members.append(("key_udf", .string(key.udf)))
                if showPrivate {
                    members.append(("okm_hex", .string(Hex.encode(key.okm.unprotectedBytes))))
                    members.append(("private_hex", .string(Hex.encode(key.privateKey.unprotectedBytes))))
                }
                Terminal.print(JSONValueOut.object(members).text)
            } else {
                var lines = [key.udf, Hex.encode(curve == .x25519 || curve == .x448 ? key.publicKeyExtended : key.publicKey)]
                if showPrivate { lines.append(Hex.encode(key.privateKey.unprotectedBytes)) }
                Terminal.print(lines.joined(separator: "\n"))
            }
        }
    }
}
