import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshKeyStore
import MeshPaper
import MeshUDF
import MeshkeyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Meshkey.Escrow {
    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seal",
            abstract: "Seal private keys from the store into an escrow entry.",
            discussion: """
                The keys (--key UDF, repeatable, or --role LABEL: every key entry with that label) are put in an \
                EscrowedKeySet (with each key's exportable flag) and encrypted with A256GCM. A non-exportable key \
                is refused (not_exportable) unless --allow-non-exportable is given. --offline: under a fresh \
                256-bit key that is split into Mesh shares (printed, one per line, after the entry's identifier) \
                and kept nowhere else. --online: to each --to recipient (the UDF of an X25519/X448 key in the \
                store, or of a profile whose document is in the store folder, or that profile's EscrowEncryption \
                key), each --to-file recipient (a public OKP JWK file, whose kid must be the key's UDF, or a \
                profile document) and, with --to-profile, the store's own profile's EscrowEncryption key, with \
                ECDH-ES+A256KW; the kid of each recipient is the UDF computed from its key. An online entry is \
                signed by --sign-with UDF (an Ed25519/Ed448 key in the store) or --sign-with-profile (the \
                profile's ProfileSignature key: the signer is the profile UDF), or explicitly left unsigned with \
                --unsigned. The entry (and the --print sheets) are written all or none: prepared in memory, \
                written to temporary files and linked into place at the end (never overwriting).
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Seal under a key split into shares.") var offline = false
        @Flag(help: "Seal to escrow keys (ECDH-ES+A256KW).") var online = false

        @Option(name: .customLong("key"), help: "UDF of a store key to escrow (repeatable).")
        var keys: [String] = []

        @Option(name: .customLong("role"), help: "Escrow every store key whose label is this (repeatable).")
        var roles: [String] = []

        @Flag(help: "Let non-exportable keys be escrowed too (their flag travels in the entry and is kept on import).")
        var allowNonExportable = false

        @Option(name: .shortAndLong, help: "Offline: shares needed to open (2-15).") var threshold: Int = 2
        @Option(
            help:
                "Offline: also write the commitment document of the key's shares (public, unsigned) to this new file; its UDF is printed after the entry's identifier."
        ) var commitments: String?
        @Option(name: [.customShort("n"), .long], help: "Offline: shares to make (threshold-15).") var shares: Int = 3

        @Option(
            name: .customLong("to"),
            help:
                "Online: a recipient UDF: an X25519/X448 store key, or a profile (or its EscrowEncryption key) whose document is in the store folder (repeatable). Never read as a file."
        )
        var recipients: [String] = []

        @Option(
            name: .customLong("to-file"),
            help:
                "Online: a recipient file: a public X25519/X448 JWK (kid, if any, must be the key's UDF) or a profile document (repeatable)."
        )
        var recipientFiles: [String] = []

        @Flag(
            help:
                "Online: add the profile's EscrowEncryption key (X448, derived from the stored account seed) as a recipient."
        )
        var toProfile = false

        @Option(
            help:
                "The profile UDF for --to-profile and --sign-with-profile (needed when the store holds more than one account seed)."
        )
        var profile: String?

        @Option(help: "Sign the entry with this Ed25519/Ed448 store key (UDF).")
        var signWith: String?

        @Flag(help: "Sign the entry with the profile's ProfileSignature key (the signer's UDF is the profile UDF).")
        var signWithProfile = false

        @Flag(help: "Online: leave the entry unsigned (recipients then cannot tell who sealed it).")
        var unsigned = false

        @Option(help: "The entry file to create.") var out: String

        @Option(
            name: .customLong("print"),
            help: "Offline: also write share sheets (one PDF page per share, mode 0600) to this file."
        )
        var printFile: String?

        @Option(help: "Paper size of --print: a4 or letter.") var paper: String = "a4"

        @OptionGroup var sheetOptions: SheetOptions

        func run() throws {
            let paperSize = try checkOptions()
            if offline, let commitments { try OutputFile.refuseExisting(commitments, what: "commitment documents") }
            let store = try storeOptions.open()
            let request = EscrowSealRequest(
                keys: keys,
                roles: roles,
                allowNonExportable: allowNonExportable,
                mode: offline
                    ? .offline(threshold: threshold, shareCount: shares, commitments: commitments != nil)
                    : .online(recipients: recipients, recipientFiles: recipientFiles, toProfile: toProfile),
                signer: signWith.map { .key($0) } ?? (signWithProfile ? .profile : .none),
                profile: profile
            )
            let sealed = try store.sealEscrow(request)
            var lines =
                [sealed.entry.identifier] + (sealed.commitments.map { [$0.udf] } ?? [])
                + (sealed.split?.shares.map(\.text) ?? [])
                + sealed.recipients.map { "recipient \($0.key.algorithm.rawValue) \($0.kid ?? "(no kid)")" }
            if let signature = sealed.entry.signature {
                lines.append("signer \(signature.signerUDF)")
            } else if online {
                lines.append("unsigned")
            }
            let privateSheets = try sealed.write(
                out: out,
                commitments: commitments,
                sheets: printFile.map { ($0, paperSize) },
                details: sheetOptions.details
            )
            if let printFile, !privateSheets {
                Terminal.note(
                    "warning: \(printFile) is in a folder that others can read; move the sheets somewhere private"
                )
            }
            Terminal.print(lines.joined(separator: "\n"))
        }

        /// The option cross-checks (exit code 1, before the store is opened), and the paper size of --print.
        private func checkOptions() throws -> PaperSize {
            guard offline != online else {
                throw CommandFailure("invalid_options", "give exactly one of --offline and --online")
            }
            if offline && (!recipients.isEmpty || !recipientFiles.isEmpty || toProfile) {
                throw CommandFailure("invalid_options", "--to, --to-file and --to-profile are for --online")
            }
            if online && recipients.isEmpty && recipientFiles.isEmpty && !toProfile {
                throw CommandFailure("invalid_options", "--online needs --to, --to-file or --to-profile")
            }
            guard !keys.isEmpty || !roles.isEmpty else {
                throw CommandFailure("invalid_options", "name the keys to escrow with --key or --role")
            }
            if access(out, F_OK) == 0 { throw CommandFailure("file_exists", "\(out) exists; it is not overwritten") }
            if printFile != nil && !offline {
                throw CommandFailure("invalid_options", "--print is for --offline (an online entry has no shares)")
            }
            if commitments != nil && !offline {
                throw CommandFailure(
                    "invalid_options",
                    "--commitments is for --offline (an online entry has no shares)"
                )
            }
            guard let paperSize = PaperSize(rawValue: paper) else {
                throw CommandFailure("invalid_options", "--paper is a4 or letter (got \(paper))")
            }
            if let printFile, access(printFile, F_OK) == 0 {
                throw CommandFailure("file_exists", "\(printFile) exists; it is not overwritten")
            }
            if let printFile, printFile == out {
                throw CommandFailure("invalid_options", "--print and --out name the same file")
            }
            let signerChoices = [signWith != nil, signWithProfile, unsigned].filter { $0 }.count
            if signerChoices > 1 {
                throw CommandFailure(
                    "invalid_options",
                    "give at most one of --sign-with, --sign-with-profile and --unsigned"
                )
            }
            if online && signerChoices == 0 {
                throw CommandFailure(
                    "unsigned",
                    "an online entry is signed: give --sign-with UDF or --sign-with-profile (or --unsigned)"
                )
            }
            return paperSize
        }
    }
}
