public import MeshCrypto
import MeshJSON
import MeshKeys
import MeshMath

/// A device profile: the device's four base public keys, signed by the device's own ProfileSignature
/// (`BaseDeviceProfile`) key (the 2016 draft's `SignedDeviceProfile` is a JWS; the reference signs
/// ProfileDevice with the same key). Its UDF is that key's fingerprint.
///
/// Payload (`typ` and `type` `MeshDeviceProfile`, `version` 1):
///
///     {"device_udf": "M…", "keys": [<RecordKey> × 4, roles ProfileSignature, Encryption, Signature,
///      Authentication], "type": "MeshDeviceProfile", "version": 1}
public struct DeviceProfileDocument: Sendable {
    public static let type = "MeshDeviceProfile"
    public static let version = 1

    struct Payload: Equatable {
        let type: String
        let version: Int
        let device_udf: String
        let keys: [RecordKey]
    }

    public let record: SignedRecord
    public let deviceUDF: String
    /// Base public keys by role (extended encoding for X448).
    public let publicKeys: [DeviceKeys.Role: [UInt8]]

    /// Makes and signs the device profile of `device`.
    public init(device: DeviceKeys) throws(DeviceError) {
        var keys: [RecordKey] = []
        var publicKeys: [DeviceKeys.Role: [UInt8]] = [:]
        for (role, key) in device.keys {
            keys.append(RecordKey(role: role.rawValue, curve: key.curve, extended: key.publicKeyExtended))
            publicKeys[role] = key.publicKeyExtended
        }
        let payload = Payload(type: Self.type, version: Self.version, device_udf: device.udf, keys: keys)
        record = try SignedRecord.sign(
            payload,
            type: Self.type,
            signer: .derived(device.key(.profileSignature)),
            kid: device.udf
        )
        deviceUDF = device.udf
        self.publicKeys = publicKeys
    }

    /// Verifies a device profile: its four keys (each valid, each UDF its fingerprint), the
    /// self-signature under its ProfileSignature key, and that `device_udf` is that key's UDF.
    public static func verify(_ record: SignedRecord) throws(DeviceError) -> DeviceProfileDocument {
        let what = "device_profile"
        let unverified = try record.unverifiedPayload(Payload.self, what: what)
        var publicKeys: [DeviceKeys.Role: [UInt8]] = [:]
        guard unverified.keys.count == DeviceKeys.Role.allCases.count else {
            throw DeviceError("\(what)_malformed", "the device profile lists \(unverified.keys.count) keys, not 4")
        }
        for role in DeviceKeys.Role.allCases {
            let entries = unverified.keys.filter { $0.role == role.rawValue }
            guard entries.count == 1 else {
                throw DeviceError(
                    "\(what)_malformed",
                    "the device profile lists \(role.rawValue) \(entries.count) times"
                )
            }
            publicKeys[role] = try entries[0].extended(curve: role.curve, what: what)
        }
        let payload = try record.verify(Payload.self, type: type, publicKey: publicKeys[.profileSignature]!, what: what)
        guard payload.version == version else {
            throw DeviceError("\(what)_malformed", "device profile version \(payload.version) is not supported (1 is)")
        }
        let udf = KeyFingerprint.udf(curve: .ed448, key: publicKeys[.profileSignature]!)
        guard payload.device_udf == udf else {
            throw DeviceError("\(what)_malformed", "device_udf is not the ProfileSignature key's UDF")
        }
        return DeviceProfileDocument(record: record, deviceUDF: udf, publicKeys: publicKeys)
    }

    private init(record: SignedRecord, deviceUDF: String, publicKeys: [DeviceKeys.Role: [UInt8]]) {
        self.record = record
        self.deviceUDF = deviceUDF
        self.publicKeys = publicKeys
    }

    /// The base encryption key as a JWE recipient.
    public func encryptionRecipient() throws(DeviceError) -> OpenSSLPublicKey {
        let extended = publicKeys[.encryption]!
        do { return try OpenSSLPublicKey(algorithm: .x448, rawRepresentation: Array(extended.prefix(56))) } catch {
            throw DeviceError("invalid_key", "\(error)")
        }
    }
}

extension DeviceProfileDocument.Payload: RecordPayload {
    var json: JSONValue {
        .object([
            "type": .string(type), "version": .int(version), "device_udf": .string(device_udf),
            "keys": .array(keys.map(\.json)),
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let type = m.string("type"), let version = m.int("version"),
            let udf = m.string("device_udf"), let keys = m.array("keys", RecordKey.init(json:))
        else { return nil }
        self.init(type: type, version: version, device_udf: udf, keys: keys)
    }
}
