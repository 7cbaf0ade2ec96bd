import MeshCrypto
import MeshEscrow
import MeshJOSE

/// A public X25519 / X448 key given as a JWK file (`meshkey store export --format jwk` writes one, with the
/// key's UDF as `kid`): a recipient for the JWEs of sealed recryption shares. The `kid` is checked against the
/// key (``EscrowRecipient``), never trusted.
enum PublicKeyFile {
    /// The recipient in the JWK file `path`. Refusals: the file's read error, `invalid_key` (not JSON, or
    /// not a JWK of an X25519 or X448 key), and ``EscrowRecipient``'s, each naming `path`.
    static func recipient(_ path: String) throws -> JWE.AgreementRecipient {
        let bytes = try SecureFile.read(path: path, maximumCount: 1 << 16)
        guard let json = JSONValue.parse(bytes.unprotectedBytes) else {
            throw CommandFailure("invalid_key", "\(path) is not a JSON JWK")
        }
        let jwk: OKPKey
        do { jwk = try OKPKey(json: json) } catch { throw CommandFailure(error, at: path) }
        do { return try EscrowRecipient.recipient(jwk: jwk) } catch { throw CommandFailure(error, at: path) }
    }

}
