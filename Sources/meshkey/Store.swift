import ArgumentParser

extension Meshkey {
    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "store",
            abstract: "The embedded key store: seeds and private keys sealed under a passphrase.",
            discussion: """
                The store is a folder (mode 0700) holding store.json (the master key, wrapped under a scrypt key of \
                the passphrase), a lock file, and one sealed file per entry named by the entry's UDF (mode 0600). \
                Location: --store, else $MESHKEY_HOME, else $XDG_DATA_HOME/meshkey, else ~/.local/share/meshkey. \
                Passphrase: --passphrase-file or --passphrase-fd, else $MESHKEY_PASSPHRASE, else a prompt on the terminal (3 tries).
                """,
            subcommands: [
                Init.self, Status.self, List.self, Show.self, Generate.self, Import.self, Export.self,
                Delete.self, Purge.self, Verify.self, Passwd.self,
            ]
        )
    }
}
