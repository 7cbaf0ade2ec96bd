import Foundation
import MeshCrypto
import MeshPaper
import Testing

/// A PNG's dimensions are read from its header and capped before cairo decodes it (item 9: a
/// 20000 × 20000 PNG made `recover --scan` take 20 s and 3.5 GB).
@Suite struct QRScanLimitTests {
    /// A PNG signature and IHDR chunk (8-bit greyscale) of the given size, then nothing: enough for the
    /// header check, not a decodable image.
    static func header(width: UInt32, height: UInt32) -> [UInt8] {
        func big(_ value: UInt32) -> [UInt8] {
            [UInt8(value >> 24), UInt8(value >> 16 & 255), UInt8(value >> 8 & 255), UInt8(value & 255)]
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + big(13) + Array("IHDR".utf8) + big(width)
            + big(height)
            + [8, 0, 0, 0, 0] + big(0)
    }

    @Test func dimensionsComeFromTheHeader() throws {
        let size = try QRScan.dimensions(png: SecureBytes(Self.header(width: 20_000, height: 123)))
        #expect(size.width == 20_000 && size.height == 123)
        #expect(throws: PaperError.self) {
            try QRScan.dimensions(png: SecureBytes(Array("GIF89a........................".utf8)))
        }
        #expect(throws: PaperError.self) {
            try QRScan.dimensions(png: SecureBytes(Array(Self.header(width: 1, height: 1).prefix(20))))
        }
    }

    @Test func oversizedImagesAreRefusedByName() throws {
        for (width, height) in [(20_000, 20_000), (10_001, 10), (10, 10_001), (8_000, 8_000)] {
            do {
                try QRScan.checkDimensions(width: width, height: height)
                Issue.record("\(width) × \(height) accepted")
            } catch {
                #expect(error.code == "image_too_large")
                #expect(error.description.contains("\(width) × \(height)"))
            }
        }
        try QRScan.checkDimensions(width: 10_000, height: 4_000)
        try QRScan.checkDimensions(width: 6_000, height: 6_000)
        #expect(throws: PaperError.self) { try QRScan.checkDimensions(width: 0, height: 10) }
    }

    @Test func aHugeHeaderIsRefusedBeforeDecoding() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).png")
        try Data(Self.header(width: 20_000, height: 20_000)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let start = ContinuousClock.now
        do {
            _ = try QRScan.decode(pngPath: file.path)
            Issue.record("decoded a 20000 × 20000 image")
        } catch {
            #expect(error.code == "image_too_large")
        }
        #expect(ContinuousClock.now - start < .seconds(2))
        do {
            _ = try QRScan.decode(png: SecureBytes(Self.header(width: 20_000, height: 20_000)), name: "memory")
            Issue.record("decoded a 20000 × 20000 image from memory")
        } catch {
            #expect(error.code == "image_too_large")
        }
    }
}
