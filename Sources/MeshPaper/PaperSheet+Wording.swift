import MeshUDF

/// What a sheet says, in plain words, for a holder who finds it years later and for the helper who runs
/// meshkey for them. The PDF and the plain-text form print the same sentences.
///
/// The share lines (`N  LINE  CC`, `check: CCCC`) are the only text of a sheet that the share input reads
/// back from a sheet's whole text: the prose never starts a line with the word that starts the whole-share
/// code line, and never stands alone as a line number.
extension PaperSheet {
    private var totalText: String { total.map(String.init) ?? "?" }

    private var secretNoun: String {
        switch kind {
        case .secret: return "a secret"
        case .accountSeed: return "the master key (account seed) of a Mesh account profile"
        case .escrowEntry: return "the key that opens an escrow entry"
        }
    }

    /// The page's heading: what it is, which piece, how many are needed.
    public var title: String {
        let noun: String
        switch kind {
        case .secret: noun = "Secret recovery sheet"
        case .accountSeed: noun = "Account recovery sheet"
        case .escrowEntry: noun = "Escrow recovery sheet"
        }
        return "\(noun) — piece \(x); \(threshold) of \(totalText) needed"
    }

    /// What this sheet is, in one or two sentences.
    public var summary: String {
        let pieces =
            total.map { "This sheet is one of \($0) pieces of \(secretNoun)." }
            ?? "This sheet is one piece of \(secretNoun), split into several pieces."
        return pieces
            + " Any \(threshold) of the pieces together recover it; fewer than \(threshold) reveal nothing about it."
    }

    /// The program that made the sheet and how it is described to someone who looks for it.
    public var programText: String {
        "meshkey" + (meshkeyVersion.map { " \($0)" } ?? "") + ", a free program (Apache-2.0)"
    }

    /// Labelled facts: what it protects, whose it is, who holds it, when and with what it was made.
    public var facts: [(label: String, value: String)] {
        var facts: [(label: String, value: String)] = []
        if let purpose { facts.append(("Protects:", purpose)) }
        if let owner { facts.append(("Belongs to:", owner)) }
        if let label { facts.append(("Holder:", label)) }
        facts.append(("Made:", "\(created), with \(programText)."))
        return facts
    }

    /// What this printing holds when it is not the whole set, and what is missing when it is not enough.
    public var printingNotes: [String] {
        guard let printed, !printed.isEmpty else { return [] }
        var notes: [String] = []
        if let total, printed.count < total {
            notes.append(
                "Printed together: \(printed.count == 1 ? "piece" : "pieces") \(Self.list(printed)) of the \(total) in this set; the others were made separately."
            )
        }
        if printed.count < threshold {
            let missing = threshold - printed.count
            notes.append(
                "Not enough alone: \(missing) more \(missing == 1 ? "piece" : "pieces") of this set must come from elsewhere (another holder or printing)."
            )
        }
        return notes
    }

    /// "1", "1 and 3", "1, 3 and 4".
    private static func list(_ numbers: [Int]) -> String {
        let texts = numbers.map(String.init)
        guard texts.count > 1 else { return texts.joined() }
        return texts.dropLast().joined(separator: ", ") + " and " + texts[texts.count - 1]
    }

    /// The heading above the identifier.
    public var identifierHeading: String {
        switch kind {
        case .accountSeed:
            return "Set identifier (the account's profile UDF; the same on every piece of this set — compare it):"
        case .secret, .escrowEntry:
            return "Set identifier (the same on every piece of this set — compare it):"
        }
    }

    /// The whole identifier in lines of at most `groups` groups of 4.
    public func identifierLines(groups: Int) -> [String] {
        guard let identifier else { return ["(not given)"] }
        let parts = identifier.split(separator: "-")
        return stride(from: 0, to: parts.count, by: groups).map {
            parts[$0..<min($0 + groups, parts.count)].joined(separator: "-")
        }
    }

    /// The identifier in lines of at most 12 groups.
    public var identifierLines: [String] { identifierLines(groups: 12) }

    /// The command that recovers the secret (named on every sheet).
    public var recoverCommand: String {
        switch kind {
        case .secret: return "meshkey recover" + (shortIdentifier.map { " --identifier \($0)" } ?? "")
        case .accountSeed: return "meshkey profile recover" + (identifier.map { " --expect \($0)" } ?? "")
        case .escrowEntry: return "meshkey escrow open ENTRY-FILE"
        }
    }

    /// What the commands are, for the helper at the keyboard.
    public var commandsHeading: String {
        "Commands for the helper at the keyboard (the second one reads photos of the QR codes):"
    }

    /// The commands, one line each: the guided entry, then the same with photos.
    public var commands: [String] {
        [recoverCommand, recoverCommand + " --scan PHOTO-1 PHOTO-2 …"]
    }

    /// The recovery steps, numbered, in plain words; they follow the guided entry (`Share 1:`, then `Share 2 of N:`).
    public var steps: [String] {
        let result: String
        switch kind {
        case .secret:
            result = "With \(threshold) pieces in, meshkey shows the secret and whether it matches the set identifier."
        case .accountSeed:
            result =
                "With \(threshold) pieces in, meshkey restores the account profile into a key store on that computer (it refuses pieces of another account)."
        case .escrowEntry(let entry):
            result =
                "With \(threshold) pieces in, meshkey opens the escrow entry \(entry.prefix(34))…; its file (ENTRY-FILE in the command) is needed too."
        }
        return [
            "Bring together any \(threshold) pieces of this set (the same set identifier on each).",
            "Find a computer with \(programText); anyone who knows computers can install and run it.",
            "The helper types the command below; meshkey asks for one piece at a time (\"Share 1:\", then \"Share 2 of \(threshold):\").",
            "Type each numbered line as printed with its 2 characters, then the last line with its 4. A typo is named at once; only that line is typed again.",
            result,
        ]
    }

    /// The last line of every sheet.
    public var footer: String {
        "Keep this sheet private: any \(threshold) pieces of this set reveal the secret. A Mesh share UDF (S…) made by meshkey."
    }

    public var notesHeading: String { "Notes:" }

    public var holdersHeading: String { "Holders (name, piece number, where kept):" }

    /// The plain-text form for a terminal. The share lines are exactly those the share input reads back.
    public var text: String {
        var lines = [title, String(repeating: "=", count: title.count), summary]
        lines += facts.map { "\($0.label) \($0.value)" }
        lines += printingNotes
        lines.append("Set identifier: \(identifier ?? "(not given)")")
        lines.append("")
        lines.append("Share (line:check):")
        lines += checks.textLines.enumerated().map { index, line in
            index < checks.lines.count ? "  \(index + 1)  \(line)" : "     \(line)"
        }
        lines.append("")
        lines.append("How to recover:")
        lines += steps.enumerated().map { "\($0 + 1). \($1)" }
        lines.append(commandsHeading)
        lines += commands.map { "    \($0)" }
        lines += extraInstructions
        lines.append("")
        lines.append(notesHeading)
        lines.append(holdersHeading)
        lines.append("")
        lines.append(footer)
        return lines.joined(separator: "\n")
    }
}
