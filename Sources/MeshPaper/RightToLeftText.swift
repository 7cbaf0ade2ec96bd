/// Arabic text made drawable by cairo's toy text API, which maps each character to one glyph and draws
/// left to right: the letters are replaced by their contextual forms (Arabic Presentation Forms-B, which
/// DejaVu Sans has) and each right-to-left run is put in visual order. Lines are laid out left to right;
/// inside a line an Arabic run reads right to left. A simple stand-in for a shaping engine: no marks
/// positioning beyond what the font does, no Persian/Urdu extra letters' forms (they draw isolated).
enum RightToLeftText {
    /// Whether `text` has characters that need this treatment.
    static func needsReordering(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isRightToLeft)
    }

    /// `text` in the order cairo should draw it, Arabic letters in their joined forms.
    static func visual(_ text: String) -> String {
        guard needsReordering(text) else { return text }
        let shaped = String(String.UnicodeScalarView(shape(Array(text.unicodeScalars))))
        // Runs of right-to-left characters, with the neutral characters (spaces, punctuation) between
        // two of them, are reversed as whole characters (a mark stays on its letter).
        let characters = Array(shaped)
        var out: [Character] = []
        var index = 0
        while index < characters.count {
            guard isRightToLeft(characters[index]) else {
                out.append(characters[index])
                index += 1
                continue
            }
            var end = index + 1
            var lastStrong = index
            while end < characters.count, !isLeftToRight(characters[end]) {
                if isRightToLeft(characters[end]) { lastStrong = end }
                end += 1
            }
            out += characters[index...lastStrong].reversed()
            index = lastStrong + 1
        }
        return String(out)
    }

    private static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: return true
        default: return false
        }
    }

    private static func isRightToLeft(_ character: Character) -> Bool {
        character.unicodeScalars.first.map(isRightToLeft) ?? false
    }

    /// A character with a direction of its own that is not right to left (letters, digits).
    private static func isLeftToRight(_ character: Character) -> Bool {
        !isRightToLeft(character) && (character.isLetter || character.isNumber)
    }

    /// Joining letters: the isolated form in Presentation Forms-B, and whether the letter joins on both
    /// sides (dual) or only to the letter before it (right-joining). Final = +1, initial = +2, medial = +3.
    private static let forms: [UInt32: (isolated: UInt32, dual: Bool)] = [
        0x0622: (0xFE81, false), 0x0623: (0xFE83, false), 0x0624: (0xFE85, false),
        0x0625: (0xFE87, false), 0x0626: (0xFE89, true), 0x0627: (0xFE8D, false), 0x0628: (0xFE8F, true),
        0x0629: (0xFE93, false), 0x062A: (0xFE95, true), 0x062B: (0xFE99, true), 0x062C: (0xFE9D, true),
        0x062D: (0xFEA1, true), 0x062E: (0xFEA5, true), 0x062F: (0xFEA9, false), 0x0630: (0xFEAB, false),
        0x0631: (0xFEAD, false), 0x0632: (0xFEAF, false), 0x0633: (0xFEB1, true), 0x0634: (0xFEB5, true),
        0x0635: (0xFEB9, true), 0x0636: (0xFEBD, true), 0x0637: (0xFEC1, true), 0x0638: (0xFEC5, true),
        0x0639: (0xFEC9, true), 0x063A: (0xFECD, true), 0x0641: (0xFED1, true), 0x0642: (0xFED5, true),
        0x0643: (0xFED9, true), 0x0644: (0xFEDD, true), 0x0645: (0xFEE1, true), 0x0646: (0xFEE5, true),
        0x0647: (0xFEE9, true), 0x0648: (0xFEED, false), 0x0649: (0xFEEF, false), 0x064A: (0xFEF1, true),
    ]

    /// Lam followed by one of these alefs is one ligature (isolated form; final = +1).
    private static let lamAlef: [UInt32: UInt32] = [0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB]

    /// Marks (harakat) and the tatweel do not break a join.
    private static func isTransparent(_ scalar: Unicode.Scalar) -> Bool {
        (0x064B...0x065F).contains(scalar.value) || scalar.value == 0x0670
    }

    private static func shape(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        func joining(_ index: Int, step: Int) -> (dual: Bool, joins: Bool)? {
            var at = index + step
            while at >= 0, at < scalars.count, isTransparent(scalars[at]) { at += step }
            guard at >= 0, at < scalars.count else { return nil }
            if scalars[at].value == 0x0640 { return (true, true) }
            if scalars[at].value == 0x0621 { return (false, false) }  // hamza joins neither side
            return forms[scalars[at].value].map { ($0.dual, true) }
        }
        var out: [Unicode.Scalar] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard let form = forms[scalar.value] else {
                out.append(scalar.value == 0x0621 ? Unicode.Scalar(0xFE80)! : scalar)
                index += 1
                continue
            }
            let joinsBefore = joining(index, step: -1)?.dual ?? false
            if scalar.value == 0x0644, index + 1 < scalars.count, let ligature = lamAlef[scalars[index + 1].value] {
                out.append(Unicode.Scalar(ligature + (joinsBefore ? 1 : 0))!)
                index += 2
                continue
            }
            let joinsAfter = form.dual && (joining(index, step: 1)?.joins ?? false)
            let offset: UInt32 =
                form.dual ? (joinsBefore ? (joinsAfter ? 3 : 1) : (joinsAfter ? 2 : 0)) : (joinsBefore ? 1 : 0)
            out.append(Unicode.Scalar(form.isolated + offset)!)
            index += 1
        }
        return out
    }
}
