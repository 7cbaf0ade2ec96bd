import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshKeyStore
import MeshKeys
import MeshUDF
import MeshkeyKit

extension Meshkey.Escrow {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open an escrow entry and list (or, with --import, install) the keys it holds.",
            discussion: """
                An offline entry opens with its shares (arguments after the entry, or one per line on standard \
                input). An online entry opens with --with-profile (the profile's EscrowEncryption key, derived from \
                the stored account seed) or --key UDF (an X25519/X448 key in the store). The recovered keys are \
                listed (role, algorithm, UDF), after the line `signer <UDF>` (or `unsigned`), and nothing is \
                written, unless --import is given: then each key not already in the store is added, labelled with \
                its role and exportable only if the entry says so (version 1 entries: not exportable). The \
                signature is verified before anything is decrypted; with --expect-signer it must be by that UDF \
                (an Ed25519/Ed448 key's UDF, or the sender's profile UDF). --import of an online entry needs \
                --expect-signer, or --allow-unsigned to accept an entry whose sender nothing proves.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The entry file.") var entry: String

        @OptionGroup var shareSource: ShareSourceOptions

        @Flag(help: "Online: open with the profile's EscrowEncryption key.") var withProfile = false
        @Option(help: "The profile UDF for --with-profile (needed when the store holds more than one account seed).")
        var profile: String?
        @Option(help: "Online: open with this store key (UDF).") var key: String?
        @Flag(name: .customLong("import"), help: "Install the recovered keys into the store.") var install = false
        @Option(help: "The UDF that must have signed the entry (the sender's signing key or profile UDF).")
        var expectSigner: String?
        @Flag(help: "With --import of an online entry: accept it unsigned, or signed without --expect-signer.")
        var allowUnsigned = false

        func run() throws {
            let parsed = try EscrowEntryFile.read(entry)
            if install && parsed.kind == .online && expectSigner == nil && !allowUnsigned {
                throw CommandFailure(
                    "unsigned",
                    "--import of an online entry needs --expect-signer UDF (who sealed it), or --allow-unsigned"
                )
            }
            let expectation = SealSignature.Expectation(signer: expectSigner, requireSignature: false)
            let signer = try parsed.checkSignature(expectation)
            let keySet: EscrowedKeySet
            switch parsed.kind {
            case .offline:
                if withProfile || key != nil {
                    throw CommandFailure("wrong_entry_type", "\(entry) is an offline entry; open it with its shares")
                }
                let recovered = try shareSource.recoveredSecret()
                keySet = try parsed.openOffline(key: recovered.secret, expectation: expectation)
            case .online:
                if !shareSource.isEmpty {
                    throw CommandFailure(
                        "wrong_entry_type",
                        "\(entry) is an online entry; open it with --with-profile or --key"
                    )
                }
                guard withProfile != (key != nil) else {
                    throw CommandFailure("invalid_input", "give exactly one of --with-profile and --key")
                }
                let store = try storeOptions.open()
                let privateKey = try store.escrowOpeningKey(profile: withProfile ? .some(profile) : nil, key: key)
                keySet = try parsed.openOnline(privateKey: privateKey, expectation: expectation)
            }
            var lines = [signer.map { "signer \($0)" } ?? "unsigned"] + Meshkey.Escrow.lines(keySet.keys)
            if install {
                let store = try storeOptions.open()
                let added = try store.installEscrowedKeys(keySet)
                lines.append("imported \(added) of \(keySet.keys.count) keys into \(store.path)")
            } else {
                lines.append("\(keySet.keys.count) keys; nothing was written (use --import to install them)")
            }
            Terminal.print(lines.joined(separator: "\n"))
        }
    }
}
