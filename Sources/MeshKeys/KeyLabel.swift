/// A label people give an entry or a key (`--label`, an escrowed key's role): free text, shown on terminals.
///
/// A label must not carry control characters: a newline would forge extra lines in `store list`, and an
/// escape sequence (`ESC [ 8 m`, conceal) would hide what follows on a terminal. ``problem(_:)`` says why a
/// label is refused at input; ``displayed(_:)`` makes any text (a label read from an older file, a `kid` from a
/// received JWE) safe to print, at output.
public enum KeyLabel {
    /// Longest label accepted, in bytes of UTF-8.
    public static let maximumByteCount = 256

    /// Why `label` is refused as a label (nil when it is fine): control characters (C0, DEL, C1), Unicode
    /// bidirectional overrides and isolates, line and paragraph separators, or more than 256 bytes.
    public static func problem(_ label: String) -> String? {
        if label.utf8.count > maximumByteCount {
            return "the label is \(label.utf8.count) bytes; at most \(maximumByteCount) are allowed"
        }
        if let scalar = label.unicodeScalars.first(where: isUnsafe) {
            return "the label contains the control character U+\(hex(scalar.value)); labels are printed on terminals"
        }
        return nil
    }

    /// `text` with every unsafe character (see ``problem(_:)``) replaced by a visible escape: `\n`, `\t`, `\r`,
    /// `\e` for ESC, `\\` for a backslash, `\u{XXXX}` for the others. Text without them is returned unchanged
    /// (apart from backslashes, doubled so that an escape in the output is never ambiguous).
    public static func displayed(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) || $0 == "\\" }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            case _ where isUnsafe(scalar): out += "\\u{\(hex(scalar.value))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `label` made acceptable: itself when ``problem(_:)`` finds nothing, else its ``displayed(_:)`` form
    /// when that fits in 256 bytes, else nil. For labels written before they were checked (an escrowed
    /// key's role comes from the store entry's label).
    public static func acceptable(_ label: String) -> String? {
        if problem(label) == nil { return label }
        let shown = displayed(label)
        return problem(shown) == nil ? shown : nil
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true  // bidi marks and overrides
        case 0x2028, 0x2029: return true  // line / paragraph separator
        default: return false
        }
    }

    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
