import CCairo

/// Text on a cairo page through the toy text API, which draws a string in one face and has no fallback
/// per glyph: every character is drawn in the first family of its style that has a glyph for it, so a
/// label in Greek, Cyrillic, Arabic, Chinese, Japanese or Korean is drawn (and embedded) in a face that
/// covers it. Long text is wrapped to a width at spaces (and between CJK characters).
///
/// The sans families: DejaVu Sans (Debian fonts-dejavu-core: Latin, Greek, Cyrillic, Arabic with its
/// presentation forms, Hebrew, Armenian, Georgian), then WenQuanYi Micro Hei (fonts-wqy-microhei, 5 MB
/// installed: CJK ideographs, kana, all Hangul syllables; Droid Sans Fallback lacks most Hangul). Both
/// are small Debian packages; Noto CJK would add about 90 MB. Without the second font, CJK characters
/// draw as missing-glyph boxes and everything else still renders.
final class PageText {
    /// A font: families tried in order, size in points, weight, grey level (0 black).
    struct Style {
        var families: [String]
        var size: Double
        var bold = false
        var grey = 0.0

        static func sans(_ size: Double, bold: Bool = false, grey: Double = 0) -> Style {
            Style(families: ["DejaVu Sans", "WenQuanYi Micro Hei"], size: size, bold: bold, grey: grey)
        }

        static func mono(_ size: Double, bold: Bool = false, grey: Double = 0) -> Style {
            Style(families: ["DejaVu Sans Mono"], size: size, bold: bold, grey: grey)
        }
    }

    let cr: OpaquePointer
    /// Whether a family (and weight) has glyphs for a character, as far as asked.
    private var coverage: [String: [Character: Bool]] = [:]

    init(_ cr: OpaquePointer) { self.cr = cr }

    private func select(_ family: String, _ style: Style) {
        ccairo_cairo_select_font_face()!(
            cr,
            family,
            CAIRO_FONT_SLANT_NORMAL,
            style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL
        )
        ccairo_cairo_set_font_size()!(cr, style.size)
    }

    /// Whether `family` maps every scalar of `character` to a glyph other than the missing-glyph box (0).
    private func covers(_ family: String, _ style: Style, _ character: Character) -> Bool {
        let key = family + (style.bold ? " bold" : "")
        if let known = coverage[key]?[character] { return known }
        select(family, style)
        var glyphs: UnsafeMutablePointer<cairo_glyph_t>? = nil
        var count: Int32 = 0
        let status = ccairo_cairo_scaled_font_text_to_glyphs()!(
            ccairo_cairo_get_scaled_font()!(cr),
            0,
            0,
            String(character),
            -1,
            &glyphs,
            &count,
            nil,
            nil,
            nil
        )
        var covered = status == CAIRO_STATUS_SUCCESS && count > 0
        if let glyphs {
            for index in 0..<Int(count) where glyphs[index].index == 0 { covered = false }
            ccairo_cairo_glyph_free()!(glyphs)
        }
        coverage[key, default: [:]][character] = covered
        return covered
    }

    /// `text` cut into runs of one family each (the first that covers each character; the first family
    /// when none does).
    private func runs(_ text: String, _ style: Style) -> [(family: String, text: String)] {
        var runs: [(family: String, text: String)] = []
        for character in text {
            let family =
                character == " "
                ? (runs.last?.family ?? style.families[0])
                : style.families.first { covers($0, style, character) } ?? style.families[0]
            if let last = runs.last, last.family == family {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append((family, String(character)))
            }
        }
        return runs
    }

    /// The advance width of one line of `text`.
    func width(_ text: String, _ style: Style) -> Double {
        runs(RightToLeftText.visual(text), style).reduce(0) { sum, run in
            select(run.family, style)
            var extents = cairo_text_extents_t()
            ccairo_cairo_text_extents()!(cr, run.text, &extents)
            return sum + extents.x_advance
        }
    }

    /// Draws one line with its baseline at `y`; returns its advance width.
    @discardableResult
    func draw(_ text: String, x: Double, y: Double, _ style: Style) -> Double {
        ccairo_cairo_set_source_rgb()!(cr, style.grey, style.grey, style.grey)
        var advance = 0.0
        for run in runs(RightToLeftText.visual(text), style) {
            select(run.family, style)
            ccairo_cairo_move_to()!(cr, x + advance, y)
            ccairo_cairo_show_text()!(cr, run.text)
            var extents = cairo_text_extents_t()
            ccairo_cairo_text_extents()!(cr, run.text, &extents)
            advance += extents.x_advance
        }
        return advance
    }

    /// Draws `text` at `size` or smaller (down to `minimum`) so that it fits `width` on one line (a
    /// command the helper types is never broken); returns the size used.
    @discardableResult
    func drawFitting(_ text: String, x: Double, y: Double, width: Double, _ style: Style, minimum: Double) -> Double {
        var style = style
        let natural = self.width(text, style)
        if natural > width { style.size = max(minimum, style.size * width / natural) }
        draw(text, x: x, y: y, style)
        return style.size
    }

    /// `text` in lines no wider than `width`: broken at spaces, between CJK characters, and inside a word
    /// only when it is wider than a line by itself. A continuation line never starts with the word
    /// `check` and is never a number of one or two digits alone (the share input, reading a sheet's whole
    /// text, takes those for a share's last line and a share's line number).
    func wrap(_ text: String, width: Double, _ style: Style) -> [String] {
        var lines: [String] = []
        var line = ""
        for piece in Self.pieces(text) {
            let candidate = line + piece
            if line.isEmpty || self.width(candidate.trimmingTrailingSpaces, style) <= width {
                line = candidate
            } else {
                lines.append(line.trimmingTrailingSpaces)
                line = piece
            }
            guard self.width(line.trimmingTrailingSpaces, style) > width else { continue }
            // One piece wider than a line by itself: cut it by characters.
            var part = ""
            for character in line {
                if !part.isEmpty, self.width(part + String(character), style) > width {
                    lines.append(part)
                    part = ""
                }
                part.append(character)
            }
            line = part
        }
        if !line.trimmingTrailingSpaces.isEmpty { lines.append(line.trimmingTrailingSpaces) }
        // Move a word along so that no continuation line starts with `check` or is a line number alone.
        for index in lines.indices.dropFirst()
        where Self.firstWord(lines[index]) == "check" || Self.isLineNumber(lines[index]) {
            var words = lines[index - 1].split(separator: " ", omittingEmptySubsequences: false)
            guard words.count > 1 else { continue }
            let moved = words.removeLast()
            lines[index - 1] = words.joined(separator: " ")
            lines[index] = moved + " " + lines[index]
        }
        return lines
    }

    /// One or two digits alone: what the share input takes for a share's line number.
    private static func isLineNumber(_ line: String) -> Bool {
        let trimmed = line.trimmingTrailingSpaces
        return !trimmed.isEmpty && trimmed.count <= 2 && trimmed.allSatisfy(\.isASCIIDigitLike)
    }

    private static func firstWord(_ line: String) -> String {
        String(line.prefix { $0.isLetter }).lowercased()
    }

    /// Break opportunities: a word with the spaces after it, or one CJK character.
    private static func pieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in text {
            if isIdeographic(character) {
                if !current.isEmpty { pieces.append(current) }
                pieces.append(String(character))
                current = ""
            } else if character != " ", current.last == " " {
                pieces.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    private static func isIdeographic(_ character: Character) -> Bool {
        guard let value = character.unicodeScalars.first?.value else { return false }
        switch value {
        case 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }
}

extension Character {
    fileprivate var isASCIIDigitLike: Bool { isASCII && isNumber }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        String(reversed().drop(while: { $0 == " " }).reversed())
    }
}
