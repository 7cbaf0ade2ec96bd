import CCairo
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

    public static func == (lhs: PaperError, rhs: PaperError) -> Bool { lhs.errorCode == rhs.errorCode }
    public func hash(into hasher: inout Hasher) { hasher.combine(errorCode) }
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
        if qr, cqrencode_available() == 0 { throw PaperError("cannot load libqrencode.so.4 (Debian package libqrencode4)") }
        let sink = Sink()
        let (width, height) = paper.points
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        guard let surface = ccairo_cairo_pdf_surface_create_for_stream()!({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
                .bytes.append(UnsafeRawBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, box.toOpaque(), width, height) else { throw PaperError("cairo could not create a PDF surface") }
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
            throw PaperError("cairo failed: \(String(cString: ccairo_cairo_status_to_string()!(status == CAIRO_STATUS_SUCCESS ? surfaceStatus : status)!))")
        }
        return sink.bytes
    }

    private final class Sink {
        var bytes = SecureBytes()
    }

    private static let sans = "DejaVu Sans"
    private static let mono = "DejaVu Sans Mono"

    private static func font(_ cr: OpaquePointer, _ family: String, _ size: Double, bold: Bool = false) {
        ccairo_cairo_select_font_face()!(cr, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        ccairo_cairo_set_font_size()!(cr, size)
    }

    private static func text(_ cr: OpaquePointer, _ string: String, x: Double, y: Double, grey: Double = 0) {
        ccairo_cairo_set_source_rgb()!(cr, grey, grey, grey)
        ccairo_cairo_move_to()!(cr, x, y)
        ccairo_cairo_show_text()!(cr, string)
    }

    private static func draw(_ sheet: PaperSheet, on cr: OpaquePointer, width: Double, height: Double, qr: Bool) throws(PaperError) {
        let margin = 56.0
        var y = margin + 18
        font(cr, sans, 18, bold: true)
        text(cr, sheet.title, x: margin, y: y)
        y += 10
        ccairo_cairo_set_line_width()!(cr, 1)
        ccairo_cairo_set_source_rgb()!(cr, 0, 0, 0)
        ccairo_cairo_move_to()!(cr, margin, y)
        ccairo_cairo_line_to()!(cr, width - margin, y)
        ccairo_cairo_stroke()!(cr)

        y += 24
        font(cr, sans, 11)
        text(cr, "Set identifier:", x: margin, y: y)
        var labelExtents = cairo_text_extents_t()
        ccairo_cairo_text_extents()!(cr, "Set identifier: ", &labelExtents)
        for line in sheet.identifierLines {
            font(cr, mono, 9.5)
            text(cr, line, x: margin + labelExtents.x_advance, y: y)
            y += 14
        }
        y += 3
        font(cr, sans, 11)
        for line in sheet.manifestLines {
            text(cr, line, x: margin, y: y)
            y += 17
        }

        // The share: numbered lines in a large monospace font, each line check beside it.
        y += 22
        font(cr, sans, 10)
        text(cr, "Share — type each line and the 2 characters after it; the last line is the whole-share check", x: margin, y: y, grey: 0.35)
        y += 32
        let shareTop = y
        font(cr, mono, 17)
        var extents = cairo_text_extents_t()
        ccairo_cairo_text_extents()!(cr, "SARP-IOIN-ZN5Z-H55S", &extents)
        let lineWidth = extents.x_advance
        for (index, line) in sheet.checks.dashedLines.enumerated() {
            font(cr, sans, 10)
            text(cr, "\(index + 1)", x: margin, y: y, grey: 0.45)
            font(cr, mono, 17)
            text(cr, line, x: margin + 18, y: y)
            font(cr, mono, 17, bold: true)
            text(cr, sheet.checks.lineChecks[index], x: margin + 18 + lineWidth + 22, y: y, grey: 0.25)
            y += 30
        }
        font(cr, mono, 17)
        text(cr, "check:", x: margin + 18, y: y, grey: 0.45)
        ccairo_cairo_text_extents()!(cr, "check:", &extents)
        font(cr, mono, 17, bold: true)
        text(cr, sheet.checks.check, x: margin + 18 + extents.x_advance + 6, y: y)
        y += 12

        if qr {
            let size = 150.0
            try drawQR(sheet.share, on: cr, x: width - margin - size, y: shareTop - 24, size: size)
            y = max(y, shareTop - 24 + size + 14)
            font(cr, sans, 9)
            text(cr, "QR: the share string alone", x: width - margin - size, y: shareTop - 24 + size + 12, grey: 0.45)
        }

        y += 36
        font(cr, sans, 12, bold: true)
        text(cr, "Recovery", x: margin, y: y)
        y += 20
        for line in sheet.instructionLines {
            let command = line.hasPrefix("    ")
            font(cr, command ? mono : sans, command ? 10.5 : 10.5)
            text(cr, line, x: margin, y: y)
            y += command ? 18 : 15
        }

        font(cr, sans, 9)
        text(cr, "Keep this sheet private: any \(sheet.threshold) sheets of this set reveal the secret. Mesh share UDF (S…), meshkey.",
             x: margin, y: height - margin + 16, grey: 0.4)
    }

    /// The QR code of `string` (error correction M) as black squares, with its quiet zone.
    private static func drawQR(_ string: String, on cr: OpaquePointer, x: Double, y: Double, size: Double) throws(PaperError) {
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
                ccairo_cairo_rectangle()!(cr, x + Double(column + quiet) * scale, y + Double(row + quiet) * scale, scale, scale)
            }
        }
        ccairo_cairo_fill()!(cr)
    }
}
