public import MeshCrypto
public import MeshJOSE
import MeshJSON
public import MeshKeys
import MeshMath

/// An administrator device's grant (the reference's ActivationCommon, reduced to the one key meshkey
/// grants): the account's AdministratorSignature secret, so that the device can enrol and revoke devices
/// after the account seed has been purged from it. A JWE (`cty` `MeshActivationCommon`) to the device's
/// **composite** Encryption key (as the reference encrypts ActivationCommon), plaintext
///
///     {"administrator_signature": "<base64url 56-byte Ed448 secret>", "grant": "<compact JWS>"}
///
/// The JWS (`typ` `MeshActivationCommon`, version 1), signed by AdministratorSignature, names the account,
/// the device and the granted role.
public enum AdministratorGrant {
    public static let type = "MeshActivationCommon"
    public static let version = 1

    struct Payload: Equatable {
        let type: String
        let version: Int
        let account_udf: String
        let device_udf: String
        let granted: [String]
    }

    /// Makes the grant for `deviceUDF`, encrypted to its composite encryption key (extended encoding).
    public static func seal(
        administratorSecret: SecureBytes,
        account: AccountProfile,
        deviceUDF: String,
        compositeEncryption: [UInt8]
    ) throws(DeviceError) -> JWE {
        let signer = SignedRecord.Signer.secret(administratorSecret)
        guard signer.publicKey == account.administratorKey else {
            throw DeviceError("not_administrator", "the key is not the account's AdministratorSignature key")
        }
        let payload = Payload(
            type: type,
            version: version,
            account_udf: account.udf,
            device_udf: deviceUDF,
            granted: ["AdministratorSignature"]
        )
        let signed = try SignedRecord.sign(payload, type: type, signer: signer, kid: account.administratorUDF)
        var plaintext = SecureBytes(Array("{\"administrator_signature\":\"".utf8))
        plaintext.append(Base64URL.encode(administratorSecret))
        plaintext.append(SecureBytes(Array("\",\"grant\":\"\(signed.compact)\"}".utf8)))
        do {
            let key = try OpenSSLPublicKey(algorithm: .x448, rawRepresentation: Array(compositeEncryption.prefix(56)))
            return try JWE.encrypt(
                plaintext,
                to: [JWE.AgreementRecipient(key: key, kid: KeyFingerprint.udf(curve: .x448, key: compositeEncryption))],
                extraProtected: ["cty": .string(type)]
            )
        } catch { throw DeviceError("encryption_failed", "\(error)") }
    }

    /// Opens a grant with the device's composite encryption key: verifies the signature, the account and
    /// device, and that the secret is the account's AdministratorSignature key. Returns the signer.
    public static func open(
        _ jwe: JWE,
        compositeEncryption: ScalarKey,
        account: AccountProfile,
        deviceUDF: String
    ) throws(DeviceError) -> SignedRecord.Signer {
        let plaintext = try CompositeDecryption.decrypt(jwe, key: compositeEncryption)
        guard let (value, secrets) = SecretJSON.parse(plaintext, secretMember: "administrator_signature"),
            let compact = value["grant"]?.stringValue,
            let encoded = SecretJSON.secret(value["administrator_signature"], in: secrets),
            let secret = Base64URL.decode(secure: encoded), secret.count == 56 || secret.count == 57
        else {
            throw DeviceError("grant_malformed", "the decrypted grant is not {administrator_signature, grant}")
        }
        let record = try SignedRecord.parse(Array(compact.utf8), what: "grant")
        let payload = try record.verify(Payload.self, type: type, publicKey: account.administratorKey, what: "grant")
        guard AccountProfile.normalized(payload.account_udf) == AccountProfile.normalized(account.udf),
            payload.device_udf == deviceUDF,
            payload.granted.contains("AdministratorSignature")
        else {
            throw DeviceError(
                "grant_mismatch",
                "the grant is not an AdministratorSignature grant for this account and device"
            )
        }
        let signer = SignedRecord.Signer.secret(secret)
        guard signer.publicKey == account.administratorKey else {
            throw DeviceError("grant_mismatch", "the granted key is not the account's AdministratorSignature key")
        }
        return signer
    }
}

extension AdministratorGrant.Payload: RecordPayload {
    var json: JSONValue {
        .object([
            "type": .string(type), "version": .int(version), "account_udf": .string(account_udf),
            "device_udf": .string(device_udf), "granted": .array(granted.map { .string($0) }),
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let type = m.string("type"), let version = m.int("version"),
            let account = m.string("account_udf"), let device = m.string("device_udf"),
            let granted = m.strings("granted")
        else { return nil }
        self.init(type: type, version: version, account_udf: account, device_udf: device, granted: granted)
    }
}
