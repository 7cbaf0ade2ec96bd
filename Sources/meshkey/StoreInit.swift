import ArgumentParser
import MeshCrypto
import MeshKeyStore

extension Meshkey.Store {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a key store.",
            discussion: """
                Creates the folder (mode 0700) if needed, draws a random 32-byte master key and wraps it with \
                AES-256-GCM under scrypt(passphrase, random salt, N = 2^cost, r = 8, p = 1). \
                With --insecure-no-passphrase the master key is stored unwrapped: anyone who can read the \
                folder can read every key, and every later command on it needs --unprotected. \
                At a terminal the new passphrase is asked twice; if the two entries differ it is asked again \
                (3 tries). A passphrase of fewer than 12 characters or fewer than 6 different ones draws a \
                warning on standard error (it is still accepted).
                """
        )

        @OptionGroup var options: StoreOptions

        @Option(help: "scrypt cost as log2 N (10…20; default \(KeyStore.defaultKDFCost)). Memory: 2^cost KiB.")
        var kdfCost: Int = KeyStore.defaultKDFCost

        @Flag(help: "Store the master key without a passphrase (not recommended).")
        var insecureNoPassphrase = false

        func validate() throws {
            guard KeyStore.kdfCostRange.contains(kdfCost) else {
                throw CommandFailure(
                    "invalid_input",
                    "--kdf-cost must be \(KeyStore.kdfCostRange.lowerBound)…\(KeyStore.kdfCostRange.upperBound) (got \(kdfCost))"
                )
            }
            if options.unprotected {
                throw CommandFailure(
                    "invalid_input",
                    "--unprotected opens an existing unprotected store; to create one, use --insecure-no-passphrase"
                )
            }
            if insecureNoPassphrase && options.passphraseFile != nil {
                throw CommandFailure(
                    "invalid_input",
                    "--insecure-no-passphrase and --passphrase-file exclude each other"
                )
            }
            if insecureNoPassphrase && options.passphraseFd != nil {
                throw CommandFailure("invalid_input", "--insecure-no-passphrase and --passphrase-fd exclude each other")
            }
        }

        func run() throws {
            let path = try options.location()
            let passphrase = insecureNoPassphrase ? nil : try options.passphrase(confirm: true)
            _ = try KeyStore.initialize(at: path, passphrase: passphrase, kdfCost: kdfCost)
            Passphrase.warnIfWeak(passphrase)
            if insecureNoPassphrase {
                Terminal.print("created key store \(path) WITHOUT a passphrase: the master key is stored in clear")
            } else {
                Terminal.print("created key store \(path) (scrypt N = 2^\(kdfCost), r = 8, p = 1)")
            }
        }
    }
}
