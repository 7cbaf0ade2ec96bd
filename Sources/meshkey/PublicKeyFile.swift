import MeshCrypto
import MeshJOSE

/// A public X25519 / X448 key given as a JWK file (`meshkey store export --format jwk` writes one, with the
/// key's UDF as `kid`): a recipient for the JWEs of escrow entries and sealed recryption shares.
enum PublicKeyFile {
    static func recipient(_ path: String, command: String) -> JWE.AgreementRecipient {
        let bytes: SecureBytes
        do { bytes = try SecureFile.read(path: path, maximumCount: 1 << 16) } catch { fail(command, error) }
        guard let json = JSONValue.parse(bytes.unprotectedBytes) else { fail(command, "\(path) is not a JSON JWK") }
        let jwk: OKPKey
        do { jwk = try OKPKey(json: json) } catch { fail(command, "\(path): \(error)") }
        guard jwk.d == nil else { fail(command, "\(path) holds a private key; give the public JWK (store export --format jwk)") }
        guard jwk.algorithm == .x25519 || jwk.algorithm == .x448 else {
            fail(command, "\(path) is an \(jwk.algorithm.rawValue) key; recipients are X25519 or X448 keys")
        }
        do { return JWE.AgreementRecipient(key: try jwk.publicKey(), kid: jwk.kid) } catch { fail(command, "\(path): \(error)") }
    }
}
