public import MeshCrypto

/// A keyed (authenticator) UDF, type 0 (HMAC-SHA-2-512), never compressed.
///
///     PRK = HMAC-SHA-512(key = "KeyedUDFMaster", message = UTF8(keyString))
///     OKM = HKDF-Expand-SHA-512(PRK, info = "KeyedUDFExpand", 64)
///     MAC = HMAC-SHA-512(OKM, UTF8(contentType) ‖ ':' ‖ SHA-512(data))
///
/// The key is the key's *text*, dashes included.
public struct Authenticator: Sendable {
    public let mac: SecureBytes

    public init(keyString: String, contentType: String, data: [UInt8]) throws(OpenSSLError) {
        let master = Array("KeyedUDFMaster".utf8)
        let prk = master.withUnsafeBytes { k in
            Array(keyString.utf8).withUnsafeBytes { m in HMAC.authenticate(.sha512, key: k, message: m) }
        }
        let okm = try HKDF.expand(.sha512, pseudorandomKey: prk, info: Array("KeyedUDFExpand".utf8), outputCount: 64)
        mac = HMAC.authenticate(
            .sha512,
            key: okm,
            message: Array(contentType.utf8) + [0x3A] + Digest.hash(.sha512, data)
        )
    }

    public var binary: [UInt8] { [UDFType.authenticatorHMACSHA2.rawValue] + mac.unprotectedBytes }

    public func presentation(bits: Int = Presentation.defaultBits) -> String {
        Presentation.present(binary, bits: bits)
    }
}
