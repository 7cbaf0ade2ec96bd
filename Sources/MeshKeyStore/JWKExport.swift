import MeshCrypto
import MeshJOSE
import MeshJSON

/// The JWK export: the key's RFC 8037 JWK (``OKPKey``) on one line, members sorted (`crv`, `d`, `kid`, `kty`,
/// `x`), with a newline; the private form is written into secure memory.
enum JWKExport {
    static func text(_ key: OpenSSLPrivateKey, kid: String, includePrivate: Bool) throws(JOSEError) -> SecureBytes {
        let writer = JWKExport.writer
        guard includePrivate else {
            return SecureBytes(Array((writer.text(OKPKey(publicKey: key.publicKey, kid: kid).publicJSON) + "\n").utf8))
        }
        let (json, secrets) = try OKPKey(privateKey: key, kid: kid).privateJSON()
        var text = writer.secureText(json, secrets: secrets)
        text.append(SecureBytes([0x0A]))
        return text
    }

    static let writer = JSONWriter(layout: .line)
}
