import ArgumentParser
import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshUDF

extension Meshkey.Profile {
    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a master profile: a fresh account seed, stored in the key store.",
            discussion: """
                The seed (0xC8 0x01 0x02 and 32 random bytes) is stored sealed in the key store, not exportable \
                unless --exportable is given; the signed public profile document is written next to it \
                (<profile UDF>.profile in the store folder). Prints the profile UDF. Escrow the seed next \
                (`meshkey profile escrow`).
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Allow the seed to be exported later (`store export --private`).")
        var exportable = false

        func run() throws {
            let command = "profile create"
            let store = try storeOptions.open(command: command)
            let seed = SeedUDF.random(.meshProfileAccount)
            let profile: MeshProfile
            do { profile = try MeshProfile(accountSeed: seed) } catch { fail(command, error) }
            do {
                let document = try ProfileDocument(profile: profile)
                try ProfileFiles.writeDocument(document, profileUDF: profile.udf, store: store.path)
                do { _ = try store.add(seed: seed, exportable: exportable, label: "account seed") } catch {
                    ProfileFiles.removeDocument(profileUDF: profile.udf, store: store.path)
                    throw error
                }
            } catch { fail(command, error) }
            Terminal.print(profile.udf)
        }
    }
}
