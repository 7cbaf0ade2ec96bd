import MeshJSON
import MeshKeys
import MeshMath

/// The connection records of a device in an account, signed by the account's AdministratorSignature key
/// (the reference's ConnectionDevice and ConnectionService, which it signs the same way):
///
/// * `MeshConnectionDevice` (version 1): `profile_udf` (the account), `device_udf`, `name`, `roles`, and the
///   composite `keys` Encryption, Signature and Authentication (``RecordKey``);
/// * `MeshConnectionService` (version 1): `profile_udf`, `device_udf` and the composite Authentication key
///   only (what a service needs to admit the device).
public struct ConnectionRecord: Sendable {
    public static let deviceType = "MeshConnectionDevice"
    public static let serviceType = "MeshConnectionService"
    public static let version = 1

    struct Payload: Equatable {
        let type: String
        let version: Int
        let profile_udf: String
        let device_udf: String
        let name: String?
        let roles: [String]?
        let keys: [RecordKey]
    }

    public let record: SignedRecord
    public let isService: Bool
    public let profileUDF: String
    public let deviceUDF: String
    public let name: String?
    public let roles: [String]
    /// Composite public keys by role (extended encoding for X448).
    public let compositeKeys: [DeviceKeys.Role: [UInt8]]

    static func roles(service: Bool) -> [DeviceKeys.Role] { service ? [.authentication] : ActivationKeys.roles }

    /// Makes and signs a connection record with the AdministratorSignature key.
    public init(
        service: Bool,
        profileUDF: String,
        deviceUDF: String,
        name: String,
        roles: [String],
        activation: ActivationKeys,
        administrator: SignedRecord.Signer,
        administratorUDF: String
    ) throws(DeviceError) {
        var keys: [RecordKey] = []
        var composites: [DeviceKeys.Role: [UInt8]] = [:]
        for role in Self.roles(service: service) {
            let composite = activation.composite(role)
            keys.append(RecordKey(role: role.rawValue, curve: role.curve, extended: composite.compositePublic))
            composites[role] = composite.compositePublic
        }
        let type = service ? Self.serviceType : Self.deviceType
        let payload = Payload(
            type: type,
            version: Self.version,
            profile_udf: profileUDF,
            device_udf: deviceUDF,
            name: service ? nil : name,
            roles: service ? nil : roles,
            keys: keys
        )
        record = try SignedRecord.sign(payload, type: type, signer: administrator, kid: administratorUDF)
        isService = service
        self.profileUDF = profileUDF
        self.deviceUDF = deviceUDF
        self.name = service ? nil : name
        self.roles = service ? [] : roles
        compositeKeys = composites
    }

    /// Verifies a connection record under the account's AdministratorSignature key (refusing any other
    /// signer), that it names the account, and that each composite key is valid with its UDF.
    public static func verify(
        _ record: SignedRecord,
        service: Bool,
        account: AccountProfile
    ) throws(DeviceError) -> ConnectionRecord {
        let what = service ? "connection_service" : "connection_device"
        let type = service ? serviceType : deviceType
        let payload = try record.verify(Payload.self, type: type, publicKey: account.administratorKey, what: what)
        guard payload.type == type, payload.version == version else {
            throw DeviceError(
                "\(what)_malformed",
                "the record is \(payload.type) version \(payload.version), not \(type) version 1"
            )
        }
        guard AccountProfile.normalized(payload.profile_udf) == AccountProfile.normalized(account.udf) else {
            throw DeviceError(
                "\(what)_account",
                "the connection is for account \(payload.profile_udf), not \(account.udf)"
            )
        }
        let wanted = roles(service: service)
        guard payload.keys.count == wanted.count else {
            throw DeviceError(
                "\(what)_malformed",
                "the connection lists \(payload.keys.count) keys, not \(wanted.count)"
            )
        }
        var composites: [DeviceKeys.Role: [UInt8]] = [:]
        for role in wanted {
            guard let entry = payload.keys.first(where: { $0.role == role.rawValue }) else {
                throw DeviceError("\(what)_malformed", "the connection has no \(role.rawValue) key")
            }
            composites[role] = try entry.extended(curve: role.curve, what: what)
        }
        return ConnectionRecord(
            record: record,
            isService: service,
            profileUDF: payload.profile_udf,
            deviceUDF: payload.device_udf,
            name: payload.name,
            roles: payload.roles ?? [],
            compositeKeys: composites
        )
    }

    private init(
        record: SignedRecord,
        isService: Bool,
        profileUDF: String,
        deviceUDF: String,
        name: String?,
        roles: [String],
        compositeKeys: [DeviceKeys.Role: [UInt8]]
    ) {
        self.record = record
        self.isService = isService
        self.profileUDF = profileUDF
        self.deviceUDF = deviceUDF
        self.name = name
        self.roles = roles
        self.compositeKeys = compositeKeys
    }

    /// The composite key UDF of a role.
    public func compositeUDF(_ role: DeviceKeys.Role) -> String? {
        compositeKeys[role].map { KeyFingerprint.udf(curve: role.curve, key: $0) }
    }
}

extension ConnectionRecord.Payload: RecordPayload {
    var json: JSONValue {
        JSONMembers.object([
            "type": .string(type), "version": .int(version), "profile_udf": .string(profile_udf),
            "device_udf": .string(device_udf), "name": name.map { .string($0) },
            "roles": roles.map { .array($0.map { .string($0) }) }, "keys": .array(keys.map(\.json)),
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let type = m.string("type"), let version = m.int("version"),
            let profile = m.string("profile_udf"), let device = m.string("device_udf"),
            let name = m.optional("name", \.stringValue), let roles = m.optional("roles", \.stringArrayValue),
            let keys = m.array("keys", RecordKey.init(json:))
        else { return nil }
        self.init(
            type: type,
            version: version,
            profile_udf: profile,
            device_udf: device,
            name: name,
            roles: roles,
            keys: keys
        )
    }
}
