import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeyStore
import MeshKeys
import MeshUDF

extension Meshkey.Profile {
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Remove a profile's account seed from this device, after proving the shares recover it.",
            discussion: """
                Give the escrow shares (arguments, or one per line on standard input). They must recover exactly \
                the stored seed; only then is the seed entry overwritten and removed. Overwriting is best effort \
                on SSDs and journaling or copy-on-write file systems, which may keep old copies. The public \
                profile document stays.
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The profile UDF (needed when the store holds more than one account seed).")
        var profile: String?

        @Argument(help: "Escrow shares (S…); secret: visible to other local users as arguments. Read from standard input when none are given.")
        var shares: [String] = []

        @Option(help: "Read the escrow shares from this file, one per line (secret input; `-` is standard input).")
        var sharesFile: String?

        func run() throws {
            let command = "profile purge"
            let store = try storeOptions.open(command: command)
            let entry = ProfileFiles.accountSeedEntry(in: store, profile: profile, command: command)
            let (texts, origins) = Meshkey.Recover.sharesFromArgumentsOrStandardInput(shares, file: sharesFile, command: command)
            let paperChecked = try Meshkey.Recover.checkPaperForms(texts, origins: origins, command: command)
            let recovered: RecoveredSecret
            do { recovered = try ShareSet.parse(paperChecked).recover() } catch {
                fail(command, Meshkey.Recover.describe(error, origins: origins))
            }
            let recoveredSeed: SecureBytes
            do { recoveredSeed = try MeshProfile(recoveredSecret: recovered.secret).seed.binary } catch {
                fail(command, "shares_mismatch: the shares do not recover a seed; nothing was removed")
            }
            do {
                let stored = try store.privateBytes(udf: entry.udf)
                guard stored == recoveredSeed else {
                    fail(command, "shares_mismatch: the shares do not recover the stored seed of \(entry.udf); nothing was removed")
                }
                try store.purge(udf: entry.udf)
            } catch { fail(command, error) }
            Terminal.print("purged the account seed of \(entry.udf) (overwriting is best effort on SSDs and journaling file systems)")
        }
    }
}
