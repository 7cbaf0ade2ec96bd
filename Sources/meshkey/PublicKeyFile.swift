import MeshCrypto
import MeshEscrow
import MeshJOSE

/// A public X25519 / X448 key given as a JWK file (`meshkey store export --format jwk` writes one, with the
/// key's UDF as `kid`): a recipient for the JWEs of sealed recryption shares. The `kid` is checked against the
/// key (``EscrowRecipient``), never trusted.
enum PublicKeyFile {
    static func recipient(_ path: String, command: String) -> JWE.AgreementRecipient {
        let bytes: SecureBytes
        do { bytes = try SecureFile.read(path: path, maximumCount: 1 << 16) } catch { fail(command, error) }
        guard let json = JSONValue.parse(bytes.unprotectedBytes) else { fail(command, "\(path) is not a JSON JWK") }
        let jwk: OKPKey
        do { jwk = try OKPKey(json: json) } catch { fail(command, "\(path): \(error)") }
        do { return try EscrowRecipient.recipient(jwk: jwk) } catch { fail(command, "\(path): \(error)") }
    }
}
