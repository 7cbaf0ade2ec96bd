import ArgumentParser
import MeshCrypto
import MeshKeyStore

extension Meshkey.Store {
    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "passwd",
            abstract:
                "Change the passphrase and rotate the master key: every entry is re-sealed under a new random key.",
            discussion: """
                Crash-safe: the new generation (every entry re-sealed, the new store.json) is written complete \
                into .rotation-<N> in the store folder, then switched in with one atomic rename of store.json; \
                an interrupted run is rolled back or finished on the next open. Afterwards the old passphrase \
                and an old copy of store.json open nothing. On a store made with --insecure-no-passphrase \
                (open it with --unprotected) this sets a passphrase, with a new master key. \
                At a terminal a wrong current passphrase may be typed again (3 tries), and the new one is asked \
                twice (again if the entries differ, 3 tries); a weak new passphrase (fewer than 12 characters or \
                fewer than 6 different ones) draws a warning on standard error.
                """
        )

        @OptionGroup var options: StoreOptions

        @Option(
            help:
                "Read the new passphrase from this file (secret input; `-` is standard input). Default: $MESHKEY_NEW_PASSPHRASE, else a prompt."
        )
        var newPassphraseFile: String?

        @Option(
            name: .customLong("new-passphrase-fd"),
            help: ArgumentHelp(
                "Read the new passphrase from this already-open file descriptor (first line; secret input). Excludes --new-passphrase-file.",
                valueName: "n"
            )
        )
        var newPassphraseFd: Int32?

        @Option(help: "New scrypt cost as log2 N (default: keep the current one).")
        var kdfCost: Int?

        func validate() throws {
            if let kdfCost, !KeyStore.kdfCostRange.contains(kdfCost) {
                throw CommandFailure(
                    "invalid_input",
                    "--kdf-cost must be \(KeyStore.kdfCostRange.lowerBound)…\(KeyStore.kdfCostRange.upperBound) (got \(kdfCost))"
                )
            }
            try Passphrase.checkSources(
                file: newPassphraseFile,
                fd: newPassphraseFd,
                fileOption: "--new-passphrase-file",
                fdOption: "--new-passphrase-fd"
            )
        }

        func run() throws {
            let store = try options.open()
            let newPassphrase = try Passphrase.read(
                file: newPassphraseFile,
                fd: newPassphraseFd,
                variable: "MESHKEY_NEW_PASSPHRASE",
                fileOption: "--new-passphrase-file",
                fdOption: "--new-passphrase-fd",
                prompt: "New passphrase: ",
                confirm: true
            )
            try store.changePassphrase(to: newPassphrase, kdfCost: kdfCost)
            Passphrase.warnIfWeak(newPassphrase)
            Terminal.print("passphrase changed and master key rotated for \(store.path) (every entry re-sealed)")
        }
    }
}
