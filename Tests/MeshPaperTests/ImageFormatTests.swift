import Foundation
import MeshCrypto
import MeshPaper
import Testing

/// Scanned images are told apart by their first bytes, and a JPEG's size is read from its frame header and
/// capped before libjpeg-turbo decodes it (item 3).
@Suite struct ImageFormatTests {
    /// SOI, an APP0 (JFIF) segment, then a baseline SOF0 of the given size; no scan data.
    static func jpegHeader(width: Int, height: Int, frame: UInt8 = 0xC0) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xC4, 0x00, 0x03, 0x00]  // a (bogus) DHT segment before the frame: skipped
            + [
                0xFF, frame, 0x00, 0x0B, 8, UInt8(height >> 8), UInt8(height & 255), UInt8(width >> 8),
                UInt8(width & 255), 1, 1, 0x11, 0,
            ]
    }

    @Test func formatsAreToldByTheirMagicBytes() throws {
        #expect(try ImageFormat.detect(SecureBytes(QRScanLimitTests.header(width: 1, height: 1))) == .png)
        #expect(try ImageFormat.detect(SecureBytes(Self.jpegHeader(width: 1, height: 1))) == .jpeg)
        let cases: [([UInt8], String, String)] = [
            (Array("GIF89a....".utf8), "unsupported_image", "GIF"),
            (Array("%PDF-1.7\n".utf8), "unsupported_image", "PDF"),
            (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), "unsupported_image", "WebP"),
            ([0, 0, 0, 0x18] + Array("ftypheic".utf8), "unsupported_image", "HEIC"),
            (Array("SAQO-LPJ2-XGM7-KFEP\n".utf8), "not_an_image", "neither PNG nor JPEG"),
            ([], "not_an_image", "empty"),
            ([0xFF, 0xD8], "not_an_image", "neither"),
        ]
        for (bytes, code, reason) in cases {
            do {
                let format = try ImageFormat.detect(SecureBytes(bytes))
                Issue.record("\(bytes.prefix(8)) detected as \(format)")
            } catch {
                #expect(error.code == code)
                #expect(error.description.contains(reason), "\(error.description)")
            }
        }
    }

    @Test func jpegDimensionsComeFromTheFrameHeader() throws {
        let size = try ImageFormat.jpegDimensions(SecureBytes(Self.jpegHeader(width: 4_032, height: 3_024)))
        #expect(size.width == 4_032 && size.height == 3_024)
        let progressive = try ImageFormat.jpegDimensions(
            SecureBytes(Self.jpegHeader(width: 17, height: 60_000, frame: 0xC2))
        )
        #expect(progressive.width == 17 && progressive.height == 60_000)
        // Cut before the frame header: no size, a damaged JPEG.
        #expect(throws: PaperError.self) {
            try ImageFormat.jpegDimensions(SecureBytes(Array(Self.jpegHeader(width: 1, height: 1).prefix(25))))
        }
    }

    /// A 20000 × 20000 JPEG header is refused at once, before libjpeg-turbo allocates anything; so is
    /// one over 40 million pixels within the side limit.
    @Test func aHugeJPEGIsRefusedBeforeDecoding() throws {
        let start = ContinuousClock.now
        for (width, height) in [(20_000, 20_000), (8_000, 8_000)] {
            do {
                _ = try QRScan.decode(
                    image: SecureBytes(Self.jpegHeader(width: width, height: height)),
                    name: "photo.jpg"
                )
                Issue.record("decoded a \(width) × \(height) JPEG")
            } catch {
                #expect(error.code == "image_too_large")
                #expect(error.description.contains("photo.jpg") && error.description.contains("\(width) × \(height)"))
            }
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        // Within the limits, the truncated header reaches libjpeg-turbo, whose error is named, not a crash.
        do {
            _ = try QRScan.decode(image: SecureBytes(Self.jpegHeader(width: 100, height: 100)), name: "cut.jpg")
            Issue.record("decoded a JPEG without scan data")
        } catch {
            #expect(error.code == "unreadable_image", "\(error.description)")
            #expect(error.description.contains("damaged JPEG"))
            #expect(error.description.contains("cut.jpg"))
        }
    }

    @Test func theSameShareFromTwoImagesIsKeptOnce() {
        var scanned = ScannedShares()
        scanned.add(["SAQA-ONE"], from: "a.jpg")
        scanned.add(["SAQA-ONE"], from: "a-again.png")
        scanned.add(["SAQB-TWO", "SAQA-ONE"], from: "b.jpg")
        scanned.add(["SAQA-ONX"], from: "c.jpg")
        #expect(scanned.texts == ["SAQA-ONE", "SAQB-TWO", "SAQA-ONX"])
        #expect(scanned.origins == ["a.jpg", "b.jpg, code 1", "c.jpg"])
        #expect(scanned.repeats == ["a-again.png", "b.jpg, code 2"])
    }
}
