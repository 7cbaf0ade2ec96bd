public import MeshCrypto

/// What an entry holds.
public enum EntryType: String, Sendable, CaseIterable {
    /// A seed UDF (`Z…`): 0xC8 ‖ key specifier ‖ secret.
    case seed
    /// A raw private key (Ed25519, Ed448, X25519, X448).
    case key
    /// A share of a split group key (recryption): a scalar mod L used as is, with the group's public key.
    case share
}

/// The public description of an entry (verified against the sealed part before it is returned).
public struct StoreEntry: Sendable, Equatable {
    /// The entry's UDF, which is also its file name.
    public let udf: String
    /// What the entry holds: a seed (and its specifier), a key (and its algorithm) or a share (and its curve).
    public let kind: EntryKind
    public let label: String?
    public let exportable: Bool
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public let created: String
    /// Keys: the published public form (RFC 8032 for Edwards keys, u ‖ parity of v for X keys). Shares: the
    /// share's public point, same encoding. Seeds: nil.
    public let publicKey: [UInt8]?
    /// Shares: the group public key the share belongs to (same encoding). Others: nil.
    public let group: [UInt8]?

    /// Seed, key or share.
    public var type: EntryType { kind.type }
    /// The kind's name as the entry file and `store list` show it: `Ed25519`, `Ed448`, `X25519` or `X448`
    /// for keys and shares; the seed's key specifier name for seeds (``EntryKind/name``).
    public var algorithm: String { kind.name }
    /// The key algorithm, for key entries.
    public var keyAlgorithm: KeyAlgorithm? {
        if case .key(let algorithm) = kind { algorithm } else { nil }
    }
}
