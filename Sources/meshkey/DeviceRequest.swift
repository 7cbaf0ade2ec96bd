import ArgumentParser
import MeshDevice

extension Meshkey.Device {
    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Make this store's device profile (if it has none) and write it as an enrolment request.",
            discussion: """
                The device seed is stored sealed and not exportable; the device profile, signed by the device's own \
                ProfileSignature key, is kept as <device UDF>.device in the store and written to --out (or standard \
                output) for `device enroll --request` on the administrator's store.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "Where to write the request (must not exist); standard output if absent.")
        var out: String?

        func run() throws {
            if let out { try DeviceCommand.checkNew(out) }
            let store = try DeviceCommand.open(storeOptions)
            let made = try store.request()
            if let out {
                try DeviceCommand.writeNew(made.profile.record.json, to: out)
                Terminal.print(
                    "device \(made.profile.deviceUDF)\(made.created ? " created" : ""); request written to \(out)"
                )
            } else {
                Terminal.print(String(decoding: made.profile.record.json.dropLast(), as: UTF8.self))
            }
        }
    }
}
