import MeshCrypto
import MeshJSON
public import MeshKeys
import MeshMath

/// The account side of every check: the account's signed master profile document (MeshKeys'
/// ``ProfileDocument``), verified, and the AdministratorSignature key it publishes. Every activation,
/// connection, catalog and revocation record must verify under that key and no other.
public struct AccountProfile: Sendable {
    public let document: ProfileDocument
    public let udf: String
    /// The AdministratorSignature public key (Ed448, RFC 8032) and its UDF.
    public let administratorKey: [UInt8]
    public let administratorUDF: String

    /// Verifies the document (self-signature, key UDFs) and, when given, that it is the profile `expect`.
    public init(document bytes: [UInt8], expect: String? = nil) throws(DeviceError) {
        let document: ProfileDocument
        do { document = try ProfileDocument.verify(bytes) } catch {
            throw DeviceError("account_profile_invalid", "the account profile document: \(error.description)")
        }
        if let expect, Self.normalized(expect) != Self.normalized(document.profileUDF) {
            throw DeviceError("profile_mismatch", "the account profile is \(document.profileUDF), not \(expect)")
        }
        let payload = try SignedRecord.parse(bytes, what: "account_profile").unverifiedJSON(what: "account_profile")
        guard let m = JSONMembers(payload), m.string("profile_udf") != nil,
            let keys = m.array("keys", RecordKey.init(json:))
        else {
            throw DeviceError("account_profile_malformed", "the account_profile record's payload cannot be read")
        }
        guard let admin = keys.first(where: { $0.role == MeshProfile.Role.administratorSignature.rawValue })
        else {
            throw DeviceError("account_profile_invalid", "the account profile has no AdministratorSignature key")
        }
        administratorKey = try admin.extended(curve: .ed448, what: "account_profile")
        administratorUDF = admin.key_udf
        self.document = document
        udf = document.profileUDF
    }

    /// UDFs compared without case, dashes or spaces.
    public static func normalized(_ udf: String) -> String { udf.uppercased().filter { $0 != "-" && $0 != " " } }
}
