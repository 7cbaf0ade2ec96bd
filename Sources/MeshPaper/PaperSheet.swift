public import MeshUDF

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one printed page carries: a share with its check codes, the set's manifest, and what a holder
/// needs to know years later (what the sheet protects, whose it is, how to recover). The wording is in
/// `PaperSheet+Wording.swift`; the page layout in `PaperPDF`.
public struct PaperSheet: Sendable {
    /// What the shares of the set rebuild; it decides the wording and the recovery command.
    public enum Kind: Sendable, Equatable {
        /// A secret split by `meshkey split` (or printed from its shares): `meshkey recover`.
        case secret
        /// An account seed (profile escrow): the set identifier is the profile UDF;
        /// `meshkey profile recover --expect UDF` restores the profile into a key store.
        case accountSeed
        /// The key of an offline escrow entry (its identifier given): `meshkey escrow open ENTRY-FILE`.
        case escrowEntry(identifier: String)
    }

    /// The share UDF as the reference reads it (dashed).
    public let share: String
    public let x: Int
    public let threshold: Int
    /// Shares in the whole set (not only those printed now), when known.
    public let total: Int?
    /// The set's identifier (the secret's identifier, or an account's profile UDF), if known.
    public let identifier: String?
    /// Creation date, YYYY-MM-DD.
    public let created: String
    /// Who holds this sheet (printed as "Holder:").
    public let label: String?
    public let checks: PaperCheck.Sheet
    /// Extra recovery instructions (e.g. how to check a share against a commitment document); a line that
    /// starts with four spaces is a command.
    public let extraInstructions: [String]
    /// What the secret protects, in the user's words (e.g. "the family photo archive").
    public let purpose: String?
    /// Whose secret it is (a person or an organisation).
    public let owner: String?
    /// The x values of the sheets printed together now; nil when not known. Fewer than `total` makes the
    /// sheet say which ones were printed; fewer than `threshold` makes it say how many must come from
    /// elsewhere.
    public let printed: [Int]?
    public let kind: Kind
    /// The version of meshkey that made the sheet (printed as "meshkey VERSION, a free program").
    public let meshkeyVersion: String?

    public init(
        share: String,
        x: Int,
        threshold: Int,
        total: Int?,
        identifier: String?,
        created: String,
        label: String?,
        extraInstructions: [String] = [],
        purpose: String? = nil,
        owner: String? = nil,
        printed: [Int]? = nil,
        kind: Kind = .secret,
        meshkeyVersion: String? = nil
    ) {
        self.extraInstructions = extraInstructions
        self.share = share
        self.x = x
        self.threshold = threshold
        self.total = total
        self.identifier = identifier
        self.created = created
        self.label = Self.present(label)
        self.purpose = Self.present(purpose)
        self.owner = Self.present(owner)
        self.printed = printed.map { Array(Set($0)).sorted() }
        self.kind = kind
        self.meshkeyVersion = Self.present(meshkeyVersion)
        checks = PaperCheck.sheet(share: share, x: x)
    }

    /// A sheet with what the person printing said about the set (`details`).
    public init(
        share: String,
        x: Int,
        threshold: Int,
        total: Int?,
        identifier: String?,
        created: String,
        label: String?,
        extraInstructions: [String] = [],
        details: SheetDetails,
        printed: [Int]? = nil,
        kind: Kind = .secret
    ) {
        self.init(
            share: share,
            x: x,
            threshold: threshold,
            total: total,
            identifier: identifier,
            created: created,
            label: label,
            extraInstructions: extraInstructions,
            purpose: details.purpose,
            owner: details.owner,
            printed: printed,
            kind: kind,
            meshkeyVersion: details.meshkeyVersion
        )
    }

    /// A label with its line ends and tabs turned into spaces and outer spaces trimmed; nil when empty.
    private static func present(_ text: String?) -> String? {
        guard let text else { return nil }
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let trimmed = flat.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The identifier's first 140 bits (7 groups), enough for `recover --identifier`.
    public var shortIdentifier: String? {
        identifier.map { $0.split(separator: "-").prefix(7).joined(separator: "-") }
    }

    /// Today's date in UTC, YYYY-MM-DD.
    public static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
    }
}
