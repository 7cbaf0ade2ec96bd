import ArgumentParser
import MeshKeyStore

extension Meshkey.Store {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show the store's location, protection, KDF parameters and entry count (no passphrase needed)."
        )

        @OptionGroup var options: StoreOptions

        @Flag(help: "Print one JSON object.")
        var json = false

        func run() throws {
            let status = try KeyStore.status(at: options.location())
            let protection =
                status.passphraseProtected
                ? "passphrase (\(status.kdfName ?? "?") N = 2^\(status.kdfLog2N ?? 0), r = \(status.kdfR ?? 0), p = \(status.kdfP ?? 0))"
                : "NONE: the master key is stored unwrapped (--insecure-no-passphrase); anyone who can read the folder can read every key"
            if json {
                var members: [(String, JSONValueOut)] = [
                    ("path", .string(status.path)), ("format", .int(status.format)),
                    ("protection", .string(status.passphraseProtected ? "passphrase" : "none")),
                ]
                if status.passphraseProtected {
                    members.append(
                        (
                            "kdf",
                            .object([
                                ("name", .string(status.kdfName ?? "")), ("log2_n", .int(status.kdfLog2N ?? 0)),
                                ("r", .int(status.kdfR ?? 0)), ("p", .int(status.kdfP ?? 0)),
                            ])
                        )
                    )
                }
                members += [
                    ("created", .string(status.created)), ("entries", .int(status.entryCount)),
                    ("temporary_files", .int(status.temporaryFileCount)),
                ]
                Terminal.print(JSONValueOut.object(members).text)
                return
            }
            Terminal.print("store       \(status.path)")
            Terminal.print("format      \(status.format)")
            Terminal.print("protection  \(protection)")
            Terminal.print("created     \(status.created)")
            Terminal.print("entries     \(status.entryCount)")
            if status.temporaryFileCount > 0 {
                Terminal.print(
                    "temporary   \(status.temporaryFileCount) stray file(s) from interrupted writes (removed by `meshkey store verify`)"
                )
            }
        }
    }
}
