public import MeshEscrow
import MeshJOSE
import MeshJSON
import MeshKeys

/// What an escrow entry shows without any secret: type, identifier, algorithms, recipients, signer and
/// sizes. Every text comes from the file and is shown with control characters escaped (``KeyLabel``).
public struct EscrowInspection: Sendable {
    /// One recipient of an online entry.
    public struct Recipient: Sendable {
        public let algorithm: String
        public let curve: String
        /// The recipient's `kid`, or nil when it has none.
        public let kid: String?
        public let encryptedKeyCount: Int
    }

    public let kind: EscrowEntry.Kind
    public let identifier: String
    /// The key management algorithm of an entry without recipients (offline).
    public let algorithm: String?
    public let encryption: String
    public let recipients: [Recipient]
    /// The verified signer's UDF, or nil for an unsigned entry.
    public let signer: String?
    public let ciphertextCount: Int

    /// Inspects `entry`; its signature is verified too (it needs no secret): a bad one is an error.
    public init(_ entry: EscrowEntry) throws {
        let jwe = entry.encryptedData
        func shown(_ value: JSONValue?) -> String { KeyLabel.displayed(value?.stringValue ?? "?") }
        let common = (try? jwe.joinedHeader(recipient: jwe.recipients.isEmpty ? nil : 0)) ?? jwe.protectedHeader
        kind = entry.kind
        identifier = KeyLabel.displayed(entry.identifier)
        algorithm = jwe.recipients.isEmpty ? shown(common["alg"]) : nil
        encryption = shown(common["enc"])
        recipients = jwe.recipients.enumerated().map { index, recipient in
            let header = (try? jwe.joinedHeader(recipient: index)) ?? recipient.header
            return Recipient(
                algorithm: shown(header["alg"]),
                curve: shown(header["epk"]?["crv"]),
                kid: header["kid"].map { KeyLabel.displayed($0.stringValue ?? "?") },
                encryptedKeyCount: recipient.encryptedKey.count
            )
        }
        signer = try entry.checkSignature(.none)
        ciphertextCount = jwe.ciphertext.count
    }
}
