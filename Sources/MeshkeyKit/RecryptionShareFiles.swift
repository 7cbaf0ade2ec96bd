public import MeshCrypto
public import MeshEscrow
public import MeshJOSE
public import MeshKeys
public import MeshMath

/// The two files of a recryption split: the member's and the service's share of a group key, each sealed
/// to its holder's key (a DeviceRecryptionKey / ServiceRecryptionKey JWE, signed by `signer`) or, without a
/// recipient, in the clear (the member's as a KeyComposite, the service's as a key file).
public struct RecryptionShareFiles: Sendable {
    public let member: SecureBytes
    public let service: SecureBytes

    /// Splits `group` (with the member's own scalar `member`, or a random one) and writes the two shares'
    /// files. Errors: `ScalarKeyError` (a zero share), `EscrowError` (sealing).
    public init(
        group: ScalarKey,
        member: CurveScalar?,
        service: String,
        memberRecipient: JWE.AgreementRecipient?,
        serviceRecipient: JWE.AgreementRecipient?,
        signer: SealSigner?
    ) throws {
        let shares = try Recryption.split(group: group, member: member)
        let memberRecord = KeyComposite(
            curve: group.curve,
            groupPublic: group.publicKeyExtended,
            part: shares.member,
            service: service
        )
        let serviceRecord = KeyComposite(
            curve: group.curve,
            groupPublic: group.publicKeyExtended,
            part: shares.service,
            service: service
        )
        if let memberRecipient {
            self.member = SecureBytes(
                try DeviceRecryptionKey.seal(
                    memberRecord,
                    holder: .member,
                    complementPublic: serviceRecord.partPublic,
                    to: memberRecipient,
                    signer: signer
                ).document
            )
        } else {
            self.member = memberRecord.json
        }
        if let serviceRecipient {
            self.service = SecureBytes(
                try DeviceRecryptionKey.seal(
                    serviceRecord,
                    holder: .service,
                    complementPublic: memberRecord.partPublic,
                    to: serviceRecipient,
                    signer: signer
                ).document
            )
        } else {
            self.service = ScalarKeyFile(scalar: shares.service, curve: group.curve).json
        }
    }
}
