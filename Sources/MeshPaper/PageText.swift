import CCairo
import CPango

/// Text on a cairo page, laid out by Pango: each glyph comes from the first face of its style's family
/// list that has it (then from whatever fontconfig finds), Arabic and other scripts are shaped by
/// HarfBuzz, right-to-left runs are ordered by FriBidi, and long text is wrapped at Unicode line breaks
/// (inside a word only when it is wider than a line by itself).
///
/// The sans families: DejaVu Sans (Debian fonts-dejavu-core: Latin, Greek, Cyrillic, Arabic, Hebrew,
/// Armenian, Georgian), then WenQuanYi Micro Hei (fonts-wqy-microhei, 5 MB installed: CJK ideographs,
/// kana, all Hangul syllables; Droid Sans Fallback lacks most Hangul). Both are small Debian packages;
/// Noto CJK would add about 90 MB. Without the second font, CJK characters draw in whatever face
/// fontconfig finds, or as missing-glyph boxes.
final class PageText {
    /// A font: a Pango family list, size in points, weight, grey level (0 black).
    struct Style {
        var families: String
        var size: Double
        var bold = false
        var grey = 0.0

        static func sans(_ size: Double, bold: Bool = false, grey: Double = 0) -> Style {
            Style(families: "DejaVu Sans, WenQuanYi Micro Hei", size: size, bold: bold, grey: grey)
        }

        static func mono(_ size: Double, bold: Bool = false, grey: Double = 0) -> Style {
            Style(families: "DejaVu Sans Mono", size: size, bold: bold, grey: grey)
        }
    }

    private let cr: OpaquePointer
    /// One layout, reused for every piece of text on the page.
    private let layout: OpaquePointer

    init(_ cr: OpaquePointer) {
        self.cr = cr
        layout = cpango_pango_cairo_create_layout()!(cr)!
        // Glyphs where the font puts them, not rounded to whole points (a PDF page has no pixels).
        cpango_pango_context_set_round_glyph_positions()!(cpango_pango_layout_get_context()!(layout), 0)
        cpango_pango_layout_context_changed()!(layout)
    }

    deinit { cpango_g_object_unref()!(UnsafeMutableRawPointer(layout)) }

    /// The advance width of one line of `text`.
    func width(_ text: String, _ style: Style) -> Double {
        layOut(text, style)
        var width: Int32 = 0
        cpango_pango_layout_get_size()!(layout, &width, nil)
        return Double(width) / Double(PANGO_SCALE)
    }

    /// Draws one line with its baseline at `y`; returns its advance width.
    @discardableResult
    func draw(_ text: String, x: Double, y: Double, _ style: Style) -> Double {
        let width = self.width(text, style)
        showLines(x: x, y: y, leading: 0, style)
        return width
    }

    /// Draws `text` wrapped to `width`, the first baseline at `y` and each next one `leading` below; a
    /// text longer than `maximumLines` lines ends with "…". Returns the number of lines drawn.
    @discardableResult
    func drawParagraph(
        _ text: String,
        x: Double,
        y: Double,
        width: Double,
        _ style: Style,
        leading: Double,
        maximumLines: Int? = nil
    ) -> Int {
        layOut(text, style, width: width, maximumLines: maximumLines)
        return showLines(x: x, y: y, leading: leading, style)
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

    /// Shows the laid-out lines; returns how many.
    @discardableResult
    private func showLines(x: Double, y: Double, leading: Double, _ style: Style) -> Int {
        ccairo_cairo_set_source_rgb()!(cr, style.grey, style.grey, style.grey)
        let count = Int(cpango_pango_layout_get_line_count()!(layout))
        for index in 0..<count {
            ccairo_cairo_move_to()!(cr, x, y + Double(index) * leading)
            cpango_pango_cairo_show_layout_line()!(cr, cpango_pango_layout_get_line_readonly()!(layout, Int32(index)))
        }
        return count
    }

    /// Sets the layout to `text` in `style`, wrapped to `width` if given. A continuation line never
    /// starts with the word `check` and is never a number of one or two digits alone (the share input,
    /// reading a sheet's whole text, takes those for a share's last line and a share's line number): the
    /// break before it is forbidden (Pango's allow-breaks attribute over it and the word before) and the
    /// text laid out again.
    private func layOut(_ text: String, _ style: Style, width: Double? = nil, maximumLines: Int? = nil) {
        let description = cpango_pango_font_description_from_string()!(style.families + (style.bold ? " Bold" : ""))
        cpango_pango_font_description_set_absolute_size()!(description, style.size * Double(PANGO_SCALE))
        cpango_pango_layout_set_font_description()!(layout, description)
        cpango_pango_font_description_free()!(description)
        cpango_pango_layout_set_width()!(layout, width.map { Int32($0 * Double(PANGO_SCALE)) } ?? -1)
        cpango_pango_layout_set_wrap()!(layout, PANGO_WRAP_WORD_CHAR)
        cpango_pango_layout_set_height()!(layout, maximumLines.map { -Int32($0) } ?? -1)
        cpango_pango_layout_set_ellipsize()!(layout, maximumLines == nil ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END)
        cpango_pango_layout_set_attributes()!(layout, nil)
        cpango_pango_layout_set_text()!(layout, text, -1)
        guard width != nil else { return }
        let bytes = Array(text.utf8)
        var kept: [String] = []
        for _ in 0..<8 {
            guard let range = misleadingBreak(bytes) else { return }
            kept.append("\(range.lowerBound) \(range.upperBound) allow-breaks false")
            let attributes = cpango_pango_attr_list_from_string()!(kept.joined(separator: "\n"))
            cpango_pango_layout_set_attributes()!(layout, attributes)
            cpango_pango_attr_list_unref()!(attributes)
        }
    }

    /// The first continuation line that the share input could misread, as the bytes from the start of
    /// the word before it to the end of its own first word.
    private func misleadingBreak(_ bytes: [UInt8]) -> Range<Int>? {
        let space = UInt8(ascii: " ")
        for index in 1..<max(1, Int(cpango_pango_layout_get_line_count()!(layout))) {
            let line = cpango_pango_layout_get_line_readonly()!(layout, Int32(index))
            let start = Int(cpango_pango_layout_line_get_start_index()!(line))
            let end = min(bytes.count, start + Int(cpango_pango_layout_line_get_length()!(line)))
            let words = String(decoding: bytes[start..<end], as: UTF8.self).split(separator: " ")
            let isLineNumber =
                words.count == 1 && words[0].count <= 2 && words[0].allSatisfy { $0.isASCII && $0.isNumber }
            let startsWithCheck = words.first?.prefix(while: \.isLetter).lowercased() == "check"
            guard isLineNumber || startsWithCheck else { continue }
            var before = start
            while before > 0, bytes[before - 1] == space { before -= 1 }
            while before > 0, bytes[before - 1] != space { before -= 1 }
            guard before < start else { continue }
            return before..<(bytes[start..<end].firstIndex(of: space) ?? end)
        }
        return nil
    }
}
