import ArgumentParser
import MeshDevice

extension Meshkey.Device {
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke",
            abstract: "Revoke a device: a signed revocation record and a new catalog version.",
            discussion: """
                Needs the account seed or an administrator grant in this store. Writes <device UDF>.revocation and \
                the next catalog version (device status revoked, the revocation's digest), both signed by \
                AdministratorSignature; `device verify` then refuses the device.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The device's name or UDF.")
        var device: String

        @Option(help: "The account profile UDF (needed when the store holds more than one).")
        var profile: String?

        func run() throws {
            let store = try DeviceCommand.open(storeOptions)
            let entry = try store.revoke(device: device, profile: profile)
            Terminal.print("revoked \(entry.name) \(entry.device_udf)")
        }
    }
}
