import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshKeyStore
import MeshKeys
import MeshPaper
import MeshUDF
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
                EscrowedKeySet and encrypted with A256GCM. --offline: under a fresh 256-bit key that is split into \
                Mesh shares (printed, one per line, after the entry's identifier) and kept nowhere else. --online: \
                to each --to recipient (a UDF of an X25519/X448 key in the store, or a file holding a public OKP JWK) \
                and, with --to-profile, to the profile's EscrowEncryption key, with ECDH-ES+A256KW. The entry is \
                written to --out (never overwritten).
                """)

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Seal under a key split into shares.") var offline = false
        @Flag(help: "Seal to escrow keys (ECDH-ES+A256KW).") var online = false

        @Option(name: .customLong("key"), help: "UDF of a store key to escrow (repeatable).")
        var keys: [String] = []

        @Option(name: .customLong("role"), help: "Escrow every store key whose label is this (repeatable).")
        var roles: [String] = []

        @Option(name: .shortAndLong, help: "Offline: shares needed to open (2-15).") var threshold: Int = 2
        @Option(help: "Offline: also write the commitment document of the key's shares (public, unsigned) to this new file; its UDF is printed after the entry's identifier.") var commitments: String?
        @Option(name: [.customShort("n"), .long], help: "Offline: shares to make (threshold-15).") var shares: Int = 3

        @Option(name: .customLong("to"), help: "Online: a recipient, a store key UDF or a public JWK file (repeatable).")
        var recipients: [String] = []

        @Flag(help: "Online: add the profile's EscrowEncryption key (X448, derived from the stored account seed) as a recipient.")
        var toProfile = false

        @Option(help: "The profile UDF for --to-profile (needed when the store holds more than one account seed).")
        var profile: String?

        @Option(help: "The entry file to create.") var out: String

        @Option(name: .customLong("print"), help: "Offline: also write share sheets (one PDF page per share, mode 0600) to this file.")
        var printFile: String?

        @Option(help: "Paper size of --print: a4 or letter.") var paper: String = "a4"

        func run() throws {
            let command = "escrow seal"
            guard offline != online else { fail(command, "give exactly one of --offline and --online") }
            if offline && (!recipients.isEmpty || toProfile) { fail(command, "--to and --to-profile are for --online") }
            if online && recipients.isEmpty && !toProfile { fail(command, "--online needs --to or --to-profile") }
            guard !keys.isEmpty || !roles.isEmpty else { fail(command, "name the keys to escrow with --key or --role") }
            if access(out, F_OK) == 0 { fail(command, "\(out) exists; it is not overwritten") }
            if printFile != nil && !offline { fail(command, "--print is for --offline (an online entry has no shares)") }
            if commitments != nil && !offline { fail(command, "--commitments is for --offline (an online entry has no shares)") }
            guard let paperSize = PaperSize(rawValue: paper) else { fail(command, "--paper is a4 or letter (got \(paper))") }
            if let printFile, access(printFile, F_OK) == 0 { fail(command, "\(printFile) exists; it is not overwritten") }
            let store = try storeOptions.open(command: command)
            let keySet = Self.keySet(store: store, udfs: keys, roles: roles, command: command)

            let entry: EscrowEntry
            var sealedSplit: SecretSharing.Split?
            var commitmentDocument: CommitmentDocument?
            var lines: [String] = []
            if offline {
                let sealed: (entry: EscrowEntry, split: SecretSharing.Split)
                if let commitments {
                    CommitmentFiles.checkWritable(commitments, command: command)
                    let committed: (entry: EscrowEntry, split: SecretSharing.Split, document: CommitmentDocument)
                    do { committed = try EscrowEntry.sealOfflineCommitted(keySet, threshold: threshold, shareCount: shares) } catch {
                        fail(command, error)
                    }
                    sealed = (committed.entry, committed.split)
                    commitmentDocument = committed.document
                } else {
                do { sealed = try EscrowEntry.sealOffline(keySet, threshold: threshold, shareCount: shares) } catch {
                    fail(command, error)
                }
                }
                entry = sealed.entry
                sealedSplit = sealed.split
                lines = [entry.identifier] + (commitmentDocument.map { [$0.udf] } ?? []) + sealed.split.shares.map(\.text)
            } else {
                var list: [JWE.AgreementRecipient] = []
                for target in recipients { list.append(Self.recipient(target, store: store, command: command)) }
                if toProfile {
                    let account = EscrowFiles.profile(in: store, profile: profile, command: command)
                    let escrow = EscrowFiles.escrowKey(of: account, command: command)
                    list.append(JWE.AgreementRecipient(key: escrow.key.publicKey, kid: escrow.udf))
                }
                do { entry = try EscrowEntry.sealOnline(keySet, to: list) } catch { fail(command, error) }
                lines = [entry.identifier] + list.map { "recipient \($0.key.algorithm.rawValue) \($0.kid ?? "(no kid)")" }
            }
            do { _ = try SecureFile.create(path: out, contents: SecureBytes(entry.document)) } catch { fail(command, error) }
            if let commitments, let commitmentDocument { CommitmentFiles.write(commitmentDocument, to: commitments, command: command) }
            if let printFile, let split = sealedSplit {
                let created = PaperSheet.today()
                let sheets = split.shares.map {
                    PaperSheet(share: $0.text, x: $0.x, threshold: split.threshold, total: split.shares.count,
                               identifier: entry.identifier, created: created, label: nil,
                               extraInstructions: ["These shares open the escrow entry \(entry.identifier.prefix(34))…:",
                                                   "    meshkey escrow open ENTRY-FILE   (then type the shares)"]
                                   + (commitmentDocument.map(CommitmentFiles.sheetLines) ?? []))
                }
                try Meshkey.Print.writePDF(sheets, to: printFile, paper: paperSize, qr: true, command: command)
            }
            Terminal.print(lines.joined(separator: "\n"))
        }

        /// The keys named by UDF or role, in that order, each once.
        static func keySet(store: KeyStore, udfs: [String], roles: [String], command: String) -> EscrowedKeySet {
            var chosen: [StoreEntry] = []
            do {
                for udf in udfs {
                    let entry = try store.entry(udf: udf)
                    guard entry.type == .key else { fail(command, "\(udf) is a \(entry.type.rawValue), not a key; escrow seeds with profile escrow or split") }
                    chosen.append(entry)
                }
                if !roles.isEmpty {
                    let all = try store.list().entries.filter { $0.type == .key }
                    for role in roles {
                        let matches = all.filter { $0.label == role }
                        if matches.isEmpty { fail(command, "not_found: no key with label \(role) in \(store.path)") }
                        chosen += matches
                    }
                }
                var seen = Set<String>()
                var keys: [EscrowedKeySet.Key] = []
                for entry in chosen where seen.insert(entry.udf).inserted {
                    keys.append(EscrowedKeySet.Key(udf: entry.udf, role: entry.label, privateKey: try store.privateKey(udf: entry.udf)))
                }
                return EscrowedKeySet(keys: keys)
            } catch { fail(command, error) }
        }

        /// A recipient: a readable file is a public JWK, anything else a store key UDF.
        static func recipient(_ target: String, store: KeyStore, command: String) -> JWE.AgreementRecipient {
            if access(target, R_OK) == 0 { return PublicKeyFile.recipient(target, command: command) }
            do {
                let key = try store.privateKey(udf: target)
                guard key.algorithm == .x25519 || key.algorithm == .x448 else {
                    fail(command, "\(target) is an \(key.algorithm.rawValue) key; recipients are X25519 or X448 keys")
                }
                return JWE.AgreementRecipient(key: key.publicKey, kid: try store.entry(udf: target).udf)
            } catch { fail(command, error) }
        }
    }
}
