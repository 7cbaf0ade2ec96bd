public import MeshCrypto
public import MeshKeys
import MeshMath
public import MeshUDF

/// A device's base keys, all derived from its device seed (`0xC8 0x01 0x00` ‖ secret, specifier
/// MeshProfileDevice) by the Mesh rule of vectors README §4.7, as the reference's `ProfileDevice.Generate`
/// does: names `BaseDevice` + operation, Ed448 for Profile and Sign, X448 for Encrypt and Authenticate.
///
/// The device UDF is the fingerprint of the ProfileSignature (`BaseDeviceProfile`) key.
public struct DeviceKeys: Sendable {
    /// The four base keys, in the order the conformance vectors list them.
    public enum Role: String, Sendable, CaseIterable {
        case profileSignature = "ProfileSignature"
        case encryption = "Encryption"
        case signature = "Signature"
        case authentication = "Authentication"

        /// The operation part of the key names (`BaseDevice…`, `ActivationDevice…`).
        public var operation: String {
            switch self {
            case .profileSignature: "Profile"
            case .encryption: "Encrypt"
            case .signature: "Sign"
            case .authentication: "Authenticate"
            }
        }

        /// The HKDF key name of the base key.
        public var keyName: String { "BaseDevice" + operation }

        /// Ed448 for Profile and Sign, X448 for Encrypt and Authenticate (a Mesh seed names no curve).
        public var curve: KeyAlgorithm {
            switch self {
            case .profileSignature, .signature: .ed448
            case .encryption, .authentication: .x448
            }
        }
    }

    public let seed: SeedUDF
    public let keys: [(role: Role, key: DerivedKey)]

    public func key(_ role: Role) -> DerivedKey { keys.first { $0.role == role }!.key }

    /// The device UDF: the fingerprint of the ProfileSignature key.
    public var udf: String { key(.profileSignature).udf }

    /// Derives the four base keys from a device seed (specifier MeshProfileDevice, at least 16 secret bytes).
    public init(seed: SeedUDF) throws(DeviceError) {
        guard seed.specifier == .meshProfileDevice else {
            throw DeviceError(
                "not_a_device_seed",
                "the seed's key specifier is \(seed.specifier.rawValue), not MeshProfileDevice (256)"
            )
        }
        guard seed.secret.count >= 16 else {
            throw DeviceError(
                "not_a_device_seed",
                "a device seed holds at least 16 secret bytes, this one \(seed.secret.count)"
            )
        }
        self.seed = seed
        var derived: [(Role, DerivedKey)] = []
        for role in Role.allCases {
            do { derived.append((role, try DerivedKey(seed: seed, keyName: role.keyName, curve: role.curve))) } catch {
                throw DeviceError("derivation_failed", "\(error)")
            }
        }
        keys = derived
    }

    /// A fresh device seed (32 random secret bytes, as the reference makes them) and its keys.
    public static func generate() -> DeviceKeys {
        // A fresh MeshProfileDevice seed of 32 bytes always derives.
        try! DeviceKeys(seed: SeedUDF.random(.meshProfileDevice, secretByteCount: 32))
    }

    /// The scalar form of a base key (for the composite arithmetic).
    public func scalarKey(_ role: Role) throws(DeviceError) -> ScalarKey {
        do { return try ScalarKey(derived: key(role)) } catch {
            throw DeviceError("derivation_failed", error.description)
        }
    }

    /// The connect PIN of a preconfigured device (vectors README §5.18, the reference's
    /// `MeshUri.GetConnectPin`): HKDF-SHA-512 over the UTF-8 text of the seed's presentation, no salt, info
    /// = the account address, `bits / 8` bytes, presented in full as a type-0x20 (encryption key) UDF.
    public func connectPIN(account: String, bits: Int) throws(DeviceError) -> String {
        guard bits > 0, bits % 8 == 0, bits <= 512 else {
            throw DeviceError(
                "invalid_pin_length",
                "the PIN length is \(bits) bits; a multiple of 8 up to 512 is needed"
            )
        }
        let text = SecureBytes(Array(seed.text.utf8))
        let okm: SecureBytes
        do {
            okm = try HKDF.deriveKey(.sha512, inputKeyMaterial: text, info: Array(account.utf8), outputCount: bits / 8)
        } catch {
            throw DeviceError("derivation_failed", "\(error)")
        }
        return DataUDF.encryptionKey(okm).text
    }

    /// `mcu://<account>/<connect PIN>`.
    public func connectURI(account: String, bits: Int) throws(DeviceError) -> String {
        "mcu://\(account)/\(try connectPIN(account: account, bits: bits))"
    }
}
