import ArgumentParser
import MeshCrypto
import MeshDevice
import MeshJOSE

extension Meshkey.Device {
    struct Decrypt: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decrypt",
            abstract: "Decrypt a JWE addressed to this device's composite encryption key.",
            discussion: """
                The JWE (ECDH-ES+A256KW, A256GCM; JSON or compact) is read from --in or standard input; the \
                plaintext goes to standard output, only if the GCM tag verifies.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .customLong("in"), help: "The JWE file (default: standard input).")
        var input: String?

        @Option(help: "The account profile UDF (needed when the device is in more than one).")
        var profile: String?

        func run() throws {
            let text = String(decoding: try DeviceCommand.input(input).unprotectedBytes, as: UTF8.self)
            let jwe: JWE
            do { jwe = try JWE.parse(text) } catch { throw CommandFailure("jwe_malformed", "\(error)") }
            let store = try DeviceCommand.open(storeOptions)
            let plaintext = try store.decrypt(jwe, profile: profile)
            writeOut(plaintext)
        }
    }
}
