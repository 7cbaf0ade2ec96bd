public import MeshCrypto
public import MeshJOSE
public import MeshJSON
public import MeshKeys
import MeshMath
import MeshUDF

/// A recryption share sealed to the key of the party who will hold it, so that it can travel (by mail, on a
/// USB stick) from the administrator who split the group key to that party's key store.
///
/// * The member's copy is the mesh-schema-05 `DeviceRecryptionKey`: `UDF` (the group key's fingerprint),
///   `RecryptionKey` (the public point s·B of the service's share) and `EnvelopedRecryptionKeyDevice` (a
///   JWE to the member's device key holding the member's ``KeyComposite``).
/// * The service's copy has the same shape under our own name `ServiceRecryptionKey`: `UDF`, `MemberKey`
///   (the public point m·B of the member's share) and `EnvelopedRecryptionKeyService` (a JWE to the service's
///   key holding the service's ``KeyComposite``).
///
/// Opening checks, before the share is handed out, that the fingerprint of the composite's `Public` is the
/// `UDF`, that the JWE's protected header names the same UDF, and that Part·B plus the other share's public
/// point is the group public key: the two shares really add up to the group key. Formats: formats.md 20.4.
public struct DeviceRecryptionKey: Sendable {
    public enum Holder: String, Sendable, CaseIterable {
        /// The member's copy (`DeviceRecryptionKey`).
        case member = "DeviceRecryptionKey"
        /// The service's copy (`ServiceRecryptionKey`).
        case service = "ServiceRecryptionKey"

        /// The member naming the other share's public point.
        var complementMember: String { self == .member ? "RecryptionKey" : "MemberKey" }
        /// The member holding the JWE.
        var envelopeMember: String {
            self == .member ? "EnvelopedRecryptionKeyDevice" : "EnvelopedRecryptionKeyService"
        }
    }

    public let holder: Holder
    public let curve: KeyAlgorithm
    /// The fingerprint of the group public key (extended encoding on X curves).
    public let groupUDF: String
    /// The public point of the other party's share (RFC 8032 or extended encoding).
    public let complementPublic: [UInt8]
    public let envelope: JWE
    /// The administrator's signature (``SealSignature``), if the share is signed.
    public let signature: SealSignature?

    init(
        holder: Holder,
        curve: KeyAlgorithm,
        groupUDF: String,
        complementPublic: [UInt8],
        envelope: JWE,
        signature: SealSignature? = nil
    ) {
        self.holder = holder
        self.curve = curve
        self.groupUDF = groupUDF
        self.complementPublic = complementPublic
        self.envelope = envelope
        self.signature = signature
    }

    /// The protected-header member binding the JWE to the group key.
    static let groupHeader = "meshkey_group"

    /// Seals `composite` (this holder's share) to `recipient`; `complementPublic` is the other share's
    /// public point. Refuses a complement that does not complete the group key. Signed by `signer` (an
    /// Ed25519 or Ed448 key of the administrator) when given.
    public static func seal(
        _ composite: KeyComposite,
        holder: Holder,
        complementPublic: [UInt8],
        to recipient: JWE.AgreementRecipient,
        signer: SealSigner? = nil
    ) throws(EscrowError) -> DeviceRecryptionKey {
        let groupUDF = KeyFingerprint.udf(curve: composite.curve, key: composite.groupPublic)
        try check(composite, complementPublic: complementPublic, groupUDF: groupUDF)
        var header: [String: JSONValue] = [groupHeader: .string(groupUDF)]
        if let signer { header[SealSignature.jweHeader] = .string(signer.udf) }
        let envelope: JWE
        do {
            envelope = try JWE.encrypt(composite.json, to: [recipient], extraProtected: header)
        } catch { throw EscrowError(error) }
        let unsigned = DeviceRecryptionKey(
            holder: holder,
            curve: composite.curve,
            groupUDF: groupUDF,
            complementPublic: complementPublic,
            envelope: envelope
        )
        guard let signer else { return unsigned }
        return DeviceRecryptionKey(
            holder: holder,
            curve: composite.curve,
            groupUDF: groupUDF,
            complementPublic: complementPublic,
            envelope: envelope,
            signature: try SealSignature.sign(unsigned.signedContent, with: signer)
        )
    }

    /// What the signature covers: the document without `Signature`, compact with sorted members.
    public var signedContent: [UInt8] { Array(Self.document(holder: holder, body: body).serialized.utf8) }

    /// Checks the signature against `expectation` without decrypting; the verified signer's UDF, or nil.
    public func checkSignature(_ expectation: SealSignature.Expectation) throws(EscrowError) -> String? {
        try SealSignature.check(signature, content: signedContent, expectation: expectation)
    }

    /// The `kid`s of the JWE's recipients (the UDF of the key it is sealed to, when the sealer gave it).
    public var recipientIdentifiers: [String] {
        envelope.recipients.compactMap { $0.header["kid"]?.stringValue }
    }

    /// Decrypts with the holder's private key and checks the share against the group key. The signature is
    /// checked first against `expectation` (nothing is decrypted when it fails), then the envelope's named
    /// signer against it.
    public func open(
        privateKey: OpenSSLPrivateKey,
        expectation: SealSignature.Expectation = .none
    ) throws(EscrowError) -> KeyComposite {
        guard let bound = envelope.protectedHeader[Self.groupHeader]?.stringValue, UDFMatch.identical(bound, groupUDF)
        else {
            throw EscrowError(.identifierMismatch, "the envelope is not bound to group key \(groupUDF)")
        }
        let signer = try checkSignature(expectation)
        let plaintext: SecureBytes
        do { plaintext = try envelope.decrypt(with: .agreement(privateKey)) } catch { throw EscrowError(error) }
        try SealSignature.checkBinding(envelope, signer: signer)
        let composite: KeyComposite
        do { composite = try KeyComposite(json: plaintext) } catch {
            throw EscrowError(.invalidKeySet, "the envelope does not hold a KeyComposite: \(error)")
        }
        guard composite.curve == curve else {
            throw EscrowError(.invalidKeySet, "the share is \(composite.curve.rawValue), the record \(curve.rawValue)")
        }
        try Self.check(composite, complementPublic: complementPublic, groupUDF: groupUDF)
        return composite
    }

    /// UDF(Public) = groupUDF and Part·B + complement = Public.
    static func check(_ composite: KeyComposite, complementPublic: [UInt8], groupUDF: String) throws(EscrowError) {
        guard UDFMatch.identical(KeyFingerprint.udf(curve: composite.curve, key: composite.groupPublic), groupUDF)
        else {
            throw EscrowError(
                .identifierMismatch,
                "the share belongs to group key \(KeyFingerprint.udf(curve: composite.curve, key: composite.groupPublic)), not \(groupUDF)"
            )
        }
        do {
            let complement = try ReceivedPoint.decode(complementPublic, curve: composite.curve)
            let own = try ReceivedPoint.decode(composite.partPublic, curve: composite.curve)
            let sum = try ReceivedPoint.sum([own, complement])
            guard sum.encoded == composite.groupPublic else {
                throw EscrowError(.invalidKeySet, "the two shares do not add up to group key \(groupUDF)")
            }
        } catch let error as EscrowError { throw error } catch {
            throw EscrowError(.invalidKeySet, "the other share's public key is refused: \(error)")
        }
    }

    // MARK: Documents

    /// `{"DeviceRecryptionKey": {"UDF": …, "RecryptionKey": {"crv": …, "Public": …}, "EnvelopedRecryptionKeyDevice": <JWE>}}`
    /// (or the `ServiceRecryptionKey` names).
    public var json: JSONValue {
        var members = body
        if let signature { members[SealSignature.member] = signature.json }
        return Self.document(holder: holder, body: members)
    }

    /// The three members (without `Signature`).
    var body: [String: JSONValue] {
        [
            "UDF": .string(groupUDF),
            holder.complementMember: .object([
                "crv": .string(curve.rawValue), "Public": .string(Base64URL.encode(complementPublic)),
            ]),
            holder.envelopeMember: envelope.json,
        ]
    }

    static func document(holder: Holder, body: [String: JSONValue]) -> JSONValue {
        .object([holder.rawValue: .object(body)])
    }

    /// Pretty-printed document bytes, ending in a newline.
    public var document: [UInt8] { Array((json.pretty() + "\n").utf8) }

    /// Reads a document (strict: one tag, exactly the three members, and `Signature` when signed).
    public static func parse(_ bytes: [UInt8]) throws(EscrowError) -> DeviceRecryptionKey {
        guard let outer = JSONValue.parse(bytes)?.objectValue else { throw EscrowError(.malformedEntry, "not JSON") }
        guard outer.count == 1, let (tag, body) = outer.first, let holder = Holder(rawValue: tag) else {
            throw EscrowError(.malformedEntry, "expected one member DeviceRecryptionKey or ServiceRecryptionKey")
        }
        guard let members = body.objectValue else { throw EscrowError(.malformedEntry, "\(tag) is not an object") }
        let names = ["UDF", holder.complementMember, holder.envelopeMember]
        if let unknown = members.keys.sorted().first(where: { !names.contains($0) && $0 != SealSignature.member }) {
            throw EscrowError(.malformedEntry, "unknown member \(unknown) in \(tag)")
        }
        guard let udf = members["UDF"]?.stringValue, let complement = members[holder.complementMember]?.objectValue,
            let envelopeValue = members[holder.envelopeMember]
        else {
            throw EscrowError(.malformedEntry, "\(tag) needs \(names.joined(separator: ", "))")
        }
        guard complement.count == 2, let crv = complement["crv"]?.stringValue, let curve = KeyAlgorithm(rawValue: crv),
            let publicText = complement["Public"]?.stringValue, let publicBytes = Base64URL.decode(publicText)
        else {
            throw EscrowError(
                .malformedEntry,
                "\(holder.complementMember) must be {crv, Public} with a known curve and base64url Public"
            )
        }
        do { _ = try ReceivedPoint.decode(publicBytes, curve: curve) } catch {
            throw EscrowError(.malformedEntry, "\(holder.complementMember): \(error)")
        }
        let envelope: JWE
        do { envelope = try JWE.parse(json: envelopeValue) } catch { throw EscrowError(error) }
        let signature = try members[SealSignature.member].map { value throws(EscrowError) in
            try SealSignature.parse(value)
        }
        return DeviceRecryptionKey(
            holder: holder,
            curve: curve,
            groupUDF: udf,
            complementPublic: publicBytes,
            envelope: envelope,
            signature: signature
        )
    }
}
