import ArgumentParser
import MeshCrypto
import MeshDevice

extension Meshkey.Device {
    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign a message with this device's composite signature key (Ed448).",
            discussion: """
                The message is read from --in or standard input. The composite scalar is (base + activation \
                contribution) mod L, checked against the connection record; the EdDSA nonce uses a secret prefix \
                derived from the scalar. Prints the 114-byte signature in base64url; it verifies as a standard \
                Ed448 signature under the connection's composite Signature key.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(name: .customLong("in"), help: "The message file (default: standard input).")
        var input: String?

        @Option(help: "The account profile UDF (needed when the device is in more than one).")
        var profile: String?

        func run() throws {
            let message = try DeviceCommand.input(input, maximumCount: 16 << 20)
            let store = try DeviceCommand.open(storeOptions)
            let signed = try store.sign(message.unprotectedBytes, profile: profile)
            Terminal.print(Base64URL.encode(signed.signature))
        }
    }
}
