public import MeshUDF
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one printed page carries: a share with its check codes and the set's manifest.
public struct PaperSheet: Sendable {
    /// The share UDF as the reference reads it (dashed).
    public let share: String
    public let x: Int
    public let threshold: Int
    /// Shares in the set, when known.
    public let total: Int?
    /// The set's identifier (the secret's identifier, or an account's profile UDF), if known.
    public let identifier: String?
    /// Creation date, YYYY-MM-DD.
    public let created: String
    public let label: String?
    public let checks: PaperCheck.Sheet
    /// Extra recovery instructions (e.g. how to restore a profile or open an escrow entry).
    public let extraInstructions: [String]

    public init(share: String, x: Int, threshold: Int, total: Int?, identifier: String?, created: String, label: String?,
                extraInstructions: [String] = []) {
        self.extraInstructions = extraInstructions
        self.share = share
        self.x = x
        self.threshold = threshold
        self.total = total
        self.identifier = identifier
        self.created = created
        self.label = label
        checks = PaperCheck.sheet(share: share, x: x)
    }

    /// The identifier's first 140 bits (7 groups), enough for `recover --identifier`.
    public var shortIdentifier: String? {
        identifier.map { $0.split(separator: "-").prefix(7).joined(separator: "-") }
    }

    /// The command that recovers the secret (named on every sheet).
    public var recoverCommand: String {
        "meshkey recover" + (shortIdentifier.map { " --identifier \($0)" } ?? "")
    }

    private var totalText: String { total.map(String.init) ?? "?" }

    public var title: String { "Mesh escrow share x=\(x) — \(threshold) of \(totalText) needed" }

    /// The identifier in lines of at most 12 groups.
    public var identifierLines: [String] {
        guard let identifier else { return ["(not given)"] }
        let groups = identifier.split(separator: "-")
        return stride(from: 0, to: groups.count, by: 12).map { groups[$0..<min($0 + 12, groups.count)].joined(separator: "-") }
    }

    public var manifestLines: [String] {
        var lines = [
            "This share: x = \(x); any \(threshold) of the \(totalText) shares of this set recover the secret",
            "Created: \(created)",
        ]
        if let label { lines.append("Holder: \(label)") }
        return lines
    }

    public var instructionLines: [String] {
        [
            "To recover, gather \(threshold) sheets of this set and run",
            "    \(recoverCommand)",
            "then type each share as printed, lines with their checks, ending with its check: line;",
            "or photograph or scan the QR codes to PNG files and run",
            "    \(recoverCommand) \\",
            "        --scan page1.png page2.png …",
            "A typo is reported as \"share N, line L\"; a single wrong character is corrected.",
        ] + extraInstructions
    }

    /// The plain-text form for a terminal.
    public var text: String {
        var lines = [title, String(repeating: "=", count: title.count)]
        lines.append("Set identifier: \(identifier ?? "(not given)")")
        lines += manifestLines
        lines.append("")
        lines.append("Share (line:check):")
        lines += checks.textLines.enumerated().map { index, line in
            index < checks.lines.count ? "  \(index + 1)  \(line)" : "     \(line)"
        }
        lines.append("")
        lines += instructionLines
        lines.append("Keep this sheet private.")
        return lines.joined(separator: "\n")
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
