import CCairo
import CPango
import CQREncode
public import MeshCrypto
import MeshUDF

/// Error from drawing, encoding or scanning.
///
/// Codes: for refusals of the input itself `image_too_large`, `not_png`, `not_an_image`,
/// `unsupported_image`, `unreadable_image`, `scan_failed`, `input_too_large` (and the other codes of
/// ``SecureFile/ReadError``); `paper_failed` for every other failure (a library missing, drawing or
/// decoding failed). Errors compare by code only.
public struct PaperError: CodedError, Hashable {
    /// A stable name for refusals of the input itself (`image_too_large`, `not_png`, `input_too_large`);
    /// nil for other failures.
    public let code: String?
    public let description: String
    init(_ description: String, code: String? = nil) {
        self.code = code
        self.description = description
    }

    public var errorCode: String { code ?? "paper_failed" }
    public var reason: String { description }

}

public enum PaperSize: String, Sendable, CaseIterable {
    case a4, letter

    /// Width and height in PostScript points.
    var points: (width: Double, height: Double) {
        switch self {
        case .a4: return (595.276, 841.890)
        case .letter: return (612, 792)
        }
    }
}

/// PDF output: one page per sheet, written into memory (never a temporary file).
public enum PaperPDF {
    /// The PDF bytes of `sheets`.
    public static func render(_ sheets: [PaperSheet], paper: PaperSize, qr: Bool) throws(PaperError) -> SecureBytes {
        guard ccairo_available() != 0 else { throw PaperError("cannot load libcairo.so.2 (Debian package libcairo2)") }
        guard cpango_available() != 0 else {
            throw PaperError("cannot load libpangocairo-1.0.so.0 (Debian package libpangocairo-1.0-0)")
        }
        if qr, cqrencode_available() == 0 {
            throw PaperError("cannot load libqrencode.so.4 (Debian package libqrencode4)")
        }
        let sink = Sink()
        let (width, height) = paper.points
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        guard
            let surface = ccairo_cairo_pdf_surface_create_for_stream()!(
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
                        .bytes.append(UnsafeRawBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                },
                box.toOpaque(),
                width,
                height
            )
        else { throw PaperError("cairo could not create a PDF surface") }
        ccairo_cairo_pdf_surface_restrict_to_version()!(surface, CAIRO_PDF_VERSION_1_5)
        let cr = ccairo_cairo_create()!(surface)!
        for sheet in sheets {
            try draw(sheet, on: cr, width: width, height: height, qr: qr)
            ccairo_cairo_show_page()!(cr)
        }
        let status = ccairo_cairo_status()!(cr)
        ccairo_cairo_destroy()!(cr)
        ccairo_cairo_surface_finish()!(surface)
        let surfaceStatus = ccairo_cairo_surface_status()!(surface)
        ccairo_cairo_surface_destroy()!(surface)
        guard status == CAIRO_STATUS_SUCCESS, surfaceStatus == CAIRO_STATUS_SUCCESS else {
            throw PaperError(
                "cairo failed: \(String(cString: ccairo_cairo_status_to_string()!(status == CAIRO_STATUS_SUCCESS ? surfaceStatus : status)!))"
            )
        }
        return sink.bytes
    }

    private final class Sink {
        var bytes = SecureBytes()
    }

    private typealias Style = PageText.Style

    /// One page: heading and facts, the identifier, the share lines and QR code, the recovery steps and
    /// commands, then ruled lines for notes and for the holders down to the footer.
    private static func draw(
        _ sheet: PaperSheet,
        on cr: OpaquePointer,
        width: Double,
        height: Double,
        qr: Bool
    ) throws(PaperError) {
        var layout = PageLayout(sheet: sheet, cr: cr, width: width, height: height)
        layout.drawHeading()
        layout.drawIdentifier()
        try layout.drawShare(qr: qr)
        layout.drawRecovery()
        layout.drawNotesAndHolders()
    }

    /// Where the next line of a page goes (`y`, downwards) and the page's margins, while the parts of a sheet
    /// are drawn one below the other.
    private struct PageLayout {
        let sheet: PaperSheet
        let cr: OpaquePointer
        let page: PageText
        let height: Double
        let margin = 56.0
        let right: Double
        let column: Double
        var y: Double

        init(sheet: PaperSheet, cr: OpaquePointer, width: Double, height: Double) {
            self.sheet = sheet
            self.cr = cr
            self.page = PageText(cr)
            self.height = height
            right = width - margin
            column = right - margin
            y = margin + 16
        }

        /// Wrapped text from `x` to the right margin; `y` ends below it.
        /// A label longer than `maximumLines` lines ends with "…" (the text form has it whole).
        mutating func paragraph(
            _ text: String,
            _ style: Style,
            x: Double? = nil,
            leading: Double,
            maximumLines: Int? = nil
        ) {
            let x = x ?? margin
            let lines = page.drawParagraph(
                text,
                x: x,
                y: y,
                width: right - x,
                style,
                leading: leading,
                maximumLines: maximumLines
            )
            y += Double(lines) * leading
        }

        /// The title, the plain-language summary, the facts (purpose, owner, holder, made) and the printing
        /// notes.
        mutating func drawHeading() {
            paragraph(sheet.title, .sans(16, bold: true), leading: 20)
            y -= 12
            PaperPDF.rule(cr, from: margin, to: right, y: y, width: 1)
            y += 18

            paragraph(sheet.summary, .sans(10.5), leading: 14)
            y += 4
            // Each value one space after its label (a wider gap makes pdftotext put them on lines of their
            // own, and a short value alone could read as a share's line number), wrapped under itself.
            let labelStyle = Style.sans(10.5, bold: true)
            for fact in sheet.facts {
                let advance = page.draw(fact.label + " ", x: margin, y: y, labelStyle)
                paragraph(fact.value, .sans(10.5), x: margin + advance, leading: 13.5, maximumLines: 8)
            }
            for note in sheet.printingNotes {
                y += 2
                paragraph(note, .sans(10.5, bold: true), leading: 13.5)
            }
        }

        /// The whole identifier, large enough to compare sheet against sheet.
        mutating func drawIdentifier() {
            y += 8
            paragraph(sheet.identifierHeading, .sans(9.5, grey: 0.35), leading: 16)
            let identifierStyle = Style.mono(13, bold: true)
            let groupWidth = page.width("ABCD-", identifierStyle)
            let fitting = max(1, Int((column + groupWidth / 5) / groupWidth))
            let groupCount = sheet.identifier?.split(separator: "-").count ?? 1
            let lineCount = (groupCount + fitting - 1) / fitting
            for line in sheet.identifierLines(groups: (groupCount + lineCount - 1) / lineCount) {
                page.draw(line, x: margin, y: y, identifierStyle)
                y += 17
            }
        }

        /// The share: numbered lines in a large monospace font, each line check beside it, the whole-share
        /// check, and the QR code. 30 points apart: closer, pdftotext reads the numbers, the lines and the
        /// checks as three columns, and the share input can no longer read the sheet's text back.
        mutating func drawShare(qr: Bool) throws(PaperError) {
            y += 14
            page.draw(
                "Share — type each line and the 2 characters after it; the last line is the whole-share check",
                x: margin,
                y: y,
                .sans(9.5, grey: 0.35)
            )
            y += 32
            let shareTop = y
            let lineWidth = page.width("SARP-IOIN-ZN5Z-H55S", .mono(17))
            for (index, line) in sheet.checks.dashedLines.enumerated() {
                page.draw("\(index + 1)", x: margin, y: y, .sans(10, grey: 0.45))
                page.draw(line, x: margin + 18, y: y, .mono(17))
                page.draw(
                    sheet.checks.lineChecks[index],
                    x: margin + 18 + lineWidth + 22,
                    y: y,
                    .mono(17, bold: true, grey: 0.25)
                )
                y += 30
            }
            let advance = page.draw("check:", x: margin + 18, y: y, .mono(17, grey: 0.45))
            page.draw(sheet.checks.check, x: margin + 18 + advance + 6, y: y, .mono(17, bold: true))
            y += 12
            if qr {
                let size = 120.0
                try PaperPDF.drawQR(sheet.share, on: cr, x: right - size, y: shareTop - 24, size: size)
                y = max(y, shareTop - 24 + size + 14)
                page.draw(
                    "QR: the share string alone",
                    x: right - size,
                    y: shareTop - 24 + size + 12,
                    .sans(9, grey: 0.45)
                )
            }
        }

        /// Recovery, step by step, then the commands for the helper at the keyboard.
        mutating func drawRecovery() {
            y += 12
            page.draw("How to recover", x: margin, y: y, .sans(12, bold: true))
            y += 17
            let stepStyle = Style.sans(10)
            let indent = page.width("8.  ", stepStyle)
            for (index, step) in sheet.steps.enumerated() {
                page.draw("\(index + 1).", x: margin, y: y, stepStyle)
                paragraph(step, stepStyle, x: margin + indent, leading: 12.5)
            }
            y += 2
            paragraph(sheet.commandsHeading, .sans(9, bold: true, grey: 0.35), x: margin + indent, leading: 12)
            for command in sheet.commands {
                drawCommand(command, indent: indent)
                y += 14
            }
            for line in sheet.extraInstructions {
                if line.hasPrefix("    ") {
                    drawCommand(String(line.dropFirst(4)), indent: indent)
                    y += 15
                } else {
                    paragraph(line, stepStyle, x: margin + indent, leading: 13)
                }
            }
        }

        /// A command line, never split: printed smaller when it is too wide for the page.
        func drawCommand(_ command: String, indent: Double) {
            page.drawFitting(
                command,
                x: margin + indent + 8,
                y: y,
                width: right - margin - indent - 8,
                .mono(10),
                minimum: 5.5
            )
        }

        /// Ruled lines for notes and for the list of holders, side by side, down to the footer; when long
        /// labels leave too little room, on a page of their own after it.
        mutating func drawNotesAndHolders() {
            let footer = height - margin + 16
            let spacing = 19.0
            if footer - 14 - y - 22 < 2 * spacing {
                page.drawFitting(sheet.footer, x: margin, y: footer, width: column, .sans(8, grey: 0.4), minimum: 5)
                ccairo_cairo_show_page()!(cr)
                y = margin + 16
                page.drawFitting(
                    sheet.title + " (continued)",
                    x: margin,
                    y: y,
                    width: column,
                    .sans(12, bold: true),
                    minimum: 6
                )
            }
            y += 22
            let gutter = 18.0
            let half = (column - gutter) / 2
            let count = Int((footer - 14 - y) / spacing)
            for (index, heading) in [sheet.notesHeading, sheet.holdersHeading].enumerated() {
                let left = margin + Double(index) * (half + gutter)
                page.drawFitting(heading, x: left, y: y, width: half, .sans(10, bold: true), minimum: 6.5)
                for line in 1...max(1, count) {
                    PaperPDF.rule(
                        cr,
                        from: left,
                        to: left + half,
                        y: y + Double(line) * spacing,
                        width: 0.4,
                        grey: 0.55
                    )
                }
            }
            page.drawFitting(sheet.footer, x: margin, y: footer, width: column, .sans(8, grey: 0.4), minimum: 5)
        }
    }

    private static func rule(
        _ cr: OpaquePointer,
        from left: Double,
        to right: Double,
        y: Double,
        width: Double,
        grey: Double = 0
    ) {
        ccairo_cairo_set_line_width()!(cr, width)
        ccairo_cairo_set_source_rgb()!(cr, grey, grey, grey)
        ccairo_cairo_move_to()!(cr, left, y)
        ccairo_cairo_line_to()!(cr, right, y)
        ccairo_cairo_stroke()!(cr)
    }

    /// The QR code of `string` (error correction M) as black squares, with its quiet zone.
    private static func drawQR(
        _ string: String,
        on cr: OpaquePointer,
        x: Double,
        y: Double,
        size: Double
    ) throws(PaperError) {
        guard let code = cqrencode_QRcode_encodeString()!(string, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw PaperError("libqrencode could not encode the share")
        }
        defer { cqrencode_QRcode_free()!(code) }
        let modules = Int(code.pointee.width)
        let quiet = 4
        let scale = size / Double(modules + 2 * quiet)
        ccairo_cairo_set_source_rgb()!(cr, 1, 1, 1)
        ccairo_cairo_rectangle()!(cr, x, y, size, size)
        ccairo_cairo_fill()!(cr)
        ccairo_cairo_set_source_rgb()!(cr, 0, 0, 0)
        let data = code.pointee.data!
        for row in 0..<modules {
            for column in 0..<modules where data[row * modules + column] & 1 != 0 {
                ccairo_cairo_rectangle()!(
                    cr,
                    x + Double(column + quiet) * scale,
                    y + Double(row + quiet) * scale,
                    scale,
                    scale
                )
            }
        }
        ccairo_cairo_fill()!(cr)
    }
}
