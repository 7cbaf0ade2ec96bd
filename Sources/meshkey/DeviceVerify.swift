import ArgumentParser
import MeshDevice

extension Meshkey.Device {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a device's whole chain against the account profile.",
            discussion: """
                The account profile document must verify and be --expect; the device profile's self-signature; the \
                device and service connections signed by that profile's AdministratorSignature key (no other) and \
                naming this account and device; every catalog version signed by it and chained; the device listed \
                active with these records' digests; no revocation record. For this store's own device, also that \
                its composite private keys give the connection's keys. Exit code 1 on any failure.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The account profile UDF.")
        var expect: String

        @Argument(help: "The device's name or UDF (default: this store's own device).")
        var device: String?

        func run() throws {
            let store = try DeviceCommand.open(storeOptions)
            let report = try store.verify(expect: expect, device: device)
            Terminal.print(DeviceCommand.describe(report).joined(separator: "\n"))
        }
    }
}
