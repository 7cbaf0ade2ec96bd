import ArgumentParser
import MeshCrypto
import MeshDevice

extension Meshkey.Device {
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept",
            abstract: "Install an enrolment answer on this store's device, after verifying all of it.",
            discussion: """
                The account profile must be --expect; the answer must be for this store's device profile; the \
                activation must decrypt with the device's base encryption key and be signed by the account's \
                AdministratorSignature key; the connections and every catalog version must be signed by that key, \
                the catalog must list this device as active with these records' digests and extend any catalog \
                already here, and the composite keys the activation gives must be those in the connection. Only \
                then is the activation seed stored (sealed, not exportable) and are the records written.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The answer written by `device enroll --request … --out`.")
        var answer: String

        @Option(help: "The account profile UDF this device is joining.")
        var expect: String

        func run() throws {
            let parsed = try EnrolmentAnswer.parse(try DeviceCommand.input(answer).unprotectedBytes)
            let store = try DeviceCommand.open(storeOptions)
            let report = try store.accept(parsed, expect: expect)
            Terminal.print(DeviceCommand.describe(report).joined(separator: "\n"))
        }
    }
}
