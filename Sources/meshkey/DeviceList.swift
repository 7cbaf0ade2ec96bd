import ArgumentParser
import MeshDevice

extension Meshkey.Device {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the devices of the account's device catalog (verified first).",
            discussion: "One line per device: name, device UDF, status, roles; then the catalog version."
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The account profile UDF (needed when the store holds more than one).")
        var profile: String?

        func run() throws {
            let store = try DeviceCommand.open(storeOptions)
            let listing = try store.list(profile: profile)
            var lines = listing.devices.map {
                "\($0.name.padding(to: 16)) \($0.device_udf)  \($0.status.padding(to: 7)) \($0.roles.joined(separator: ","))"
            }
            lines.append(
                "account \(listing.account), catalog version \(listing.sequence), \(listing.devices.count) devices"
            )
            Terminal.print(lines.joined(separator: "\n"))
        }
    }
}
