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

    /// `seed` when the bytes read as a seed UDF with a specifier the drafts define (a random secret does
    /// so with probability about 1/256 · 26/65536).
    public var kind: Kind {
        guard let seed = try? SeedUDF(binary: secret) else { return .secret }
        return seed.specifier.isKnown ? .seed : .secret
    }

    /// The secret as a dashed Base32 string (for a seed, its `Z…` UDF).
    public var text: String { Base32.encode(secret) }

    /// The reference's identifier of the secret (see ``SecretSharing/identifier(of:)``).
    public var identifier: String { SecretSharing.identifier(of: secret) }
}
