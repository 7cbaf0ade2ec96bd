public import MeshCrypto
import MeshUDF

/// A secret recovered from a share set, with what was used and checked.
public struct RecoveredSecret: Sendable {
    public enum Kind: String, Sendable {
        /// A Mesh seed (`Z…` UDF: 0xC8, key specifier, secret), e.g. an account seed.
        case seed
        /// Any other secret.
        case secret
    }

    /// The secret bytes, L long.
    public let secret: SecureBytes
    public let threshold: Int
    /// x of the shares interpolated.
    public let usedX: [Int]
    /// x of the surplus shares verified against them.
    public let checkedX: [Int]

    public var kind: Kind { secret.count >= 4 && secret[0] == UDFType.seed.rawValue ? .seed : .secret }

    /// The secret as a dashed Base32 string (for a seed, its `Z…` UDF).
    public var text: String { Base32.encode(secret) }

    /// The reference's identifier of the secret (see ``SecretSharing/identifier(of:)``).
    public var identifier: String { SecretSharing.identifier(of: secret) }
}
