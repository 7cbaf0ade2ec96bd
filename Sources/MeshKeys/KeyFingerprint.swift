public import MeshCrypto
import MeshMath
public import MeshUDF

/// Key fingerprints (key UDFs) as the Mesh reference implementation computes them.
///
/// The fingerprint is a SHA-2-512 content digest (content type `PKIXKey`, 140-bit presentation) over a
/// SubjectPublicKeyInfo-like DER structure that differs from RFC 8410 in two ways the reference relies on:
/// the AlgorithmIdentifier carries an explicit NULL parameter, and the key inside the BIT STRING is wrapped
/// in an OCTET STRING:
///
///     SEQUENCE { SEQUENCE { OID 1.3.101.{110|111|112|113}, NULL }, BIT STRING { 00, OCTET STRING { key } } }
///
/// X25519 / X448 keys enter in their extended 33 / 57-byte form (u, then 0x80 if v is odd).
public enum KeyFingerprint {
    /// The content type of the reference implementation from 2021 on.
    public static let contentType = "PKIXKey"

    /// The reference's SPKI DER for `key` (RFC 8032 encoding for Edwards keys, extended encoding for X keys).
    public static func referenceSPKI(curve: KeyAlgorithm, key: [UInt8]) -> [UInt8] {
        let oidLast: UInt8 =
            switch curve {
            case .x25519: 0x6E
            case .x448: 0x6F
            case .ed25519: 0x70
            case .ed448: 0x71
            }
        let octetString: [UInt8] = [0x04, UInt8(key.count)] + key
        let bitString: [UInt8] = [0x03, UInt8(octetString.count + 1), 0x00] + octetString
        let algorithm: [UInt8] = [0x30, 0x07, 0x06, 0x03, 0x2B, 0x65, oidLast, 0x05, 0x00]
        let body = algorithm + bitString
        return [0x30, UInt8(body.count)] + body
    }

    /// The key UDF: content digest of the reference SPKI at `bits` (default 140).
    public static func udf(
        curve: KeyAlgorithm,
        key: [UInt8],
        contentType: String = contentType,
        bits: Int = Presentation.defaultBits
    ) -> String {
        ContentDigest(data: referenceSPKI(curve: curve, key: key), contentType: contentType).presentation(bits: bits)
    }
}
