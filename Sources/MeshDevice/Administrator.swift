import MeshCrypto
public import MeshJOSE
import MeshJSON
import MeshKeys
import MeshUDF

/// The administrator's operations, given the account profile and the AdministratorSignature signer (from
/// the account seed, or from an administrator device's grant).
public struct Administrator: Sendable {
    public let account: AccountProfile
    public let signer: SignedRecord.Signer

    public init(account: AccountProfile, signer: SignedRecord.Signer) throws(DeviceError) {
        guard signer.publicKey == account.administratorKey else {
            throw DeviceError("not_administrator", "the signing key is not the account's AdministratorSignature key")
        }
        self.account = account
        self.signer = signer
    }

    /// The result of an enrolment: the answer for the device, and the catalog with the new version.
    public struct Enrolment: Sendable {
        public let answer: EnrolmentAnswer
        public let activation: ActivationKeys
        public let deviceUDF: String
    }

    /// Enrols the device whose profile is `request` under `name`: verifies the profile, makes a fresh
    /// activation seed, computes the composite public keys from the profile's public keys, signs the
    /// activation (encrypted to the device's base encryption key), both connections and a new catalog
    /// version. Refuses a device already active in the catalog and a name an active device has.
    public func enroll(
        request: SignedRecord,
        name: String,
        roles: [String],
        catalog: DeviceCatalog
    ) throws(DeviceError) -> Enrolment {
        try Self.checkName(name)
        let profile = try DeviceProfileDocument.verify(request)
        if let existing = catalog.entry(device: profile.deviceUDF), existing.isActive {
            throw DeviceError("already_enrolled", "device \(profile.deviceUDF) is already enrolled as \(existing.name)")
        }
        if catalog.devices.contains(where: { $0.name == name && $0.isActive }) {
            throw DeviceError("name_taken", "an active device is already called \(name)")
        }
        let activation = try ActivationKeys.generate(basePublic: profile.publicKeys)
        let connection = try ConnectionRecord(
            service: false,
            profileUDF: account.udf,
            deviceUDF: profile.deviceUDF,
            name: name,
            roles: roles,
            activation: activation,
            administrator: signer,
            administratorUDF: account.administratorUDF
        )
        let service = try ConnectionRecord(
            service: true,
            profileUDF: account.udf,
            deviceUDF: profile.deviceUDF,
            name: name,
            roles: roles,
            activation: activation,
            administrator: signer,
            administratorUDF: account.administratorUDF
        )
        let sealed = try ActivationRecord.seal(
            activation: activation,
            account: account,
            device: profile,
            administrator: signer
        )
        let entry = DeviceCatalog.Entry(
            name: name,
            device_udf: profile.deviceUDF,
            status: "active",
            roles: roles,
            profile_digest: request.digest,
            connection_device_digest: connection.record.digest,
            connection_service_digest: service.record.digest,
            activation_digest: ActivationRecord.digest(sealed),
            revocation_digest: nil
        )
        let devices = catalog.devices.filter { $0.device_udf != profile.deviceUDF } + [entry]
        let next = try catalog.appending(devices: devices, account: account, administrator: signer)
        let answer = EnrolmentAnswer(
            accountProfile: account.document.json,
            deviceProfile: request,
            connection: connection.record,
            service: service.record,
            activation: sealed,
            catalog: next
        )
        return Enrolment(answer: answer, activation: activation, deviceUDF: profile.deviceUDF)
    }

    /// A device name: 1 to 64 printable ASCII characters, no spaces.
    public static func checkName(_ name: String) throws(DeviceError) {
        guard !name.isEmpty, name.unicodeScalars.count <= 64,
            name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw DeviceError("invalid_name", "a device name is 1 to 64 printable ASCII characters without spaces")
        }
    }

    /// Revokes an active device: a revocation record and a new catalog version with the device revoked.
    public func revoke(
        device udf: String,
        catalog: DeviceCatalog
    ) throws(DeviceError) -> (revocation: RevocationRecord, catalog: DeviceCatalog) {
        guard var entry = catalog.entry(device: udf) else {
            throw DeviceError("not_in_catalog", "device \(udf) is not in the catalog")
        }
        guard entry.isActive else {
            throw DeviceError("device_revoked", "device \(entry.name) (\(udf)) is already revoked")
        }
        let revocation = try RevocationRecord(account: account, entry: entry, administrator: signer)
        entry.status = "revoked"
        entry.revocation_digest = revocation.record.digest
        let devices = catalog.devices.map { $0.device_udf == udf ? entry : $0 }
        return (revocation, try catalog.appending(devices: devices, account: account, administrator: signer))
    }
}

extension ActivationRecord {
    /// The digest the catalog lists for an activation: the content digest of its JWE's JSON serialization.
    public static func digest(_ jwe: JWE) -> String {
        ContentDigest(data: Array(jwe.json.serialized.utf8), contentType: SignedRecord.digestContentType)
            .presentation(bits: SignedRecord.digestBits)
    }
}
