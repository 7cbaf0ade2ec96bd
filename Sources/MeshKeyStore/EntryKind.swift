public import MeshCrypto
public import MeshUDF

/// What an entry holds, typed: a seed with its key specifier, a private key with its algorithm, or a share
/// of a split group key on its curve. The entry file writes it as two strings, `type` (``EntryType``) and
/// `algorithm` (``name``); reading an entry parses them back and refuses a name it does not know.
public enum EntryKind: Sendable, Hashable {
    /// A seed UDF (`Z…`) of this key specifier.
    case seed(SeedUDF.KeySpecifier)
    /// A raw private key of this algorithm.
    case key(KeyAlgorithm)
    /// A share of a split group key on this curve.
    case share(KeyAlgorithm)

    /// The kind's `type` in the entry file.
    public var type: EntryType {
        switch self {
        case .seed: .seed
        case .key: .key
        case .share: .share
        }
    }

    /// The kind's `algorithm` in the entry file: the algorithm (`Ed25519`, `Ed448`, `X25519`, `X448`) of a
    /// key or share; the specifier's name of a seed (`MeshProfileAccount`, …, or `specifier-<n>` for a
    /// specifier without a name).
    public var name: String {
        switch self {
        case .key(let algorithm), .share(let algorithm): algorithm.rawValue
        case .seed(let specifier): Self.specifierNames[specifier.rawValue] ?? "specifier-\(specifier.rawValue)"
        }
    }

    /// The algorithm of a key or a share; nil for a seed.
    public var algorithm: KeyAlgorithm? {
        switch self {
        case .key(let algorithm), .share(let algorithm): algorithm
        case .seed: nil
        }
    }

    /// The kind an entry file's `type` and `algorithm` name, or nil if `name` is not one this type has
    /// (only the exact spelling ``name`` writes is accepted).
    public init?(type: EntryType, name: String) {
        switch type {
        case .key, .share:
            guard let algorithm = KeyAlgorithm(rawValue: name) else { return nil }
            self = type == .key ? .key(algorithm) : .share(algorithm)
        case .seed:
            if let named = Self.specifierNames.first(where: { $0.value == name }) {
                self = .seed(SeedUDF.KeySpecifier(rawValue: named.key))
                return
            }
            let prefix = "specifier-"
            guard name.hasPrefix(prefix), let number = UInt16(name.dropFirst(prefix.count)) else { return nil }
            let kind = EntryKind.seed(SeedUDF.KeySpecifier(rawValue: number))
            // "specifier-03" or "specifier-3" for a named specifier is not what a store writes.
            guard kind.name == name else { return nil }
            self = kind
        }
    }

    /// The names of the key specifiers the UDF drafts name (by raw value).
    static let specifierNames: [UInt16: String] = [
        0: "Any", 1: "X25519", 2: "X448", 3: "Ed25519", 4: "Ed448",
        256: "MeshProfileDevice", 257: "MeshActivationDevice", 258: "MeshProfileAccount", 259: "MeshActivationAccount",
        260: "MeshProfileService", 261: "MeshActivationService",
    ]
}
