public import MeshCrypto
import MeshMath
public import MeshUDF

/// A key derived from a seed UDF by the Mesh rule of 2021–2022 (the reference's `KeyPair.KeySeed`):
///
///     IKM  = seed bytes after the type octet (key specifier ‖ secret)
///     salt = none (HKDF uses HashLen zero bytes)
///     info = key specifier (2 bytes) ‖ UTF-8(key name)
///     OKM  = HKDF-SHA-512(IKM, salt, info, 32 or 56 bytes)
///
/// Edwards keys use the OKM as the RFC 8032 secret (56 bytes for Ed448, hashed with SHAKE256 like a 57-byte
/// one); X keys use it clamped as in RFC 7748.
public struct DerivedKey: Sendable {
    public let curve: KeyAlgorithm
    public let keyName: String
    public let info: [UInt8]
    /// The raw HKDF output.
    public let okm: SecureBytes
    /// The private key: the OKM (Edwards) or the clamped OKM (X).
    public let privateKey: SecureBytes
    /// RFC 8032 encoding (Edwards) or RFC 7748 u (X).
    public let publicKey: [UInt8]
    /// X keys: u ‖ (v odd ? 0x80 : 0x00). Edwards keys: the same as `publicKey`.
    public let publicKeyExtended: [UInt8]

    /// The key's fingerprint (content type `PKIXKey`, 140 bits).
    public var udf: String { KeyFingerprint.udf(curve: curve, key: publicKeyExtended) }

    /// OKM length for a curve.
    public static func okmLength(_ curve: KeyAlgorithm) -> Int {
        switch curve {
        case .ed25519, .x25519: 32
        case .ed448, .x448: 56
        }
    }

    /// Derives the key called `keyName` for `curve` from `seed`.
    public init(seed: SeedUDF, keyName: String, curve: KeyAlgorithm) throws(OpenSSLError) {
        let specifier = [UInt8(seed.specifier.rawValue >> 8), UInt8(seed.specifier.rawValue & 0xFF)]
        info = specifier + Array(keyName.utf8)
        okm = try HKDF.deriveKey(
            .sha512,
            inputKeyMaterial: seed.keyMaterial,
            info: info,
            outputCount: Self.okmLength(curve)
        )
        self.curve = curve
        self.keyName = keyName
        switch curve {
        case .ed25519, .ed448:
            privateKey = okm
            publicKey = EdDSA.publicKey(secret: okm, curve: curve)
            publicKeyExtended = publicKey
        case .x25519, .x448:
            let clamped = Self.clamp(okm, curve: curve)
            privateKey = clamped
            let point = Montgomery.multiplyBase(by: clamped, curve: curve)
            publicKey = Montgomery.encodeU(point)
            publicKeyExtended = Montgomery.encodeExtended(point)
        }
    }

    /// RFC 7748 clamping: X25519 clears bits 0–2 and 255 and sets bit 254; X448 clears bits 0–1 and sets 447.
    public static func clamp(_ key: SecureBytes, curve: KeyAlgorithm) -> SecureBytes {
        var clamped = key
        clamped.withUnsafeMutableBytes { bytes in
            switch curve {
            case .x25519:
                bytes[0] &= 248
                bytes[31] &= 127
                bytes[31] |= 64
            case .x448:
                bytes[0] &= 252
                bytes[55] |= 128
            case .ed25519, .ed448:
                break
            }
        }
        return clamped
    }
}
