/// The whole chain for one device, checked from the account's profile document down:
///
/// 1. the account profile document verifies and is the expected profile (``AccountProfile``);
/// 2. the device profile's self-signature and key UDFs (``DeviceProfileDocument``);
/// 3. the device and service connections are signed by the AdministratorSignature key of that profile
///    document (no other key), name the account and this device, and publish the same composite
///    Authentication key;
/// 4. the catalog chain verifies (every version signed by AdministratorSignature and chained), lists the
///    device with the digests of exactly these records, and lists it as active;
/// 5. no revocation record of this connection verifies;
/// 6. for the device itself (when its activation is given): the composite keys its seed and activation
///    give are the ones in the connection.
public enum DeviceVerification {
    public struct Report: Sendable {
        public let accountUDF: String
        public let deviceUDF: String
        public let name: String
        public let roles: [String]
        public let catalogSequence: Int
        public let administratorUDF: String
        public let compositeUDFs: [(role: DeviceKeys.Role, udf: String)]
    }

    public static func verify(
        account: AccountProfile,
        profile: SignedRecord,
        connection: SignedRecord,
        service: SignedRecord,
        catalog: DeviceCatalog,
        revocation: SignedRecord?,
        own: (device: DeviceKeys, activation: ActivationKeys)? = nil
    ) throws(DeviceError) -> Report {
        let device = try DeviceProfileDocument.verify(profile)
        let deviceConnection = try ConnectionRecord.verify(connection, service: false, account: account)
        let serviceConnection = try ConnectionRecord.verify(service, service: true, account: account)
        guard deviceConnection.deviceUDF == device.deviceUDF else {
            throw DeviceError(
                "connection_device_mismatch",
                "the connection is for device \(deviceConnection.deviceUDF), not \(device.deviceUDF)"
            )
        }
        guard serviceConnection.deviceUDF == device.deviceUDF else {
            throw DeviceError(
                "connection_service_mismatch",
                "the service connection is for device \(serviceConnection.deviceUDF), not \(device.deviceUDF)"
            )
        }
        guard serviceConnection.compositeKeys[.authentication] == deviceConnection.compositeKeys[.authentication] else {
            throw DeviceError(
                "connection_service_mismatch",
                "the service and device connections publish different Authentication keys"
            )
        }
        // Each composite differs from the base key it is built on (a connection that publishes the base key
        // itself would let anyone holding the base key act as the device without the activation).
        for role in ActivationKeys.roles where deviceConnection.compositeKeys[role] == device.publicKeys[role] {
            throw DeviceError(
                "connection_device_mismatch",
                "the connection's \(role.rawValue) key is the device's base key"
            )
        }
        let verifiedCatalog = try DeviceCatalog.verify(versions: catalog.versions, account: account)
        guard let entry = verifiedCatalog.entry(device: device.deviceUDF) else {
            throw DeviceError("not_in_catalog", "device \(device.deviceUDF) is not in the account's device catalog")
        }
        let name = deviceConnection.name ?? entry.name
        guard entry.isActive else {
            throw DeviceError(
                "device_revoked",
                "device \(entry.name) (\(device.deviceUDF)) is revoked in catalog version \(verifiedCatalog.sequence)"
            )
        }
        guard entry.profile_digest == profile.digest else {
            throw DeviceError("device_profile_mismatch", "the device profile is not the one the catalog lists")
        }
        guard entry.connection_device_digest == connection.digest else {
            throw DeviceError("connection_device_mismatch", "the connection is not the one the catalog lists")
        }
        guard entry.connection_service_digest == service.digest else {
            throw DeviceError("connection_service_mismatch", "the service connection is not the one the catalog lists")
        }
        guard entry.name == name else {
            throw DeviceError(
                "connection_device_mismatch",
                "the connection names the device \(name), the catalog \(entry.name)"
            )
        }
        if let revocation {
            let revoked = try RevocationRecord.verify(revocation, account: account)
            // A revocation ends the connection it names (a device enrolled again has a new connection).
            if revoked.deviceUDF == device.deviceUDF && revoked.connectionDigest == connection.digest {
                throw DeviceError(
                    "device_revoked",
                    "device \(entry.name) (\(device.deviceUDF)) has a revocation record signed by AdministratorSignature"
                )
            }
        }
        if let own {
            guard own.device.udf == device.deviceUDF else {
                throw DeviceError(
                    "device_profile_mismatch",
                    "this store's device is \(own.device.udf), not \(device.deviceUDF)"
                )
            }
            for role in ActivationKeys.roles {
                _ = try own.activation.compositePrivate(
                    role,
                    device: own.device,
                    publishedComposite: deviceConnection.compositeKeys[role]
                )
            }
        }
        let udfs = ActivationKeys.roles.map { ($0, deviceConnection.compositeUDF($0) ?? "") }
        return Report(
            accountUDF: account.udf,
            deviceUDF: device.deviceUDF,
            name: entry.name,
            roles: entry.roles,
            catalogSequence: verifiedCatalog.sequence,
            administratorUDF: account.administratorUDF,
            compositeUDFs: udfs
        )
    }
}
