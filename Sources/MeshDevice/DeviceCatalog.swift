import MeshJSON

/// The account's device catalog: every enrolled device, its status and the digests of its records,
/// signed by AdministratorSignature (as the 2019 draft requires and the reference does not do), each
/// version chained to the previous one by its digest.
///
/// One version (`typ` `MeshDeviceCatalog`, version 1):
///
///     {"account_udf": "M…", "devices": [<Entry>…], "previous": "<digest of version n-1>" | absent,
///      "sequence": n, "type": "MeshDeviceCatalog", "version": 1}
///
/// The file (`<account UDF>.devices`) holds the whole chain, oldest first:
/// `{"catalog": ["<compact JWS>", …], "type": "MeshDeviceCatalogChain", "version": 1}`.
public struct DeviceCatalog: Sendable {
    public static let type = "MeshDeviceCatalog"
    public static let chainType = "MeshDeviceCatalogChain"
    public static let version = 1

    public struct Entry: Sendable, Equatable {
        public let name: String
        public let device_udf: String
        /// `active` or `revoked`.
        public var status: String
        public let roles: [String]
        public let profile_digest: String
        public let connection_device_digest: String
        public let connection_service_digest: String
        public let activation_digest: String
        public var revocation_digest: String?

        public var isActive: Bool { status == "active" }
    }

    struct Payload: Equatable {
        let type: String
        let version: Int
        let account_udf: String
        let sequence: Int
        let previous: String?
        let devices: [Entry]
    }

    /// Every version, oldest first.
    public let versions: [SignedRecord]
    /// The latest version's devices (empty for an empty chain).
    public let devices: [Entry]
    public var sequence: Int { versions.count }

    /// The empty catalog (no version yet).
    public static let empty = DeviceCatalog(versions: [], devices: [])

    init(versions: [SignedRecord], devices: [Entry]) {
        self.versions = versions
        self.devices = devices
    }

    /// The catalog with one more version listing `devices`, signed by the administrator.
    public func appending(
        devices: [Entry],
        account: AccountProfile,
        administrator: SignedRecord.Signer
    ) throws(DeviceError) -> DeviceCatalog {
        let payload = Payload(
            type: Self.type,
            version: Self.version,
            account_udf: account.udf,
            sequence: versions.count + 1,
            previous: versions.last?.digest,
            devices: devices
        )
        let record = try SignedRecord.sign(
            payload,
            type: Self.type,
            signer: administrator,
            kid: account.administratorUDF
        )
        return DeviceCatalog(versions: versions + [record], devices: devices)
    }

    /// Verifies every version: signed by the account's AdministratorSignature key, for this account,
    /// numbered 1, 2, … and each naming its predecessor's digest.
    public static func verify(versions: [SignedRecord], account: AccountProfile) throws(DeviceError) -> DeviceCatalog {
        guard !versions.isEmpty else { throw DeviceError("catalog_missing", "the device catalog has no version") }
        var devices: [Entry] = []
        for (index, record) in versions.enumerated() {
            let payload = try record.verify(
                Payload.self,
                type: type,
                publicKey: account.administratorKey,
                what: "catalog"
            )
            guard payload.version == version else {
                throw DeviceError("catalog_malformed", "catalog version \(payload.version) is not supported")
            }
            guard AccountProfile.normalized(payload.account_udf) == AccountProfile.normalized(account.udf) else {
                throw DeviceError(
                    "catalog_account",
                    "the catalog is for account \(payload.account_udf), not \(account.udf)"
                )
            }
            guard payload.sequence == index + 1 else {
                throw DeviceError("catalog_chain", "catalog version \(index + 1) carries sequence \(payload.sequence)")
            }
            guard payload.previous == (index == 0 ? nil : versions[index - 1].digest) else {
                throw DeviceError("catalog_chain", "catalog version \(index + 1) does not chain to version \(index)")
            }
            guard Set(payload.devices.map(\.device_udf)).count == payload.devices.count else {
                throw DeviceError("catalog_malformed", "catalog version \(index + 1) lists a device twice")
            }
            devices = payload.devices
        }
        return DeviceCatalog(versions: versions, devices: devices)
    }

    /// Whether this chain starts with every version of `older` (no rollback, no fork).
    public func extends(_ older: DeviceCatalog) -> Bool {
        older.versions.count <= versions.count && zip(older.versions, versions).allSatisfy { $0 == $1 }
    }

    public func entry(device udf: String) -> Entry? { devices.first { $0.device_udf == udf } }
    public func entry(name: String) -> Entry? { devices.last { $0.name == name } }

    // MARK: File

    public var json: [UInt8] {
        let file: JSONValue = .object([
            "type": .string(Self.chainType), "version": .int(Self.version),
            "catalog": .array(versions.map { .string($0.compact) }),
        ])
        return Array((SignedRecord.fileWriter.text(file) + "\n").utf8)
    }

    /// Reads a chain file (not yet verified).
    public static func parseVersions(_ bytes: [UInt8]) throws(DeviceError) -> [SignedRecord] {
        guard let file = JSONMembers(JSONValue.parse(bytes)), file.string("type") == chainType,
            file.int("version") == version, let catalog = file.strings("catalog")
        else {
            throw DeviceError("catalog_malformed", "not a device catalog chain (MeshDeviceCatalogChain version 1)")
        }
        var records: [SignedRecord] = []
        for text in catalog { records.append(try SignedRecord.parse(Array(text.utf8), what: "catalog")) }
        return records
    }
}

extension DeviceCatalog.Entry {
    var json: JSONValue {
        JSONMembers.object([
            "name": .string(name), "device_udf": .string(device_udf), "status": .string(status),
            "roles": .array(roles.map { .string($0) }), "profile_digest": .string(profile_digest),
            "connection_device_digest": .string(connection_device_digest),
            "connection_service_digest": .string(connection_service_digest),
            "activation_digest": .string(activation_digest), "revocation_digest": revocation_digest.map { .string($0) },
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let name = m.string("name"), let udf = m.string("device_udf"),
            let status = m.string("status"), let roles = m.strings("roles"), let profile = m.string("profile_digest"),
            let connection = m.string("connection_device_digest"),
            let service = m.string("connection_service_digest"), let activation = m.string("activation_digest"),
            let revocation = m.optional("revocation_digest", \.stringValue)
        else { return nil }
        self.init(
            name: name,
            device_udf: udf,
            status: status,
            roles: roles,
            profile_digest: profile,
            connection_device_digest: connection,
            connection_service_digest: service,
            activation_digest: activation,
            revocation_digest: revocation
        )
    }
}

extension DeviceCatalog.Payload: RecordPayload {
    var json: JSONValue {
        JSONMembers.object([
            "type": .string(type), "version": .int(version), "account_udf": .string(account_udf),
            "sequence": .int(sequence), "previous": previous.map { .string($0) },
            "devices": .array(devices.map(\.json)),
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let type = m.string("type"), let version = m.int("version"),
            let account = m.string("account_udf"), let sequence = m.int("sequence"),
            let previous = m.optional("previous", \.stringValue),
            let devices = m.array("devices", DeviceCatalog.Entry.init(json:))
        else { return nil }
        self.init(
            type: type,
            version: version,
            account_udf: account,
            sequence: sequence,
            previous: previous,
            devices: devices
        )
    }
}
