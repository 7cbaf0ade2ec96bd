/// The share texts read from the QR codes of scanned pages, each with where it came from. The same page
/// scanned twice (or two images of one sheet) gives the same text: it is kept once, so one share is not
/// refused as a duplicate of itself. Two different texts stay (two different shares with the same x are
/// still refused when the set is parsed).
public struct ScannedShares: Sendable {
    /// The distinct texts, in the order first found.
    public private(set) var texts: [String] = []
    /// Where each text was found ("PATH", or "PATH, code N" for an image with several codes).
    public private(set) var origins: [String] = []
    /// The texts found again in a later image and dropped, with where ("PATH" …).
    public private(set) var repeats: [String] = []

    /// None yet (``add(_:from:)`` adds).
    public init() {}

    /// Scans every image in `paths` (PNG or JPEG; `-` is standard input). An image without a QR code is
    /// refused (`scan_failed`), as is any unreadable image (``QRScan/decode(imagePath:)``).
    public init(scanning paths: [String]) throws(PaperError) {
        for path in paths {
            let found = try QRScan.decode(imagePath: path)
            let name = path == "-" ? "standard input" : path
            guard !found.isEmpty else { throw PaperError("\(name): no QR code found", code: "scan_failed") }
            add(found, from: name)
        }
    }

    /// Adds the texts found in the image called `name`, dropping those already found.
    public mutating func add(_ found: [String], from name: String) {
        for (index, text) in found.enumerated() {
            let origin = found.count == 1 ? name : "\(name), code \(index + 1)"
            if texts.contains(text) {
                repeats.append(origin)
            } else {
                texts.append(text)
                origins.append(origin)
            }
        }
    }
}
