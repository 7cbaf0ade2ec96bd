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
                """)

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
        @Option(help: "Offline: also write the commitment document of the key's shares (public, unsigned) to this new file; its UDF is printed after the entry's identifier.") var commitments: String?
        @Option(name: [.customShort("n"), .long], help: "Offline: shares to make (threshold-15).") var shares: Int = 3

        @Option(name: .customLong("to"), help: "Online: a recipient UDF: an X25519/X448 store key, or a profile (or its EscrowEncryption key) whose document is in the store folder (repeatable). Never read as a file.")
        var recipients: [String] = []

        @Option(name: .customLong("to-file"), help: "Online: a recipient file: a public X25519/X448 JWK (kid, if any, must be the key's UDF) or a profile document (repeatable).")
        var recipientFiles: [String] = []

        @Flag(help: "Online: add the profile's EscrowEncryption key (X448, derived from the stored account seed) as a recipient.")
        var toProfile = false

        @Option(help: "The profile UDF for --to-profile and --sign-with-profile (needed when the store holds more than one account seed).")
        var profile: String?

        @Option(help: "Sign the entry with this Ed25519/Ed448 store key (UDF).")
        var signWith: String?

        @Flag(help: "Sign the entry with the profile's ProfileSignature key (the signer's UDF is the profile UDF).")
        var signWithProfile = false

        @Flag(help: "Online: leave the entry unsigned (recipients then cannot tell who sealed it).")
        var unsigned = false

        @Option(help: "The entry file to create.") var out: String

        @Option(name: .customLong("print"), help: "Offline: also write share sheets (one PDF page per share, mode 0600) to this file.")
        var printFile: String?

        @Option(help: "Paper size of --print: a4 or letter.") var paper: String = "a4"

        func run() throws {
            let command = "escrow seal"
            guard offline != online else { fail(command, "give exactly one of --offline and --online") }
            if offline && (!recipients.isEmpty || !recipientFiles.isEmpty || toProfile) {
                fail(command, "--to, --to-file and --to-profile are for --online")
            }
            if online && recipients.isEmpty && recipientFiles.isEmpty && !toProfile { fail(command, "--online needs --to, --to-file or --to-profile") }
            guard !keys.isEmpty || !roles.isEmpty else { fail(command, "name the keys to escrow with --key or --role") }
            if access(out, F_OK) == 0 { fail(command, "\(out) exists; it is not overwritten") }
            if printFile != nil && !offline { fail(command, "--print is for --offline (an online entry has no shares)") }
            if commitments != nil && !offline { fail(command, "--commitments is for --offline (an online entry has no shares)") }
            guard let paperSize = PaperSize(rawValue: paper) else { fail(command, "--paper is a4 or letter (got \(paper))") }
            if let printFile, access(printFile, F_OK) == 0 { fail(command, "\(printFile) exists; it is not overwritten") }
            if let printFile, printFile == out { fail(command, "--print and --out name the same file") }
            let signerChoices = [signWith != nil, signWithProfile, unsigned].filter { $0 }.count
            if signerChoices > 1 { fail(command, "give at most one of --sign-with, --sign-with-profile and --unsigned") }
            if online && signerChoices == 0 {
                fail(command, "unsigned: an online entry is signed: give --sign-with UDF or --sign-with-profile (or --unsigned)")
            }
            let store = try storeOptions.open(command: command)
            let keySet = Self.keySet(store: store, udfs: keys, roles: roles, allowNonExportable: allowNonExportable, command: command)
            let signer = Self.signer(store: store, udf: signWith, profile: signWithProfile ? .some(profile) : nil, command: command)

            let entry: EscrowEntry
            var files: [(path: String, contents: SecureBytes)] = []
            var lines: [String] = []
            if offline {
                let sealed: (entry: EscrowEntry, split: SecretSharing.Split)
                var commitmentDocument: CommitmentDocument?
                if let commitments {
                    CommitmentFiles.checkWritable(commitments, command: command)
                    let committed: (entry: EscrowEntry, split: SecretSharing.Split, document: CommitmentDocument)
                    do {
                        committed = try EscrowEntry.sealOfflineCommitted(keySet, threshold: threshold, shareCount: shares, signer: signer)
                    } catch { fail(command, error) }
                    sealed = (committed.entry, committed.split)
                    commitmentDocument = committed.document
                } else {
                    do { sealed = try EscrowEntry.sealOffline(keySet, threshold: threshold, shareCount: shares, signer: signer) } catch {
                        fail(command, error)
                    }
                }
                entry = sealed.entry
                lines = [entry.identifier] + (commitmentDocument.map { [$0.udf] } ?? []) + sealed.split.shares.map(\.text)
                files.append((out, SecureBytes(entry.document)))
                if let commitments, let commitmentDocument { files.append((commitments, SecureBytes(commitmentDocument.json))) }
                if let printFile {
                    let split = sealed.split
                    let created = PaperSheet.today()
                    let sheets = split.shares.map {
                        PaperSheet(share: $0.text, x: $0.x, threshold: split.threshold, total: split.shares.count,
                                   identifier: entry.identifier, created: created, label: nil,
                                   extraInstructions: ["These shares open the escrow entry \(entry.identifier.prefix(34))…:",
                                                       "    meshkey escrow open ENTRY-FILE   (then type the shares)"]
                                       + (commitmentDocument.map(CommitmentFiles.sheetLines) ?? []))
                    }
                    do { files.append((printFile, try PaperPDF.render(sheets, paper: paperSize, qr: true))) } catch { fail(command, error.description) }
                }
            } else {
                var list: [JWE.AgreementRecipient] = []
                for target in recipients { list.append(Self.recipient(udf: target, store: store, command: command)) }
                for path in recipientFiles { list.append(Self.recipient(file: path, command: command)) }
                if toProfile {
                    let account = EscrowFiles.profile(in: store, profile: profile, command: command)
                    let escrow = EscrowFiles.escrowKey(of: account, command: command)
                    list.append(JWE.AgreementRecipient(key: escrow.key.publicKey, kid: escrow.udf))
                }
                do { entry = try EscrowEntry.sealOnline(keySet, to: list, signer: signer) } catch { fail(command, error) }
                lines = [entry.identifier] + list.map { "recipient \($0.key.algorithm.rawValue) \($0.kid ?? "(no kid)")" }
                files.append((out, SecureBytes(entry.document)))
            }
            if let signature = entry.signature { lines.append("signer \(signature.signerUDF)") } else if online { lines.append("unsigned") }
            let privateFolders: [Bool]
            do { privateFolders = try SecureFile.createAll(files) } catch { fail(command, error.description) }
            if let printFile, privateFolders.count == files.count, privateFolders.last == false {
                Terminal.error("meshkey \(command): warning: \(printFile) is in a folder that others can read; move the sheets somewhere private")
            }
            Terminal.print(lines.joined(separator: "\n"))
        }

        /// The keys named by UDF or role, in that order, each once, with their exportable flags. A
        /// non-exportable key is refused unless `allowNonExportable`.
        static func keySet(store: KeyStore, udfs: [String], roles: [String], allowNonExportable: Bool, command: String) -> EscrowedKeySet {
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
                        if matches.isEmpty { fail(command, "not_found: no key with label \(KeyLabel.displayed(role)) in \(store.path)") }
                        chosen += matches
                    }
                }
                var seen = Set<String>()
                var keys: [EscrowedKeySet.Key] = []
                for entry in chosen where seen.insert(entry.udf).inserted {
                    let released = try store.releasablePrivateKey(udf: entry.udf, allowNonExportable: allowNonExportable)
                    // A label stored before labels were checked travels escaped (the opener refuses control characters).
                    keys.append(EscrowedKeySet.Key(udf: released.entry.udf, role: released.entry.label.flatMap(KeyLabel.acceptable),
                                                   privateKey: released.key,
                                                   exportable: released.entry.exportable))
                }
                return EscrowedKeySet(keys: keys)
            } catch { fail(command, "\(error.code): \(error)") }
        }

        /// The signing key: a store key (`udf`) or the profile's ProfileSignature key (`profile` is .some).
        static func signer(store: KeyStore, udf: String?, profile: String??, command: String) -> SealSigner? {
            if let udf {
                do { return try SealSigner(key: try store.privateKey(udf: udf)) } catch let error as EscrowError {
                    fail(command, "--sign-with \(udf): \(error)")
                } catch { fail(command, error) }
            }
            if let profile {
                let account = EscrowFiles.profile(in: store, profile: profile, command: command)
                do { return try SealSigner(derived: account.key(.profileSignature)) } catch { fail(command, error) }
            }
            return nil
        }

        /// A recipient named by UDF: an X25519/X448 key entry of the store, else a profile document in the store
        /// folder (by profile UDF, or by its EscrowEncryption key's UDF). Never a file of that name.
        static func recipient(udf: String, store: KeyStore, command: String) -> JWE.AgreementRecipient {
            do {
                if let entry = try? store.entry(udf: udf) {
                    if entry.type == .seed && entry.algorithm == "MeshProfileAccount" {
                        // The store's own profile: its EscrowEncryption key, derived from the seed.
                        let escrow = EscrowFiles.escrowKey(of: EscrowFiles.profile(in: store, profile: entry.udf, command: command), command: command)
                        return JWE.AgreementRecipient(key: escrow.key.publicKey, kid: escrow.udf)
                    }
                    guard entry.type == .key else { fail(command, "--to \(udf) is a \(entry.type.rawValue), not an X25519/X448 key") }
                    return try EscrowRecipient.recipient(privateKey: try store.privateKey(udf: entry.udf))
                }
                if let document = EscrowFiles.profileDocument(naming: udf, in: store) {
                    return try EscrowRecipient.recipient(profile: document)
                }
            } catch let error as EscrowError { fail(command, error) } catch { fail(command, "\(error)") }
            fail(command, "not_found: --to \(KeyLabel.displayed(udf)) is neither a key in \(store.path) nor a profile with a document there (a file is given with --to-file)")
        }

        /// A recipient file: a public JWK or a profile document.
        static func recipient(file path: String, command: String) -> JWE.AgreementRecipient {
            let bytes: SecureBytes
            do { bytes = try SecureFile.read(path: path, maximumCount: 1 << 16) } catch { fail(command, error) }
            guard let json = JSONValue.parse(bytes.unprotectedBytes) else { fail(command, "\(path) is not a JSON JWK or profile document") }
            do {
                if json["signatures"] != nil {
                    let document: ProfileDocument
                    do { document = try ProfileDocument.verify(bytes.unprotectedBytes) } catch {
                        fail(command, "\(path): not a valid profile document: \(error)")
                    }
                    return try EscrowRecipient.recipient(profile: document)
                }
                let jwk: OKPKey
                do { jwk = try OKPKey(json: json) } catch { fail(command, "\(path): \(error)") }
                return try EscrowRecipient.recipient(jwk: jwk)
            } catch { fail(command, "\(path): \(error)") }
        }
    }
}
