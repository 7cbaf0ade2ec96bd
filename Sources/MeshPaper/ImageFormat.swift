public import MeshCrypto

/// What kind of image a scanned file is, from its first bytes (magic numbers), so that an unreadable file is
/// named for what it is instead of failing inside a decoder.
public enum ImageFormat: String, Sendable {
    case png = "PNG"
    case jpeg = "JPEG"

    /// Formats recognised by their magic bytes but not decoded: named in the `unsupported_image` refusal.
    static let unsupported: [(name: String, magic: [UInt8?])] = [
        ("GIF", Array("GIF8".utf8)),
        ("BMP", Array("BM".utf8)),
        ("TIFF", [0x49, 0x49, 0x2A, 0x00]),
        ("TIFF", [0x4D, 0x4D, 0x00, 0x2A]),
        ("WebP", Array("RIFF".utf8) + [nil, nil, nil, nil] + Array("WEBP".utf8)),
        ("HEIC/HEIF/AVIF", [nil, nil, nil, nil] + Array("ftyp".utf8)),
        ("PDF (render its pages to PNG or JPEG first, e.g. pdftoppm -png)", Array("%PDF".utf8)),
        ("JPEG 2000", [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]),
    ]

    /// The format of `bytes`: PNG (signature 89 50 4E 47 0D 0A 1A 0A) or JPEG (FF D8 FF). Anything else is
    /// refused: `unsupported_image` naming a recognised other format (GIF, BMP, TIFF, WebP, HEIC, PDF, JPEG
    /// 2000), else `not_an_image`.
    public static func detect(_ bytes: SecureBytes) throws(PaperError) -> ImageFormat {
        let head = bytes.slice(0..<min(bytes.count, 16)).unprotectedBytes
        func starts(_ magic: [UInt8?]) -> Bool {
            head.count >= magic.count && zip(head, magic).allSatisfy { $1 == nil || $0 == $1 }
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if let other = unsupported.first(where: { starts($0.magic) }) {
            throw PaperError("a \(other.name) image; only PNG and JPEG are read", code: "unsupported_image")
        }
        throw PaperError(
            bytes.count == 0 ? "empty file, not an image" : "not an image (neither PNG nor JPEG by its first bytes)",
            code: "not_an_image"
        )
    }

    /// The width and height in the first start-of-frame segment (SOF0–SOF15 except DHT C4, JPG C8, DAC CC)
    /// of JPEG `bytes`, walking the marker segments from SOI (ITU T.81 §B.2) without decoding anything.
    public static func jpegDimensions(_ bytes: SecureBytes) throws(PaperError) -> (width: Int, height: Int) {
        let count = bytes.count
        guard count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw PaperError("not a JPEG image (no start-of-image marker)", code: "not_an_image")
        }
        var offset = 2
        while offset + 4 <= count {
            guard bytes[offset] == 0xFF else { break }
            let marker = bytes[offset + 1]
            if marker == 0xFF {
                offset += 1
                continue
            }  // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                offset += 2
                continue
            }
            if marker == 0xD9 || marker == 0xDA { break }  // end of image, or scan data before any frame header
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 2 else { break }
            if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
                guard length >= 7, offset + 9 <= count else { break }
                let height = Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
                let width = Int(bytes[offset + 7]) << 8 | Int(bytes[offset + 8])
                return (width, height)
            }
            offset += 2 + length
        }
        throw PaperError("a damaged JPEG image (no frame header with its size)", code: "unreadable_image")
    }
}
