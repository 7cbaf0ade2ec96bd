import MeshCrypto
public import MeshJOSE
import MeshJSON
import MeshKeys
import MeshMath
import MeshUDF

/// The activation of a device in an account (the reference's ActivationAccount), as the device receives
/// it: a JWE (`ECDH-ES+A256KW`, `A256GCM`, `cty` `MeshActivationAccount`) to the device's **base**
/// Encryption key whose plaintext is
///
///     {"activation": "<compact JWS>", "activation_seed": "<base64url of the binary activation seed>"}
///
/// The JWS (`typ` `MeshActivationAccount`, version 1) is signed by the account's AdministratorSignature key
/// and states `account_udf` (the **account** profile UDF, not the device's as in the reference),
/// `device_udf`, the composite key UDFs by role, and `activation_seed_digest`: hex SHA-512 of
/// UTF-8("meshkey-activation-seed") ‖ the binary seed, which binds the seed without putting it into the
/// signed (and signature-verified) text.
public struct ActivationRecord: Sendable {
    public static let type = "MeshActivationAccount"
    public static let version = 1

    struct Payload: Equatable {
        let type: String
        let version: Int
        let account_udf: String
        let device_udf: String
        let activation_seed_digest: String
        let composite_udfs: [String: String]
    }

    static func seedDigest(_ seed: SeedUDF) -> String {
        let label = Array("meshkey-activation-seed".utf8)
        return label.withUnsafeBytes { labelBytes in
            seed.binary.withUnsafeBytes { Hex.encode(Digest.hash(.sha512, rawParts: [labelBytes, $0])) }
        }
    }

    /// The administrator's side: signs the activation and encrypts it to the device's base encryption key.
    public static func seal(
        activation: ActivationKeys,
        account: AccountProfile,
        device: DeviceProfileDocument,
        administrator: SignedRecord.Signer
    ) throws(DeviceError) -> JWE {
        var udfs: [String: String] = [:]
        for composite in activation.composites { udfs[composite.role.rawValue] = composite.compositeUDF }
        let payload = Payload(
            type: type,
            version: version,
            account_udf: account.udf,
            device_udf: device.deviceUDF,
            activation_seed_digest: seedDigest(activation.seed),
            composite_udfs: udfs
        )
        let signed = try SignedRecord.sign(payload, type: type, signer: administrator, kid: account.administratorUDF)
        var plaintext = SecureBytes(Array("{\"activation\":\"\(signed.compact)\",\"activation_seed\":\"".utf8))
        plaintext.append(Base64URL.encode(activation.seed.binary))
        plaintext.append(SecureBytes(Array("\"}".utf8)))
        let recipient = try device.encryptionRecipient()
        let kid = KeyFingerprint.udf(curve: .x448, key: device.publicKeys[.encryption]!)
        do {
            return try JWE.encrypt(
                plaintext,
                to: [JWE.AgreementRecipient(key: recipient, kid: kid)],
                extraProtected: ["cty": .string(type)]
            )
        } catch { throw DeviceError("encryption_failed", error.description) }
    }

    /// The device's side: decrypts with the base encryption key, verifies the signature under the
    /// account's AdministratorSignature key, that it names this account and this device, the seed digest,
    /// and that the composites the seed gives for this device have the stated UDFs. Returns the activation
    /// (with its composite public keys) and the signed record.
    public static func open(
        _ jwe: JWE,
        device: DeviceKeys,
        account: AccountProfile
    ) throws(DeviceError) -> (activation: ActivationKeys, record: SignedRecord) {
        let plaintext: SecureBytes
        do {
            let key = try OpenSSLPrivateKey(algorithm: .x448, rawRepresentation: device.key(.encryption).privateKey)
            plaintext = try jwe.decrypt(with: .agreement(key))
        } catch {
            throw DeviceError(
                "activation_undecryptable",
                "the activation does not decrypt with this device's base encryption key (\(error))"
            )
        }
        guard let (value, secrets) = SecretJSON.parse(plaintext, secretMember: "activation_seed"),
            let compact = value["activation"]?.stringValue,
            let encodedSeed = SecretJSON.secret(value["activation_seed"], in: secrets),
            let seedBytes = Base64URL.decode(secure: encodedSeed)
        else {
            throw DeviceError("activation_malformed", "the decrypted activation is not {activation, activation_seed}")
        }
        let seed: SeedUDF
        do { seed = try SeedUDF(binary: seedBytes) } catch {
            throw DeviceError("activation_malformed", "activation_seed is not a seed")
        }
        try ActivationKeys.checkSeed(seed)
        let record = try SignedRecord.parse(Array(compact.utf8), what: "activation")
        let payload = try record.verify(
            Payload.self,
            type: type,
            publicKey: account.administratorKey,
            what: "activation"
        )
        guard payload.version == version else {
            throw DeviceError("activation_malformed", "activation version \(payload.version) is not supported")
        }
        guard AccountProfile.normalized(payload.account_udf) == AccountProfile.normalized(account.udf) else {
            throw DeviceError(
                "activation_account",
                "the activation is for account \(payload.account_udf), not \(account.udf)"
            )
        }
        guard payload.device_udf == device.udf else {
            throw DeviceError(
                "activation_device",
                "the activation is for device \(payload.device_udf), not \(device.udf)"
            )
        }
        guard payload.activation_seed_digest == seedDigest(seed) else {
            throw DeviceError("activation_tampered", "the activation seed is not the one the administrator signed")
        }
        let activation = try ActivationKeys(seed: seed, basePublic: ActivationKeys.basePublic(of: device))
        for composite in activation.composites
        where payload.composite_udfs[composite.role.rawValue] != composite.compositeUDF {
            throw DeviceError(
                "activation_tampered",
                "the signed \(composite.role.rawValue) composite UDF is not what the seed gives"
            )
        }
        return (activation, record)
    }
}

extension ActivationRecord.Payload: RecordPayload {
    var json: JSONValue {
        .object([
            "type": .string(type), "version": .int(version), "account_udf": .string(account_udf),
            "device_udf": .string(device_udf), "activation_seed_digest": .string(activation_seed_digest),
            "composite_udfs": .object(composite_udfs.mapValues { .string($0) }),
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let type = m.string("type"), let version = m.int("version"),
            let account = m.string("account_udf"), let device = m.string("device_udf"),
            let digest = m.string("activation_seed_digest"), let udfs = m.stringMap("composite_udfs")
        else { return nil }
        self.init(
            type: type,
            version: version,
            account_udf: account,
            device_udf: device,
            activation_seed_digest: digest,
            composite_udfs: udfs
        )
    }
}
