import CCairo
import CZBar

/// Reads QR codes from PNG images with zbar.
public enum QRScan {
    /// The texts of every QR code found in the PNG image at `path` (empty when there is none).
    public static func decode(pngPath path: String) throws(PaperError) -> [String] {
        guard ccairo_available() != 0 else { throw PaperError("cannot load libcairo.so.2 (Debian package libcairo2)") }
        guard czbar_available() != 0 else { throw PaperError("cannot load libzbar.so.0 (Debian package libzbar0)") }
        guard let png = ccairo_cairo_image_surface_create_from_png()!(path) else { throw PaperError("\(path): cannot read") }
        defer { ccairo_cairo_surface_destroy()!(png) }
        let status = ccairo_cairo_surface_status()!(png)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PaperError("\(path): not a readable PNG image (\(String(cString: ccairo_cairo_status_to_string()!(status)!)))")
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
        guard let pixels = ccairo_cairo_image_surface_get_data()!(rgb) else { throw PaperError("\(path): no pixel data") }
        var grey = [UInt8](repeating: 0, count: width * height)
        defer { for index in grey.indices { grey[index] = 0 } }
        for row in 0..<height {
            let line = UnsafeRawPointer(pixels + row * stride).assumingMemoryBound(to: UInt32.self)
            for column in 0..<width {
                let pixel = line[column]
                let r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF
                grey[row * width + column] = UInt8((77 * r + 150 * g + 29 * b) >> 8)
            }
        }

        guard let scanner = czbar_zbar_image_scanner_create()!() else { throw PaperError("zbar: no scanner") }
        defer { czbar_zbar_image_scanner_destroy()!(scanner) }
        czbar_zbar_image_scanner_set_config()!(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
        czbar_zbar_image_scanner_set_config()!(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
        guard let image = czbar_zbar_image_create()!() else { throw PaperError("zbar: no image") }
        defer { czbar_zbar_image_destroy()!(image) }
        czbar_zbar_image_set_format()!(image, czbar_y800())
        czbar_zbar_image_set_size()!(image, UInt32(width), UInt32(height))
        var texts: [String] = []
        let found = grey.withUnsafeBytes { buffer -> Int32 in
            czbar_zbar_image_set_data()!(image, buffer.baseAddress, UInt(buffer.count), nil)
            let count = czbar_zbar_scan_image()!(scanner, image)
            var symbol = czbar_zbar_image_first_symbol()!(image)
            while let current = symbol {
                if let data = czbar_zbar_symbol_get_data()!(current) { texts.append(String(cString: data)) }
                symbol = czbar_zbar_symbol_next()!(current)
            }
            czbar_zbar_image_set_data()!(image, nil, 0, nil)
            return count
        }
        guard found >= 0 else { throw PaperError("\(path): zbar failed to scan the image") }
        return texts
    }
}
