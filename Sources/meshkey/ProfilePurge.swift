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

        @Option(help: "The profile UDF (needed when the store holds more than one account seed).")
        var profile: String?

        @Argument(
            help:
                "Escrow shares (S…); secret: visible to other local users as arguments. Read from standard input when none are given."
        )
        var shares: [String] = []

        @Option(help: "Read the escrow shares from this file, one per line (secret input; `-` is standard input).")
        var sharesFile: String?

        @Option(
            parsing: .upToNextOption,
            help:
                "Images (PNG or JPEG) with the shares' QR codes; the same share in two images counts once (secret input; `-` is standard input; at most 10000 pixels a side, 40 million in all). Shares typed on standard input may follow when the images hold fewer than the threshold."
        )
        var scan: [String] = []

        @Flag(help: "Do not ask for confirmation when standard input is a terminal.")
        var yes = false

        func run() throws {
            let store = try storeOptions.open()
            _ = try store.accountProfileUDF(named: profile)
            let proof = RemovalProof.recoveredSecret(
                try ShareReading.recoveredSecret(shares, file: sharesFile, scan: scan).secret
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
