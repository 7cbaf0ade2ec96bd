public import MeshCrypto

/// A content-digest fingerprint (`M…` for SHA-2-512, `K…` for SHA-3-512).
///
///     inner  = H(data)
///     digest = H(UTF8(contentType) ‖ ':' ‖ inner)
///     type   = base + compression level, from the trailing zero bits of digest
///     binary = type ‖ digest
///
/// The compression level only changes the type octet; the digest is never shifted or shortened.
public struct ContentDigest: Sendable, Equatable {
    public let algorithm: DigestAlgorithm
    /// The 64-byte outer digest.
    public let digest: [UInt8]

    /// Fingerprint of `data` under `contentType`.
    public init(data: [UInt8], contentType: String, algorithm: DigestAlgorithm = .sha512) {
        precondition(algorithm != .sha256, "content digests use SHA-2-512 or SHA-3-512")
        let inner = Digest.hash(algorithm, data)
        self.init(
            digest: Digest.hash(algorithm, parts: [Array(contentType.utf8), [0x3A], inner]),
            algorithm: algorithm
        )
    }

    /// A fingerprint from an outer digest computed elsewhere (for the identifier rules that hash once).
    init(digest: [UInt8], algorithm: DigestAlgorithm) {
        self.algorithm = algorithm
        self.digest = digest
    }

    /// Trailing zero bits of the digest read as a big-endian integer.
    public var trailingZeroBits: Int {
        var count = 0
        for byte in digest.reversed() {
            if byte == 0 {
                count += 8
                continue
            }
            count += byte.trailingZeroBitCount
            break
        }
        return count
    }

    /// Compression level 0…4 (thresholds 20, 30, 40 and 50 trailing zero bits).
    public var compressionLevel: Int {
        switch trailingZeroBits {
        case ..<20: 0
        case 20..<30: 1
        case 30..<40: 2
        case 40..<50: 3
        default: 4
        }
    }

    public var type: UDFType {
        let base = algorithm == .sha3_512 ? UDFType.digestSHA3.rawValue : UDFType.digestSHA2.rawValue
        return UDFType(rawValue: base + UInt8(compressionLevel))
    }

    /// type ‖ digest.
    public var binary: [UInt8] { [type.rawValue] + digest }

    /// The presentation at `bits` bits (default 140).
    public func presentation(bits: Int = Presentation.defaultBits) -> String {
        Presentation.present(binary, bits: bits)
    }
}
