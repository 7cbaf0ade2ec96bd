import CCairo
import CJPEG
import CZBar
public import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads QR codes from PNG and JPEG images with zbar (PNG decoded by cairo, JPEG by libjpeg-turbo).
///
/// The file is read into memory first (at most ``maximumFileSize`` bytes; `-` is standard input), its format
/// is told by its first bytes (``ImageFormat``), and its header's dimensions are checked against ``maximumSide`` and ``maximumPixels`` before anything is
/// decoded: cairo would otherwise allocate width × height × 4 bytes for any header (a 20000 × 20000 PNG of a
/// few kilobytes took 20 s and 3.5 GB).
public enum QRScan {
    /// The largest image file read: 64 MiB.
    public static let maximumFileSize = 64 << 20
    /// The longest side accepted, in pixels (a 600 dpi scan of a letter page is 5100 × 6600).
    public static let maximumSide = 10_000
    /// The most pixels accepted: 40 million (a 40-megapixel photo; about 200 MB while decoding).
    public static let maximumPixels = 40_000_000

    /// The width and height in the IHDR chunk of PNG `bytes`, which must start with the PNG signature and
    /// the IHDR chunk (PNG §5.2, §11.2.2).
    public static func dimensions(png bytes: SecureBytes) throws(PaperError) -> (width: Int, height: Int) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, bytes.slice(0..<8).unprotectedBytes == signature,
            bytes.slice(12..<16).unprotectedBytes == Array("IHDR".utf8)
        else {
            throw PaperError("not a PNG image (no PNG signature and IHDR header)", code: "not_png")
        }
        func big(_ offset: Int) -> Int { (0..<4).reduce(0) { $0 << 8 | Int(bytes[offset + $1]) } }
        return (big(16), big(20))
    }

    /// Refuses dimensions over the limits (or zero).
    public static func checkDimensions(width: Int, height: Int) throws(PaperError) {
        guard width > 0, height > 0 else { throw PaperError("empty image (\(width) × \(height))", code: "not_png") }
        guard width <= maximumSide, height <= maximumSide, width * height <= maximumPixels else {
            throw PaperError(
                "the image is \(width) × \(height) pixels; at most \(maximumSide) per side and \(maximumPixels / 1_000_000) million in all are decoded (scan at a lower resolution)",
                code: "image_too_large"
            )
        }
    }

    /// The texts of every QR code found in the PNG or JPEG image at `path` (`-`: standard input; empty when
    /// there is none).
    public static func decode(imagePath path: String) throws(PaperError) -> [String] {
        let file: SecureBytes
        do { file = try SecureFile.read(path: path, maximumCount: maximumFileSize) } catch {
            throw PaperError(error.description, code: error.code == .tooLarge ? "input_too_large" : nil)
        }
        let name = path == SecureFile.standardInputPath ? "standard input" : path
        return try decode(image: file, name: name)
    }

    /// The same as ``decode(imagePath:)`` (a JPEG is read too).
    public static func decode(pngPath path: String) throws(PaperError) -> [String] {
        try decode(imagePath: path)
    }

    /// The texts of every QR code in the PNG or JPEG image `file` (format by its first bytes; dimensions
    /// checked before decoding).
    public static func decode(image file: SecureBytes, name: String) throws(PaperError) -> [String] {
        let format: ImageFormat
        do {
            format = try ImageFormat.detect(file)
            let (width, height) = format == .png ? try dimensions(png: file) : try ImageFormat.jpegDimensions(file)
            try checkDimensions(width: width, height: height)
        } catch { throw PaperError("\(name): \(error.description)", code: error.code) }
        switch format {
        case .png: return try decode(png: file, name: name)
        case .jpeg: return try decode(jpeg: file, name: name)
        }
    }

    /// The texts of every QR code in the JPEG image `file`, decoded to grey by libjpeg-turbo (which checks
    /// the header's dimensions again before decoding).
    public static func decode(jpeg file: SecureBytes, name: String) throws(PaperError) -> [String] {
        guard czbar_available() != 0 else { throw PaperError("cannot load libzbar.so.0 (Debian package libzbar0)") }
        var width = 0
        var height = 0
        var pixels: UnsafeMutablePointer<UInt8>?
        var message = [CChar](repeating: 0, count: Int(JMSG_LENGTH_MAX))
        let status = file.withUnsafeBytes { bytes in
            cjpeg_decode_grey(
                bytes.baseAddress!.assumingMemoryBound(to: UInt8.self),
                UInt(bytes.count),
                maximumSide,
                maximumPixels,
                &width,
                &height,
                &pixels,
                &message
            )
        }
        switch Int(status) {
        case Int(CJPEG_OK): break
        case Int(CJPEG_UNAVAILABLE): throw PaperError("cannot load libjpeg.so.62 (Debian package libjpeg62-turbo)")
        case Int(CJPEG_TOO_LARGE):
            try checkDimensions(width: width, height: height)
            throw PaperError("\(name): empty image", code: "not_an_image")
        case Int(CJPEG_NO_MEMORY): throw PaperError("\(name): out of memory decoding a \(width) × \(height) JPEG")
        default:
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw PaperError("\(name): a damaged JPEG image (\(reason))", code: "unreadable_image")
        }
        guard let pixels else { throw PaperError("\(name): no pixel data") }
        defer {
            pixels.update(repeating: 0, count: width * height)
            free(pixels)
        }
        return try scan(
            grey: UnsafeRawBufferPointer(start: pixels, count: width * height),
            width: width,
            height: height,
            name: name
        )
    }

    /// The texts of every QR code in the PNG image `png` (already read, dimensions checked by the caller or
    /// checked here).
    public static func decode(png file: SecureBytes, name: String) throws(PaperError) -> [String] {
        guard ccairo_available() != 0 else { throw PaperError("cannot load libcairo.so.2 (Debian package libcairo2)") }
        guard czbar_available() != 0 else { throw PaperError("cannot load libzbar.so.0 (Debian package libzbar0)") }
        do {
            let (width, height) = try dimensions(png: file)
            try checkDimensions(width: width, height: height)
        } catch { throw PaperError("\(name): \(error.description)", code: error.code) }
        let path = name
        let loaded = file.withUnsafeBytes { bytes -> OpaquePointer? in
            var reader = PNGReader(bytes: bytes, offset: 0)
            return withUnsafeMutablePointer(to: &reader) { context in
                ccairo_cairo_image_surface_create_from_png_stream()!(
                    { closure, data, length in
                        guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                        let reader = closure.assumingMemoryBound(to: PNGReader.self)
                        let wanted = Int(length)
                        guard reader.pointee.offset + wanted <= reader.pointee.bytes.count else {
                            return CAIRO_STATUS_READ_ERROR
                        }
                        UnsafeMutableRawPointer(data).copyMemory(
                            from: reader.pointee.bytes.baseAddress! + reader.pointee.offset,
                            byteCount: wanted
                        )
                        reader.pointee.offset += wanted
                        return CAIRO_STATUS_SUCCESS
                    },
                    context
                )
            }
        }
        guard let png = loaded else { throw PaperError("\(path): cannot read") }
        defer { ccairo_cairo_surface_destroy()!(png) }
        let status = ccairo_cairo_surface_status()!(png)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PaperError(
                "\(path): not a readable PNG image (\(String(cString: ccairo_cairo_status_to_string()!(status)!)))"
            )
        }
        let width = Int(ccairo_cairo_image_surface_get_width()!(png))
        let height = Int(ccairo_cairo_image_surface_get_height()!(png))
        guard width > 0, height > 0 else { throw PaperError("\(path): empty image") }
        // Flatten any PNG format onto white RGB, then take the green-weighted grey (Y800 for zbar).
        guard let rgb = ccairo_cairo_image_surface_create()!(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PaperError("\(path): out of memory")
        }
        defer { ccairo_cairo_surface_destroy()!(rgb) }
        let cr = ccairo_cairo_create()!(rgb)
        ccairo_cairo_set_source_rgb()!(cr, 1, 1, 1)
        ccairo_cairo_paint()!(cr)
        ccairo_cairo_set_source_surface()!(cr, png, 0, 0)
        ccairo_cairo_paint()!(cr)
        ccairo_cairo_destroy()!(cr)
        ccairo_cairo_surface_flush()!(rgb)
        let stride = Int(ccairo_cairo_image_surface_get_stride()!(rgb))
        guard let pixels = ccairo_cairo_image_surface_get_data()!(rgb) else {
            throw PaperError("\(path): no pixel data")
        }
        var grey = [UInt8](repeating: 0, count: width * height)
        defer { for index in grey.indices { grey[index] = 0 } }
        for row in 0..<height {
            let line = UnsafeRawPointer(pixels + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let pixel = line[column]
                let r = (pixel >> 16) & 0xFF
                let g = (pixel >> 8) & 0xFF
                let b = pixel & 0xFF
                grey[row * width + column] = UInt8((77 * r + 150 * g + 29 * b) >> 8)
            }
        }

        let result = grey.withUnsafeBytes { buffer in
            Result { () throws(PaperError) in try scan(grey: buffer, width: width, height: height, name: path) }
        }
        return try result.get()
    }

    /// The texts of every QR code zbar finds in `grey` (Y800: width × height bytes).
    static func scan(
        grey buffer: UnsafeRawBufferPointer,
        width: Int,
        height: Int,
        name path: String
    ) throws(PaperError) -> [String] {
        guard let scanner = czbar_zbar_image_scanner_create()!() else { throw PaperError("zbar: no scanner") }
        defer { czbar_zbar_image_scanner_destroy()!(scanner) }
        czbar_zbar_image_scanner_set_config()!(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        czbar_zbar_image_scanner_set_config()!(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        guard let image = czbar_zbar_image_create()!() else { throw PaperError("zbar: no image") }
        defer { czbar_zbar_image_destroy()!(image) }
        czbar_zbar_image_set_format()!(image, czbar_y800())
        czbar_zbar_image_set_size()!(image, UInt32(width), UInt32(height))
        var texts: [String] = []
        let found = { () -> Int32 in
            czbar_zbar_image_set_data()!(image, buffer.baseAddress, UInt(buffer.count), nil)
            let count = czbar_zbar_scan_image()!(scanner, image)
            var symbol = czbar_zbar_image_first_symbol()!(image)
            while let current = symbol {
                if let data = czbar_zbar_symbol_get_data()!(current) { texts.append(String(cString: data)) }
                symbol = czbar_zbar_symbol_next()!(current)
            }
            czbar_zbar_image_set_data()!(image, nil, 0, nil)
            return count
        }()
        guard found >= 0 else { throw PaperError("\(path): zbar failed to scan the image") }
        return texts
    }

    /// Where cairo's PNG reader is in the bytes.
    private struct PNGReader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int
    }
}
