import MeshCrypto
public import MeshEscrow
public import MeshJOSE
public import MeshKeyStore
public import MeshPaper
import MeshUDF

/// What `escrow seal` is asked to seal, and to whom.
public struct EscrowSealRequest: Sendable {
    /// Offline: under a fresh key split into shares; online: to recipients' key agreement keys.
    public enum Mode: Sendable {
        /// `threshold` of `shareCount` shares open the entry; with `commitments`, the shares' commitment
        /// document too (unsigned).
        case offline(threshold: Int, shareCount: Int, commitments: Bool)
        /// To each store key or profile named by UDF (``KeyStore/escrowRecipient(udf:)``), each recipient
        /// file (``EscrowRecipientFile``) and, with `toProfile`, the store's own profile.
        case online(recipients: [String], recipientFiles: [String], toProfile: Bool)
    }

    /// Who signs the entry.
    public enum Signer: Sendable {
        case none
        /// An Ed25519/Ed448 store key.
        case key(String)
        /// The store's profile (its ProfileSignature key).
        case profile
    }

    public var keys: [String]
    public var roles: [String]
    public var allowNonExportable: Bool
    public var mode: Mode
    public var signer: Signer
    /// The profile meant by `.profile`, `toProfile` (needed when the store holds several).
    public var profile: String?

    public init(keys: [String], roles: [String], allowNonExportable: Bool, mode: Mode, signer: Signer, profile: String?)
    {
        self.keys = keys
        self.roles = roles
        self.allowNonExportable = allowNonExportable
        self.mode = mode
        self.signer = signer
        self.profile = profile
    }
}

/// A sealed escrow entry, in memory: the entry, and for an offline one its shares (and their commitment
/// document), for an online one its recipients. Nothing is written until ``write(out:commitments:sheets:)``.
public struct SealedEscrow: Sendable {
    public let entry: EscrowEntry
    /// Offline: the shares of the entry's key.
    public let split: SecretSharing.Split?
    /// Offline, when asked for: the shares' commitment document.
    public let commitments: CommitmentDocument?
    /// Online: the recipients, in the order given.
    public let recipients: [JWE.AgreementRecipient]

    /// One sheet per share (offline), each naming the entry it opens.
    public func sheets(created: String = PaperSheet.today(), details: SheetDetails = SheetDetails()) -> [PaperSheet] {
        guard let split else { return [] }
        return split.shares.map {
            PaperSheet(
                share: $0.text,
                x: $0.x,
                threshold: split.threshold,
                total: split.shares.count,
                identifier: entry.identifier,
                created: created,
                label: nil,
                extraInstructions: commitments.map(CommitmentSheetLines.lines) ?? [],
                details: details,
                kind: .escrowEntry(identifier: entry.identifier)
            )
        }
    }

    /// Writes the entry to `out`, the commitment document to `commitments` and the share sheets (PDF) to
    /// `sheets`, all or none: each prepared in memory, written to a temporary file and linked into place at
    /// the end, never over an existing file. Returns whether the sheets' folder is private (true without
    /// sheets).
    public func write(
        out: String,
        commitments path: String?,
        sheets: (path: String, paper: PaperSize)?,
        details: SheetDetails = SheetDetails()
    ) throws -> Bool {
        var files: [(path: String, contents: SecureBytes)] = [(out, SecureBytes(entry.document))]
        if let path, let commitments { files.append((path, SecureBytes(commitments.json))) }
        if let sheets, split != nil {
            files.append(
                (sheets.path, try PaperPDF.render(self.sheets(details: details), paper: sheets.paper, qr: true))
            )
        }
        let privateFolders = try SecureFile.createAll(files)
        return sheets == nil || privateFolders.count != files.count || privateFolders.last != false
    }
}

extension KeyStore {
    /// Seals the keys the request names into an escrow entry (in memory; see ``SealedEscrow/write(out:commitments:sheets:)``).
    /// The keys are checked first, then the signer, then the recipients.
    public func sealEscrow(_ request: EscrowSealRequest) throws -> SealedEscrow {
        let keySet = try escrowKeySet(
            udfs: request.keys,
            roles: request.roles,
            allowNonExportable: request.allowNonExportable
        )
        let signer: SealSigner?
        switch request.signer {
        case .none: signer = nil
        case .key(let udf): signer = try sealSigner(udf: udf, profile: nil)
        case .profile: signer = try sealSigner(udf: nil, profile: .some(request.profile))
        }
        switch request.mode {
        case .offline(let threshold, let shareCount, let commitments):
            if commitments {
                let sealed = try EscrowEntry.sealOfflineCommitted(
                    keySet,
                    threshold: threshold,
                    shareCount: shareCount,
                    signer: signer
                )
                return SealedEscrow(
                    entry: sealed.entry,
                    split: sealed.split,
                    commitments: sealed.document,
                    recipients: []
                )
            }
            let sealed = try EscrowEntry.sealOffline(
                keySet,
                threshold: threshold,
                shareCount: shareCount,
                signer: signer
            )
            return SealedEscrow(entry: sealed.entry, split: sealed.split, commitments: nil, recipients: [])
        case .online(let udfs, let files, let toProfile):
            var recipients = try udfs.map(escrowRecipient(udf:)) + files.map(EscrowRecipientFile.recipient(path:))
            if toProfile { recipients.append(try profileRecipient(named: request.profile)) }
            return SealedEscrow(
                entry: try EscrowEntry.sealOnline(keySet, to: recipients, signer: signer),
                split: nil,
                commitments: nil,
                recipients: recipients
            )
        }
    }
}
