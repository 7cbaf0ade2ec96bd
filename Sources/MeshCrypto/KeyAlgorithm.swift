/// The four curves of RFC 7748 / RFC 8032 that the Mesh uses, as key algorithms: EdDSA (RFC 8032) signature
/// keys on Ed25519 and Ed448, and X25519/X448 (RFC 7748) key-agreement keys. The one name for an algorithm
/// or curve in every module (OpenSSL keys, curve arithmetic, key files, the key store, the CLI's `--alg`).
public enum KeyAlgorithm: String, Sendable, CaseIterable {
    case ed25519 = "Ed25519"
    case ed448 = "Ed448"
    case x25519 = "X25519"
    case x448 = "X448"

    /// Length of the raw private key (the RFC 8032 seed, or the RFC 7748 scalar), in bytes.
    public var privateKeyByteCount: Int {
        switch self {
        case .ed25519, .x25519: 32
        case .ed448: 57
        case .x448: 56
        }
    }

    /// Length of the raw public key, in bytes.
    public var publicKeyByteCount: Int {
        switch self {
        case .ed25519, .x25519: 32
        case .ed448: 57
        case .x448: 56
        }
    }

    /// Whether this names an Edwards curve (Ed25519, Ed448): keys that sign (EdDSA) rather than agree on
    /// secrets (X25519/X448).
    public var isEdwards: Bool { self == .ed25519 || self == .ed448 }

    /// Length of a signature, for the EdDSA types.
    public var signatureByteCount: Int? {
        switch self {
        case .ed25519: 64
        case .ed448: 114
        case .x25519, .x448: nil
        }
    }
}
