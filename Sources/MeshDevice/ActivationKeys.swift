import MeshCrypto
public import MeshKeys
import MeshMath
public import MeshUDF

/// A device's activation in an account (vectors README §5.19; the reference's `ActivationAccount`): an
/// activation seed (`0xC8 0x01 0x03` ‖ secret, specifier MeshActivationAccount) gives three contributions
/// named `ActivationDevice` + operation. Each is added to the device's base key of the same role with
/// MeshKeys' ``KeyOverlay`` arithmetic: the administrator, who has only the device's public keys, gets the
/// composite public keys; the device, which has its seed, gets the composite private scalars.
public struct ActivationKeys: Sendable {
    /// The three activated roles, in the order the vectors list them.
    public static let roles: [DeviceKeys.Role] = [.encryption, .signature, .authentication]

    /// The contribution's HKDF key name for a role (actor `Device`, as in the reference).
    public static func contributionName(_ role: DeviceKeys.Role) -> String { "ActivationDevice" + role.operation }

    /// One activated role: the contribution key and the composite public key.
    public struct Composite: Sendable {
        public let role: DeviceKeys.Role
        public let contribution: DerivedKey
        public let overlay: KeyOverlay
        /// Base public key: RFC 8032 (Ed448) or extended u ‖ parity (X448).
        public let basePublic: [UInt8]
        /// Composite public key, same encoding.
        public let compositePublic: [UInt8]
        public var compositeUDF: String { overlay.udf }
        public var baseUDF: String { overlay.baseUDF }
    }

    public let seed: SeedUDF
    public let composites: [Composite]

    public func composite(_ role: DeviceKeys.Role) -> Composite { composites.first { $0.role == role }! }

    /// Checks an activation seed's type (specifier MeshActivationAccount, at least 16 secret bytes).
    public static func checkSeed(_ seed: SeedUDF) throws(DeviceError) {
        guard seed.specifier == .meshActivationAccount else {
            throw DeviceError(
                "not_an_activation_seed",
                "the seed's key specifier is \(seed.specifier.rawValue), not MeshActivationAccount (259)"
            )
        }
        guard seed.secret.count >= 16 else {
            throw DeviceError(
                "not_an_activation_seed",
                "an activation seed holds at least 16 secret bytes, this one \(seed.secret.count)"
            )
        }
    }

    /// The administrator's side: the contributions and the composite public keys from the device's base
    /// public keys (`basePublic[role]`: RFC 8032 for Ed448, extended u ‖ parity for X448), each validated
    /// as a received point.
    public init(seed: SeedUDF, basePublic: [DeviceKeys.Role: [UInt8]]) throws(DeviceError) {
        try Self.checkSeed(seed)
        self.seed = seed
        var made: [Composite] = []
        for role in Self.roles {
            guard let base = basePublic[role] else {
                throw DeviceError("missing_key", "the device's \(role.rawValue) key is missing")
            }
            do {
                let contribution = try DerivedKey(seed: seed, keyName: Self.contributionName(role), curve: role.curve)
                let (overlay, composite) = try KeyOverlay.create(
                    basePublic: base,
                    curve: role.curve,
                    contribution: .privateKey(contribution.privateKey)
                )
                made.append(
                    Composite(
                        role: role,
                        contribution: contribution,
                        overlay: overlay,
                        basePublic: base,
                        compositePublic: composite
                    )
                )
            } catch let error as DeviceError {
                throw error
            } catch {
                throw DeviceError("invalid_key", "the device's \(role.rawValue) key: \(error)")
            }
        }
        composites = made
    }

    /// A fresh activation seed (32 random secret bytes) for a device's public keys.
    public static func generate(basePublic: [DeviceKeys.Role: [UInt8]]) throws(DeviceError) -> ActivationKeys {
        try ActivationKeys(seed: SeedUDF.random(.meshActivationAccount, secretByteCount: 32), basePublic: basePublic)
    }

    /// The device's base public keys in the form this type takes.
    public static func basePublic(of device: DeviceKeys) -> [DeviceKeys.Role: [UInt8]] {
        var keys: [DeviceKeys.Role: [UInt8]] = [:]
        for role in roles { keys[role] = device.key(role).publicKeyExtended }
        return keys
    }

    /// The device's side: the composite private key of `role`, (s_base + s_contribution) mod L, after
    /// KeyOverlay's checks (the base key's UDF, the composite's UDF) and that it is `publishedComposite`
    /// when given (the key in the connection record).
    public func compositePrivate(
        _ role: DeviceKeys.Role,
        device: DeviceKeys,
        publishedComposite: [UInt8]? = nil
    ) throws(DeviceError) -> ScalarKey {
        let entry = composite(role)
        do {
            return try entry.overlay.apply(
                base: ScalarKey(derived: device.key(role)),
                publishedComposite: publishedComposite
            )
        } catch {
            throw DeviceError("composite_mismatch", "\(role.rawValue): \(error.description)")
        }
    }
}
