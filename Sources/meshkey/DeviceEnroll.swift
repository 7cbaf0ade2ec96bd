import ArgumentParser
import MeshCrypto
import MeshDevice

extension Meshkey.Device {
    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enroll",
            abstract: "Enrol a device in the account, as its administrator.",
            discussion: """
                Needs the account seed in this store (e.g. right after `profile recover`) or this store's own \
                administrator grant. Without --request, enrols this store's own device (made if needed) as an \
                administrator device: it is activated here and granted the AdministratorSignature key, encrypted \
                to its composite encryption key, so that it keeps working and enrolling after `profile purge`. \
                With --request FILE (a device profile from `device request`), enrols that device and writes the \
                answer for `device accept` to --out. Either way the activation is encrypted to the device's base \
                encryption key, the connections and a new catalog version are signed by AdministratorSignature.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The device's name in the catalog (1 to 64 printable ASCII characters, no spaces).")
        var name: String

        @Option(help: "A device profile from `device request` on another store.")
        var request: String?

        @Option(help: "Where to write the answer for `device accept` (with --request; must not exist).")
        var out: String?

        @Option(help: "The account profile UDF (needed when the store holds more than one).")
        var profile: String?

        func validate() throws {
            if request != nil && out == nil {
                throw CommandFailure("missing_out", "--request needs --out FILE for the answer")
            }
            if request == nil && out != nil {
                throw CommandFailure(
                    "unexpected_out",
                    "--out is for --request; enrolling this store's own device writes no answer"
                )
            }
        }

        func run() throws {
            var requestRecord: SignedRecord?
            if let request, let out {
                try DeviceCommand.checkNew(out)
                requestRecord = try SignedRecord.parse(
                    DeviceCommand.input(request).unprotectedBytes,
                    what: "device_profile"
                )
            }
            let store = try DeviceCommand.open(storeOptions)
            let result = try store.enroll(name: name, request: requestRecord, profile: profile)
            if let out { try DeviceCommand.writeNew(result.answer.json, to: out) }
            let account = (try? AccountProfile(document: result.answer.accountProfile))?.udf ?? "?"
            Terminal.print(
                "enrolled \(name) \(result.udf) in account \(account)" + (out.map { "; answer written to \($0)" } ?? "")
            )
        }
    }
}
