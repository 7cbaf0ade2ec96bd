public import MeshCrypto

/// Why a JWK or JWE was refused. Each case is a distinct failure with a stable code; none carries key
/// bytes or decrypted data.
///
/// Codes: `malformed_jwe`, `malformed_protected_header`, `duplicate_header_parameter`, `unsupported_crit`,
/// `unsupported_alg`, `unsupported_enc`, `invalid_iv`, `invalid_tag`, `invalid_key`, `wrong_key`,
/// `authentication_failed`, `crypto_error`. Errors compare by code only.
public enum JOSEError: CodedError, Hashable {
    /// Not a JWE in JSON (general or flattened) or compact serialization; the reason says what is wrong.
    case malformed(String)
    /// The protected header is not base64url of a JSON object.
    case malformedProtectedHeader
    /// A header parameter appears in more than one of the protected, shared and per-recipient headers.
    case duplicateHeaderParameter(String)
    /// `crit` lists parameters this implementation does not understand (or is not in the protected header).
    case unsupportedCritical([String])
    /// `alg` is missing or not one of `dir`, `ECDH-ES+A256KW`.
    case unsupportedAlgorithm(String)
    /// `enc` is missing or not `A256GCM`.
    case unsupportedEncryption(String)
    /// The IV is not 96 bits.
    case invalidIV(Int)
    /// The tag is not 128 bits.
    case invalidTag(Int)
    /// A JWK that is not an OKP key on X25519, X448, Ed25519 or Ed448, or whose members are malformed.
    case invalidKey(String)
    /// The key given does not open this JWE: no recipient's encrypted key unwraps with it, or a direct key
    /// of the wrong length.
    case wrongKey(String)
    /// AES-GCM authentication failed: the ciphertext, tag, IV, protected header or aad was altered, or
    /// (for `dir`) the key is wrong. Nothing decrypted is released.
    case authenticationFailed
    /// A cryptographic operation failed for another reason.
    case crypto(String)

    public var code: String {
        switch self {
        case .malformed: "malformed_jwe"
        case .malformedProtectedHeader: "malformed_protected_header"
        case .duplicateHeaderParameter: "duplicate_header_parameter"
        case .unsupportedCritical: "unsupported_crit"
        case .unsupportedAlgorithm: "unsupported_alg"
        case .unsupportedEncryption: "unsupported_enc"
        case .invalidIV: "invalid_iv"
        case .invalidTag: "invalid_tag"
        case .invalidKey: "invalid_key"
        case .wrongKey: "wrong_key"
        case .authenticationFailed: "authentication_failed"
        case .crypto: "crypto_error"
        }
    }

    public var errorCode: String { code }

    public var reason: String {
        switch self {
        case .malformed(let why): "not a JWE: \(why)"
        case .malformedProtectedHeader: "the protected header is not base64url-encoded JSON object"
        case .duplicateHeaderParameter(let name): "header parameter \(name) appears in more than one header"
        case .unsupportedCritical(let names): "unsupported critical header parameters: \(names.joined(separator: ", "))"
        case .unsupportedAlgorithm(let alg):
            "unsupported key management algorithm \(alg) (supported: dir, ECDH-ES+A256KW)"
        case .unsupportedEncryption(let enc): "unsupported content encryption \(enc) (supported: A256GCM)"
        case .invalidIV(let count): "the IV is \(count) bytes, A256GCM needs 12"
        case .invalidTag(let count): "the authentication tag is \(count) bytes, A256GCM needs 16"
        case .invalidKey(let why): "invalid key: \(why)"
        case .wrongKey(let why): "wrong key: \(why)"
        case .authenticationFailed:
            "authentication failed: the ciphertext, tag, IV, protected header or aad was altered (or the key is wrong); nothing was decrypted"
        case .crypto(let why): why
        }
    }

    public var description: String { "\(code): \(reason)" }

}
