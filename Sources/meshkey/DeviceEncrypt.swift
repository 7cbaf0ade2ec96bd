import ArgumentParser
import MeshCrypto
import MeshDevice
import MeshJOSE

extension Meshkey.Device {
    struct Encrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "encrypt",
            abstract: "Encrypt to a device's composite encryption key (from its verified connection record).",
            discussion: """
                Reads the plaintext from --in or standard input and prints a JWE (ECDH-ES+A256KW, A256GCM, JSON \
                serialization) to the Encryption key of the device's connection, after verifying that record under \
                the account's AdministratorSignature key.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The device's name or UDF (default: this store's own device).")
        var to: String?

        @Option(name: .customLong("in"), help: "The plaintext file (default: standard input).")
        var input: String?

        @Option(help: "The account profile UDF (needed when the store holds more than one).")
        var profile: String?

        func run() throws {
            let plaintext = try DeviceCommand.input(input, maximumCount: 16 << 20)
            let store = try DeviceCommand.open(storeOptions)
            let jwe = try store.encrypt(plaintext, device: to, profile: profile)
            Terminal.print(jwe.json.pretty())
        }
    }
}
