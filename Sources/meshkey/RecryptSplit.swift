import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshKeyStore
import MeshKeys
import MeshMath
import MeshkeyKit

extension Meshkey.Recrypt {
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Split a group private key into a member share and a service share.",
            discussion: """
                The group key is --group-key (a file) or --group-entry (a key in the store). The member share is the \
                scalar of --member-key, or random; the service share is (group − member) mod L. Writes the member's \
                share to --member-out and the service's to --service-out (new files, mode 0600) and prints the group \
                key's UDF and public key.
                With --member-device, the member's file is a DeviceRecryptionKey: its KeyComposite sealed (JWE) to \
                that public key, with the service share's public key so the member can check the two add up. With \
                --service-key, the service's file is a ServiceRecryptionKey sealed the same way. Each party imports \
                its file with `meshkey store import --file`. Without them the files are a KeyComposite (member) and \
                a `<alg>z` key file (service), in clear. A sealed file is signed by --sign-with UDF (an Ed25519/Ed448 \
                store key) or --sign-with-profile (the profile's ProfileSignature key), or explicitly left unsigned \
                with --unsigned; the holder checks the signer with `store import --expect-signer`. A non-exportable \
                --group-entry is refused (not_exportable) unless --allow-non-exportable is given: both shares are \
                the group key's private material leaving the store.
                """
        )

        @Option(
            name: .customLong("group-key"),
            help: "The group private key (PKCS#8 PEM or JSON key file; secret input; `-` is standard input)."
        )
        var groupKey: String?

        @Option(
            name: .customLong("group-entry"),
            help: "The group private key: the UDF of an X or Edwards key in the store."
        )
        var groupEntry: String?

        @OptionGroup var storeOptions: StoreOptions

        @Option(
            name: .customLong("member-key"),
            help: "The member's own private key, used as its share (a file: secret input; `-` is standard input)."
        )
        var memberKey: String?

        @Option(help: "Who holds the service share (stored in the KeyComposite).")
        var service: String

        @Option(
            name: .customLong("member-device"),
            help:
                "Seal the member's share to this X25519/X448 public key (a JWK file, as `store export --format jwk` writes)."
        )
        var memberDevice: String?

        @Option(
            name: .customLong("service-key"),
            help: "Seal the service's share to this X25519/X448 public key (a JWK file)."
        )
        var serviceKey: String?

        @Flag(
            help: "Let a non-exportable --group-entry be split (its private key then leaves the store as two shares)."
        )
        var allowNonExportable = false

        @Option(help: "Sign the sealed files with this Ed25519/Ed448 store key (UDF).")
        var signWith: String?

        @Flag(help: "Sign the sealed files with the profile's ProfileSignature key.")
        var signWithProfile = false

        @Option(
            help: "The profile UDF for --sign-with-profile (needed when the store holds more than one account seed)."
        )
        var profile: String?

        @Flag(help: "Leave the sealed files unsigned.")
        var unsigned = false

        @Option(name: .customLong("member-out"), help: "File to create for the member's share.")
        var memberOut: String

        @Option(name: .customLong("service-out"), help: "File to create for the service's share.")
        var serviceOut: String

        func run() throws {
            // Public inputs first: a refusal then exits before any private key is in memory.
            let memberRecipient = try memberDevice.map { try PublicKeyFile.recipient($0) }
            let serviceRecipient = try serviceKey.map { try PublicKeyFile.recipient($0) }
            let signerChoices = [signWith != nil, signWithProfile, unsigned].filter { $0 }.count
            if signerChoices > 1 {
                throw CommandFailure(
                    "invalid_input",
                    "give at most one of --sign-with, --sign-with-profile and --unsigned"
                )
            }
            let sealed = memberRecipient != nil || serviceRecipient != nil
            if sealed && signerChoices == 0 {
                throw CommandFailure(
                    "unsigned",
                    "a sealed share is signed: give --sign-with UDF or --sign-with-profile (or --unsigned)"
                )
            }
            if !sealed && signerChoices > 0 && !unsigned {
                throw CommandFailure(
                    "invalid_input",
                    "--sign-with and --sign-with-profile sign sealed files (--member-device, --service-key)"
                )
            }
            let signer: SealSigner? =
                signWith != nil || signWithProfile
                ? try storeOptions.open().sealSigner(udf: signWith, profile: signWithProfile ? .some(profile) : nil)
                : nil
            let group = try groupScalarKey()
            let member = try memberKey.map { try ScalarKeyFiles.readKey($0) }
            if let member, member.curve != group.curve {
                throw ScalarKeyError(
                    .invalidKey,
                    "the member key is \(member.curve.rawValue), the group key \(group.curve.rawValue)"
                )
            }
            let files: RecryptionShareFiles
            do {
                files = try RecryptionShareFiles(
                    group: group,
                    member: member?.scalar,
                    service: service,
                    memberRecipient: memberRecipient,
                    serviceRecipient: serviceRecipient,
                    signer: signer
                )
            } catch let error as ScalarKeyError { throw error } catch {
                throw CommandFailure(describing: error, code: "seal_failed")
            }
            try ScalarKeyFiles.createAll(
                [(contents: files.member, path: memberOut), (contents: files.service, path: serviceOut)],
                sharedFolder: PartialResults.warnReadableFolder
            )
            Terminal.print("\(group.udf())\n\(Hex.encode(group.publicKeyExtended))")
        }

        /// The group key from --group-key or --group-entry (exactly one).
        func groupScalarKey() throws -> ScalarKey {
            switch (groupKey, groupEntry) {
            case (let path?, nil):
                return try ScalarKeyFiles.readKey(path)
            case (nil, let udf?):
                let store = try storeOptions.open()
                do {
                    let key = try store.releasablePrivateKey(udf: udf, allowNonExportable: allowNonExportable).key
                    return try ScalarKey(standardPrivate: key.rawRepresentation(), curve: key.algorithm)
                } catch let error as KeyStoreError {
                    throw CommandFailure(error.code.rawValue, error.description)
                } catch { throw CommandFailure(describing: error, code: "invalid_key") }
            default:
                throw CommandFailure(
                    "invalid_input",
                    "give the group key with --group-key FILE or --group-entry UDF (one of them)"
                )
            }
        }
    }
}
