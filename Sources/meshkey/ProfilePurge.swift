import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeyStore
import MeshKeys
import MeshUDF
import MeshkeyKit

extension Meshkey.Profile {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Remove a profile's account seed from this device, after proving the shares recover it.",
            discussion: """
                Give the escrow shares (arguments, or one per line on standard input). They must recover exactly \
                the stored seed; only then is the seed entry overwritten and removed. Overwriting is best effort \
                on SSDs and journaling or copy-on-write file systems, which may keep old copies. The public \
                profile document stays. \(Confirmation.helpText)
                """
        )

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var shareSource: ShareSourceOptions

        @Option(help: "The profile UDF (needed when the store holds more than one account seed).")
        var profile: String?

        @Flag(help: "Do not ask for confirmation when standard input is a terminal.")
        var yes = false

        func run() throws {
            let store = try storeOptions.open()
            _ = try store.accountProfileUDF(named: profile)
            let proof = RemovalProof.recoveredSecret(
                try shareSource.recoveredSecret().secret
            )
            let purge = try store.preparePurge(ofProfile: profile, proof: proof)
            try Confirmation.require("Overwrite and remove the account seed of \(purge.profileUDF)?", yes: yes)
            try purge.perform()
            Terminal.print(
                "purged the account seed of \(purge.profileUDF) (overwriting is best effort on SSDs and journaling file systems)"
            )
        }
    }
}
