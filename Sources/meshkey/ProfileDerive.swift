import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeys
import MeshMath
import MeshUDF
import MeshkeyKit

extension Meshkey.Profile {
    struct Derive: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "derive",
            abstract: "Derive a master profile's keys and UDF from an account seed or from escrow shares.",
            discussion: """
                The account seed comes from --seed-file FILE (first non-blank line; `-` is standard input) or \
                --seed, or is recovered from shares given in --shares-file FILE (one per line; `-` is standard \
                input), as arguments, or one per line on standard input when there are none, with the same \
                checks as `meshkey recover`. The seed and the shares are secret: on the command line (--seed, \
                share arguments) every local user can read them (ps, /proc/PID/cmdline); prefer the files or \
                standard input. Prints \
                the profile UDF, then one line per account key: role, algorithm, key UDF. No secret is printed, \
                and nothing is written unless --document names a new file for the signed public profile.
                """
        )

        @Option(help: "The account seed UDF (ZAAQ-…); secret: visible to other local users, prefer --seed-file.")
        var seed: String?

        @Option(
            help:
                "Read the account seed UDF from this file, first non-blank line (secret input; `-` is standard input)."
        )
        var seedFile: String?

        @OptionGroup var shareSource: ShareSourceOptions

        @Option(help: "Also write the signed public profile document (JWS JSON) to this new file.")
        var document: String?

        @Flag(help: "Print one JSON object: {profile_udf, keys: [{role, algorithm, key_udf, public_hex}]}.")
        var json = false

        func validate() throws {
            let seeds = (seed != nil ? 1 : 0) + (seedFile != nil ? 1 : 0)
            if seeds > 1 { throw ValidationError("give --seed or --seed-file, not both") }
            if seeds == 1 && !shareSource.isEmpty {
                throw ValidationError("give --seed or shares, not both")
            }
        }

        func run() throws {
            let profile: MeshProfile
            // The seed given, or the one the shares recover.
            do {
                if let seed = try seed ?? seedFile.map({ try SecretInput.line($0, option: "--seed-file") }) {
                    let seedUDF: SeedUDF
                    do { seedUDF = try SeedUDF.parse(seed) } catch {
                        throw CommandFailure(error, at: self.seed == nil ? "--seed-file" : "--seed")
                    }
                    profile = try MeshProfile(accountSeed: seedUDF)
                } else {
                    let recovered = try shareSource.recoveredSecret()
                    profile = try MeshProfile(recoveredSecret: recovered.secret)
                }
            }
            if let document {
                do { try ProfileDocumentFile.create(for: profile, at: document) } catch let error as any CodedError {
                    throw CommandFailure(error, at: "--document")
                }
            }
            if json {
                let keys: [JSONValueOut] = profile.keys.map { entry in
                    .object([
                        ("role", .string(entry.role.rawValue)),
                        ("algorithm", .string(entry.key.curve.rawValue)),
                        ("key_udf", .string(entry.key.udf)),
                        ("public_hex", .string(Hex.encode(entry.key.publicKeyExtended))),
                    ])
                }
                Terminal.print(
                    JSONValueOut.object([("profile_udf", .string(profile.udf)), ("keys", .array(keys))]).text
                )
            } else {
                Terminal.print(Meshkey.Profile.lines(profile).joined(separator: "\n"))
            }
        }
    }
}
