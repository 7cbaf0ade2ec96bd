public import MeshCrypto

/// A secret seed UDF (`Z…`): 0xC8 ‖ key specifier (2 bytes, big-endian) ‖ secret.
public struct SeedUDF: Sendable, Equatable {
    /// Key specifiers (UDF algorithm identifiers) that seeds carry.
    public struct KeySpecifier: Hashable, Sendable, RawRepresentable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let any = KeySpecifier(rawValue: 0)
        public static let x25519 = KeySpecifier(rawValue: 1)
        public static let x448 = KeySpecifier(rawValue: 2)
        public static let ed25519 = KeySpecifier(rawValue: 3)
        public static let ed448 = KeySpecifier(rawValue: 4)
        public static let meshProfileDevice = KeySpecifier(rawValue: 256)
        public static let meshActivationDevice = KeySpecifier(rawValue: 257)
        public static let meshProfileAccount = KeySpecifier(rawValue: 258)
        public static let meshActivationAccount = KeySpecifier(rawValue: 259)
        public static let meshProfileService = KeySpecifier(rawValue: 260)
        public static let meshActivationService = KeySpecifier(rawValue: 261)

        /// Whether the specifier is one the UDF drafts define (algorithms 0…19, Mesh seed types 256…261).
        public var isKnown: Bool { rawValue <= 19 || (256...261).contains(rawValue) }
    }

    public let specifier: KeySpecifier
    public let secret: SecureBytes

    public init(specifier: KeySpecifier, secret: SecureBytes) {
        self.specifier = specifier
        self.secret = secret
    }

    /// A fresh seed with `secretByteCount` random bytes (32 for Mesh accounts).
    public static func random(_ specifier: KeySpecifier, secretByteCount: Int = 32) -> SeedUDF {
        SeedUDF(specifier: specifier, secret: SecureRandom.bytes(secretByteCount))
    }

    /// 0xC8 ‖ specifier ‖ secret.
    public var binary: SecureBytes {
        SecureBytes(
            prefix: [UDFType.seed.rawValue, UInt8(specifier.rawValue >> 8), UInt8(specifier.rawValue & 0xFF)],
            secret
        )
    }

    /// specifier ‖ secret: the HKDF input keying material of Mesh key derivation.
    public var keyMaterial: SecureBytes { binary.slice(1..<(3 + secret.count)) }

    public var text: String { Base32.encode(binary) }

    /// Interprets binary seed bytes (0xC8 first).
    public init(binary bytes: SecureBytes) throws(UDFError) {
        guard bytes.count >= 4 else { throw UDFError(.invalidLength, "a seed needs a type, a specifier and a secret") }
        guard bytes[0] == UDFType.seed.rawValue else {
            throw UDFError(.wrongType, "is \(UDFType(rawValue: bytes[0]).article), not a seed (Z…, type 200)")
        }
        specifier = KeySpecifier(rawValue: UInt16(bytes[1]) << 8 | UInt16(bytes[2]))
        secret = bytes.slice(3..<bytes.count)
    }

    public static func parse(_ text: String) throws(UDFError) -> SeedUDF {
        let udf = try DataUDF.parse(text, expecting: .seed)
        return try SeedUDF(binary: udf.binary)
    }
}
