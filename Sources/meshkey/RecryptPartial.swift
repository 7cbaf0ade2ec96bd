import ArgumentParser
import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshMath

extension Meshkey.Recrypt {
    struct Partial: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "partial",
            abstract: "Compute a partial decryption result share·E.",
            discussion: """
                The share is --key (the member's KeyComposite or the service's key file) or --share (a share entry \
                in the store, imported with `meshkey store import`). E is validated (on the curve, of order L). \
                Prints the partial result in hex (RFC 8032 encoding, or u ‖ parity byte for X keys).
                """
        )

        @Option(
            help:
                "The share: a KeyComposite (member) or a JSON key file (service); secret input; `-` is standard input."
        )
        var key: String?

        @Option(help: "The share: the UDF of a share entry in the store (--store).")
        var share: String?

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: "The ephemeral public key E (hex; X keys extended, 33/57 bytes).")
        var ephemeral: String

        @Flag(help: "Print one JSON object: {algorithm, partial_hex}.")
        var json = false

        func run() throws {
            let e = try PartialResults.hex(ephemeral, "--ephemeral")
            let shareKey: ScalarKey
            switch (key, share) {
            case (let path?, nil):
                shareKey = try ScalarKeyFiles.readShare(path)
            case (nil, let udf?):
                let store = try storeOptions.open()
                do { shareKey = try store.share(udf: udf).key } catch {
                    throw CommandFailure(describing: error, code: "invalid_input")
                }
            default:
                throw CommandFailure("invalid_input", "give the share with --key FILE or --share UDF (one of them)")
            }
            PartialResults.printPartial(
                try Recryption.partial(share: shareKey.scalar, ephemeral: e, curve: shareKey.curve),
                json: json
            )
        }
    }
}
