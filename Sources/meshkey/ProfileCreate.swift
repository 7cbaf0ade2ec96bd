import ArgumentParser
import MeshKeys
import MeshkeyKit

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
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Allow the seed to be exported later (`store export --private`).")
        var exportable = false

        func run() throws {
            let store = try storeOptions.open()
            let profile = try store.createProfile(exportable: exportable)
            Terminal.print(profile.udf)
        }
    }
}
