import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeys
import Testing

@testable import MeshDevice

/// The exact bytes each device record type writes, signed with a fixed Ed448 secret (EdDSA is
/// deterministic), and that each reads back to the same payload: a change of JSON writer must not change
/// one byte. Values hold a solidus and a non-ASCII letter (escaping), and optional members are absent.
@Suite struct GoldenDeviceRecordTests {
    static let secret = SecureBytes((0..<57).map { UInt8(truncatingIfNeeded: 0xA0 + $0) })
    static let signer = SignedRecord.Signer.secret(secret)
    static let edKey = RecordKey(role: "ProfileSignature", curve: .ed448, extended: signer.publicKey)
    static let xKey = RecordKey(
        role: "Encryption",
        curve: .x448,
        extended: (0..<57).map { UInt8(truncatingIfNeeded: $0 * 7) }
    )
    /// A JWE in the JSON serialization (written once by `JWE.encryptDirect`; its nonce was random).
    static let activationText =
        #"{"ciphertext":"XYRYwJGfKg","iv":"OjuTZs5WQTyYjs6Z","protected":"eyJhbGciOiJkaXIiLCJjdHkiOiJNZXNoQWN0aXZhdGlvbkFjY291bnQiLCJlbmMiOiJBMjU2R0NNIn0","tag":"ogSB_lw-_ks09ojEUxCR1w"}"#

    static func digest(_ bytes: [UInt8]) -> String { Hex.encode(Digest.hash(.sha256, bytes)) }

    /// Signs `payload`, checks the file and compact digests, and returns the record.
    static func pinned<Payload: RecordPayload & Equatable>(
        _ payload: Payload,
        type: String,
        json: String,
        compact: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> SignedRecord {
        let record = try SignedRecord.sign(payload, type: type, signer: signer, kid: "MAAA-GOLD/é")
        #expect(
            digest(record.json) == json,
            "\(String(decoding: record.json, as: UTF8.self))",
            sourceLocation: sourceLocation
        )
        #expect(digest(Array(record.compact.utf8)) == compact, sourceLocation: sourceLocation)
        let read = try SignedRecord.parse(record.json, what: "golden")
        #expect(read == record, sourceLocation: sourceLocation)
        let back = try read.verify(Payload.self, type: type, publicKey: signer.publicKey, what: "golden")
        #expect(back == payload, sourceLocation: sourceLocation)
        #expect(try read.unverifiedPayload(Payload.self, what: "golden") == payload, sourceLocation: sourceLocation)
        return record
    }

    static func entry(revoked: Bool) -> DeviceCatalog.Entry {
        DeviceCatalog.Entry(
            name: "phone/é \"1\"",
            device_udf: "MDEV-ICE1",
            status: revoked ? "revoked" : "active",
            roles: ["AdministratorSignature", "x/y"],
            profile_digest: "MPRO-FILE",
            connection_device_digest: "MCON-DEV1",
            connection_service_digest: "MCON-SER1",
            activation_digest: "MACT-IVE1",
            revocation_digest: revoked ? "MREV-OKE1" : nil
        )
    }

    static func deviceProfile() throws -> SignedRecord {
        try pinned(
            DeviceProfileDocument.Payload(
                type: DeviceProfileDocument.type,
                version: 1,
                device_udf: "MDEV-ICE1/é",
                keys: [edKey, xKey]
            ),
            type: DeviceProfileDocument.type,
            json: "145a4599875be5c181d73c1432179a7f5db6887eded50ba803c7ac1e969cf802",
            compact: "fbda5ecfad1a4b65b7e4fc6b8d6e4d2f47fa5d26b9ebf8ef48ad81111fdf7f11"
        )
    }

    static func connection(service: Bool) throws -> SignedRecord {
        let type = service ? ConnectionRecord.serviceType : ConnectionRecord.deviceType
        return try pinned(
            ConnectionRecord.Payload(
                type: type,
                version: 1,
                profile_udf: "MACC-OUNT/é",
                device_udf: "MDEV-ICE1",
                name: service ? nil : "laptop/é",
                roles: service ? nil : ["AdministratorSignature"],
                keys: service ? [xKey] : [edKey, xKey]
            ),
            type: type,
            json: service
                ? "57fc18b02ce6d3d988b79bba18de8f1ae2e65551a1a0aa85cf333bf7fad5a72d"
                : "a0edf53660019e034673b78882b45f25c8a23a1ffefafa4246101c6d7984aebe",
            compact: service
                ? "389ce882d52f62eb0951eb217e7d3e741fa85337bf1820ad7209c0e394650983"
                : "01f5142a05020c89b07cf9578328bd3be30b58450dac26d676dcf9684c8b68e7"
        )
    }

    static func catalog() throws -> DeviceCatalog {
        let first = try pinned(
            DeviceCatalog.Payload(
                type: DeviceCatalog.type,
                version: 1,
                account_udf: "MACC-OUNT",
                sequence: 1,
                previous: nil,
                devices: [entry(revoked: false)]
            ),
            type: DeviceCatalog.type,
            json: "d5407b7b570ace9c586ce19a200929d831b90c458575b3dfa139441d69cf16e6",
            compact: "fb41b97ff42ecd0f88136979203f740198b8bfb20e6bc25c93482311d61307da"
        )
        let second = try pinned(
            DeviceCatalog.Payload(
                type: DeviceCatalog.type,
                version: 1,
                account_udf: "MACC-OUNT",
                sequence: 2,
                previous: first.digest,
                devices: [entry(revoked: true), entry(revoked: false)]
            ),
            type: DeviceCatalog.type,
            json: "ec14840115c32da1b4462343221147ded885d06e717dc92a1f9daf3793234c46",
            compact: "51e7c723f5c460762815477116aaf57e154ca68c7b86950ed4016d7d1f9042cb"
        )
        return DeviceCatalog(versions: [first, second], devices: [])
    }

    @Test func deviceProfileBytes() throws { _ = try Self.deviceProfile() }

    @Test func connectionBytes() throws {
        _ = try Self.connection(service: false)
        _ = try Self.connection(service: true)
    }

    @Test func revocationBytes() throws {
        _ = try Self.pinned(
            RevocationRecord.Payload(
                type: RevocationRecord.type,
                version: 1,
                account_udf: "MACC-OUNT",
                device_udf: "MDEV-ICE1",
                name: "phone/é \"1\"",
                connection_device_digest: "MCON-DEV1"
            ),
            type: RevocationRecord.type,
            json: "30f713599fa525d34d323019f9ea7206f162b3f1fbf0b58b434ad953a5efa2a5",
            compact: "351f8c9a521a934daae45f3e80eec96511cda3debe5e6f545263bf6788b47401"
        )
    }

    @Test func grantBytes() throws {
        _ = try Self.pinned(
            AdministratorGrant.Payload(
                type: AdministratorGrant.type,
                version: 1,
                account_udf: "MACC-OUNT",
                device_udf: "MDEV-ICE1/é",
                granted: ["AdministratorSignature"]
            ),
            type: AdministratorGrant.type,
            json: "16ad29425ac4bb568ce7c687686daf66a89a0ae2c323b30f06bc7a648342a28b",
            compact: "3306b130f56f69df0a1ffe305d7a7b6616f62e0dc62d3883f52b1b8e34470e58"
        )
    }

    @Test func activationBytes() throws {
        _ = try Self.pinned(
            ActivationRecord.Payload(
                type: ActivationRecord.type,
                version: 1,
                account_udf: "MACC-OUNT",
                device_udf: "MDEV-ICE1",
                activation_seed_digest: "00ff/é",
                composite_udfs: ["Signature": "MSIG-1", "Encryption": "MENC-1/é", "Authentication": "MAUT-1"]
            ),
            type: ActivationRecord.type,
            json: "1598ecc95e4dd7f0255186a9891dac226093dcaa3630c4f82dad1ab76e8023f5",
            compact: "bbcc68ded9bd335ed962a07fc84ba951966a66150c4c1db067035314b2262303"
        )
    }

    @Test func catalogChainBytes() throws {
        let catalog = try Self.catalog()
        #expect(
            Self.digest(catalog.json) == "910e1fa1504dcd4c886300a56cd7d18bd0f6962d1bbb456fa45ea8ce6a4ca643",
            "\(String(decoding: catalog.json, as: UTF8.self))"
        )
        #expect(try DeviceCatalog.parseVersions(catalog.json) == catalog.versions)
    }

    @Test func enrolmentAnswerBytes() throws {
        let answer = EnrolmentAnswer(
            accountProfile: Array("{\"profile\": \"a/b é\"}\n".utf8),
            deviceProfile: try Self.deviceProfile(),
            connection: try Self.connection(service: false),
            service: try Self.connection(service: true),
            activation: try JWE.parse(Self.activationText),
            catalog: try Self.catalog()
        )
        #expect(
            Self.digest(answer.json) == "063e8ded59e8ec51e17233ea162ac8221602b297b860f9adf343cc2365ce6bb8",
            "\(String(decoding: answer.json, as: UTF8.self))"
        )
        let read = try EnrolmentAnswer.parse(answer.json)
        #expect(read.json == answer.json)
        #expect(read.accountProfile == answer.accountProfile && read.catalog.versions == answer.catalog.versions)
        #expect(read.deviceProfile == answer.deviceProfile && read.connection == answer.connection)
        #expect(read.activation.json.serialized == Self.activationText)
    }
}
