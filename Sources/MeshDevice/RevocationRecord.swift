import MeshJSON

/// The revocation of a device (the reference only deletes the catalog entry and leaves no record):
/// `typ` `MeshDeviceRevocation`, version 1, signed by AdministratorSignature, naming the account, the
/// device, its name and the digest of the connection it ends.
public struct RevocationRecord: Sendable {
    public static let type = "MeshDeviceRevocation"
    public static let version = 1

    struct Payload: Equatable {
        let type: String
        let version: Int
        let account_udf: String
        let device_udf: String
        let name: String
        let connection_device_digest: String
    }

    public let record: SignedRecord
    public let deviceUDF: String
    public let connectionDigest: String

    public init(
        account: AccountProfile,
        entry: DeviceCatalog.Entry,
        administrator: SignedRecord.Signer
    ) throws(DeviceError) {
        let payload = Payload(
            type: Self.type,
            version: Self.version,
            account_udf: account.udf,
            device_udf: entry.device_udf,
            name: entry.name,
            connection_device_digest: entry.connection_device_digest
        )
        record = try SignedRecord.sign(payload, type: Self.type, signer: administrator, kid: account.administratorUDF)
        deviceUDF = entry.device_udf
        connectionDigest = entry.connection_device_digest
    }

    public static func verify(_ record: SignedRecord, account: AccountProfile) throws(DeviceError) -> RevocationRecord {
        let payload = try record.verify(
            Payload.self,
            type: type,
            publicKey: account.administratorKey,
            what: "revocation"
        )
        guard AccountProfile.normalized(payload.account_udf) == AccountProfile.normalized(account.udf) else {
            throw DeviceError(
                "revocation_account",
                "the revocation is for account \(payload.account_udf), not \(account.udf)"
            )
        }
        return RevocationRecord(
            record: record,
            deviceUDF: payload.device_udf,
            connectionDigest: payload.connection_device_digest
        )
    }

    private init(record: SignedRecord, deviceUDF: String, connectionDigest: String) {
        self.record = record
        self.deviceUDF = deviceUDF
        self.connectionDigest = connectionDigest
    }
}

extension RevocationRecord.Payload: RecordPayload {
    var json: JSONValue {
        .object([
            "type": .string(type), "version": .int(version), "account_udf": .string(account_udf),
            "device_udf": .string(device_udf), "name": .string(name),
            "connection_device_digest": .string(connection_device_digest),
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let type = m.string("type"), let version = m.int("version"),
            let account = m.string("account_udf"), let device = m.string("device_udf"), let name = m.string("name"),
            let connection = m.string("connection_device_digest")
        else { return nil }
        self.init(
            type: type,
            version: version,
            account_udf: account,
            device_udf: device,
            name: name,
            connection_device_digest: connection
        )
    }
}
