import MeshCrypto
public import MeshJOSE
import MeshJSON

/// What the administrator sends back to an enrolled device (`device enroll --request` writes it, `device
/// accept` reads it): `type` `MeshDeviceEnrolment`, version 1, with the account profile document
/// (base64url of its bytes), the device profile, connections and catalog versions in compact JWS form, and
/// the activation JWE (JSON serialization, as text). Nothing in it is secret except inside the JWE.
public struct EnrolmentAnswer: Sendable {
    public static let type = "MeshDeviceEnrolment"
    public static let version = 1

    public let accountProfile: [UInt8]
    public let deviceProfile: SignedRecord
    public let connection: SignedRecord
    public let service: SignedRecord
    public let activation: JWE
    public let catalog: DeviceCatalog

    public init(
        accountProfile: [UInt8],
        deviceProfile: SignedRecord,
        connection: SignedRecord,
        service: SignedRecord,
        activation: JWE,
        catalog: DeviceCatalog
    ) {
        self.accountProfile = accountProfile
        self.deviceProfile = deviceProfile
        self.connection = connection
        self.service = service
        self.activation = activation
        self.catalog = catalog
    }

    public var json: [UInt8] {
        let answer: JSONValue = .object([
            "type": .string(Self.type), "version": .int(Self.version),
            "account_profile": .string(Base64URL.encode(accountProfile)),
            "device_profile": .string(deviceProfile.compact), "connection_device": .string(connection.compact),
            "connection_service": .string(service.compact), "activation": .string(activation.json.serialized),
            "catalog": .array(catalog.versions.map { .string($0.compact) }),
        ])
        return Array((SignedRecord.fileWriter.text(answer) + "\n").utf8)
    }

    /// Reads an answer (nothing verified yet).
    public static func parse(_ bytes: [UInt8]) throws(DeviceError) -> EnrolmentAnswer {
        guard let shape = Shape(JSONValue.parse(bytes)), shape.type == type else {
            throw DeviceError("answer_malformed", "not an enrolment answer (MeshDeviceEnrolment)")
        }
        guard shape.version == version else {
            throw DeviceError("answer_malformed", "enrolment answer version \(shape.version) is not supported")
        }
        guard let profile = Base64URL.decode(shape.account_profile) else {
            throw DeviceError("answer_malformed", "account_profile is not base64url")
        }
        let activation: JWE
        do { activation = try JWE.parse(shape.activation) } catch {
            throw DeviceError("activation_malformed", "the activation is not a JWE: \(error)")
        }
        var versions: [SignedRecord] = []
        for text in shape.catalog { versions.append(try SignedRecord.parse(Array(text.utf8), what: "catalog")) }
        return EnrolmentAnswer(
            accountProfile: profile,
            deviceProfile: try SignedRecord.parse(Array(shape.device_profile.utf8), what: "device_profile"),
            connection: try SignedRecord.parse(Array(shape.connection_device.utf8), what: "connection_device"),
            service: try SignedRecord.parse(Array(shape.connection_service.utf8), what: "connection_service"),
            activation: activation,
            catalog: DeviceCatalog(versions: versions, devices: [])
        )
    }
}

extension EnrolmentAnswer {
    /// The members of an answer file, read before anything in them is checked.
    struct Shape {
        let type: String
        let version: Int
        let account_profile: String
        let device_profile: String
        let connection_device: String
        let connection_service: String
        let activation: String
        let catalog: [String]

        init?(_ json: JSONValue?) {
            guard let m = JSONMembers(json), let type = m.string("type"), let version = m.int("version"),
                let profile = m.string("account_profile"), let device = m.string("device_profile"),
                let connection = m.string("connection_device"), let service = m.string("connection_service"),
                let activation = m.string("activation"), let catalog = m.strings("catalog")
            else { return nil }
            self.type = type
            self.version = version
            account_profile = profile
            device_profile = device
            connection_device = connection
            connection_service = service
            self.activation = activation
            self.catalog = catalog
        }
    }
}
