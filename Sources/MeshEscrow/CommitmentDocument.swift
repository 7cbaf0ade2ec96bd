import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeys
public import MeshMath
import MeshUDF

/// The public document of a verifiable share set: Feldman commitments A_j = g^(a_j) mod q to the
/// polynomial's coefficients, so that one holder can check one share alone (g^y = ∏ A_j^(x^j)), and a
/// recovery can name a bad or foreign share even with exactly the threshold.
///
/// A JWS in JSON serialization (RFC 7515 §7.2.1) whose payload is compact JSON with sorted keys:
///
///     {"commitments": ["<base64url 384 bytes>", …], "epoch": 1, "parameters": "feldman-q3072-L35-v1",
///      "previous": null | {"commitments": […], "epoch": 1, "threshold": 2, "udf": "M…"},
///      "set": "<identifier on the sheets>", "shares": 5, "threshold": 3,
///      "type": "MeshShareCommitments", "version": 1}
///
/// `signatures` holds one EdDSA signature (protected header `alg`, `kid` = the signer's key UDF, `jwk` = its
/// public key), or none (unsigned). The document's UDF is the content digest of the payload bytes under
/// ``contentType``, so it does not depend on the signature. Format: Docs/formats.md, "Share commitments".
///
/// Only secrets of 32 to 64 bytes get a document: A_0 = g^secret, and in a group of order p ≈ 2^(8L) Pollard's
/// rho finds the secret in about 2^(4L) steps — 2^64 for a 16-byte secret, easier than the shares make it.
public struct CommitmentDocument: Sendable {
    public static let type = "MeshShareCommitments"
    public static let version = 1
    public static let contentType = "application/meshkey-share-commitments+json"

    /// What a re-shared set's document keeps of the epoch before it: enough to name a share of that epoch.
    public struct Previous: Sendable, Equatable {
        public let udf: String
        public let epoch: Int
        public let threshold: Int
        public let commitments: [[UInt8]]
    }

    public let setIdentifier: String
    public let threshold: Int
    public let shareCount: Int
    public let epoch: Int
    public let previous: Previous?
    public let group: SchnorrGroup
    public let commitments: [[UInt8]]
    /// The `kid` of the signature (verified against the header's key), or nil when unsigned.
    public let signer: String?
    /// The payload bytes (what the UDF and the signature cover).
    public let payload: [UInt8]
    /// The whole document as written to a file.
    public let json: [UInt8]

    /// The content digest of the payload (`M…`, 140 bits), printed with the shares.
    public var udf: String { ContentDigest(data: payload, contentType: Self.contentType).presentation() }
    public var secretLength: Int { group.byteLength }

    // MARK: Making

    /// A signed (or, with no signer, unsigned) document.
    public static func make(
        setIdentifier: String,
        threshold: Int,
        shareCount: Int,
        epoch: Int,
        previous: CommitmentDocument?,
        group: SchnorrGroup,
        commitments: [[UInt8]],
        signer: CommitmentSigner?
    ) -> CommitmentDocument {
        let previousValue: JSONValue =
            previous.map { document in
                .object([
                    "udf": .string(document.udf), "epoch": .number(Double(document.epoch)),
                    "threshold": .number(Double(document.threshold)),
                    "commitments": .array(document.commitments.map { .string(Base64URL.encode($0)) }),
                ])
            } ?? .null
        let body: JSONValue = .object([
            "type": .string(type), "version": .number(Double(version)), "set": .string(setIdentifier),
            "threshold": .number(Double(threshold)), "shares": .number(Double(shareCount)),
            "epoch": .number(Double(epoch)), "previous": previousValue, "parameters": .string(group.identifier),
            "commitments": .array(commitments.map { .string(Base64URL.encode($0)) }),
        ])
        let payload = Array(body.serialized.utf8)
        let jws: JWS
        if let signer {
            let header: JSONValue = .object([
                "alg": .string("EdDSA"), "kid": .string(signer.kid),
                "jwk": .object([
                    "kty": .string("OKP"), "crv": .string(signer.curve.rawValue),
                    "x": .string(Base64URL.encode(signer.publicKey)),
                ]),
            ])
            jws = JWS.sign(payload: body, protectedHeader: header, writer: JSONWriter(layout: .compact)) {
                signer.sign($0)
            }
        } else {
            jws = JWS(payloadText: Base64URL.encode(payload), signatures: [])
        }
        return CommitmentDocument(
            setIdentifier: setIdentifier,
            threshold: threshold,
            shareCount: shareCount,
            epoch: epoch,
            previous: previous.map {
                Previous(udf: $0.udf, epoch: $0.epoch, threshold: $0.threshold, commitments: $0.commitments)
            },
            group: group,
            commitments: commitments,
            signer: signer?.kid,
            payload: payload,
            json: Array((jws.json.pretty() + "\n").utf8)
        )
    }

    // MARK: Reading

    /// Reads and checks a document: its structure, that every commitment is an element of the order-p
    /// subgroup, the link to the previous epoch (same A_0: the same secret), and the signature if there is one.
    public static func parse(_ bytes: [UInt8]) throws(ShareError) -> CommitmentDocument {
        func bad(_ reason: String) -> ShareError { ShareError(.invalidCommitments, reason) }
        guard let outer = JSONValue.parse(bytes), let payloadText = outer["payload"]?.stringValue,
            let signatures = outer["signatures"]?.arrayValue, let payload = Base64URL.decode(payloadText)
        else {
            throw bad("not a commitment document (a JWS in JSON serialization with payload and signatures)")
        }
        guard let body = JSONValue.parse(payload)?.objectValue else { throw bad("the payload is not JSON") }
        guard body["type"]?.stringValue == type else { throw bad("the payload type is not \(type)") }
        guard case .number(let version)? = body["version"], version == Double(Self.version) else {
            throw bad("unsupported version (this meshkey reads version \(Self.version))")
        }
        func integer(_ value: JSONValue?, _ name: String, _ range: ClosedRange<Int>) throws(ShareError) -> Int {
            guard case .number(let number)? = value, number == number.rounded(), number >= Double(range.lowerBound),
                number <= Double(range.upperBound)
            else { throw bad("\(name) is not an integer from \(range.lowerBound) to \(range.upperBound)") }
            return Int(number)
        }
        let threshold = try integer(body["threshold"], "threshold", 1...15)
        let shareCount = try integer(body["shares"], "shares", threshold...16)
        let epoch = try integer(body["epoch"], "epoch", 1...1_000_000)
        guard let setIdentifier = body["set"]?.stringValue, !setIdentifier.isEmpty else { throw bad("set is missing") }
        guard let parameters = body["parameters"]?.stringValue, let group = SchnorrGroup.group(identifier: parameters)
        else {
            throw bad("unknown parameters \(body["parameters"]?.stringValue ?? "(missing)")")
        }
        func elements(_ value: JSONValue?, count: Int, _ name: String) throws(ShareError) -> [[UInt8]] {
            guard let items = value?.arrayValue, items.count == count else {
                throw bad("\(name) must list \(count) commitments")
            }
            var result: [[UInt8]] = []
            for (index, item) in items.enumerated() {
                guard let element = item.stringValue.flatMap(Base64URL.decode),
                    FeldmanCommitment.isGroupElement(element, group: group)
                else {
                    throw bad("\(name) \(index) is not an element of the order-p subgroup of \(parameters)")
                }
                result.append(element)
            }
            return result
        }
        let commitments = try elements(body["commitments"], count: threshold, "commitment")
        var previous: Previous? = nil
        switch body["previous"] {
        case .null?:
            guard epoch == 1 else { throw bad("epoch \(epoch) has no link to epoch \(epoch - 1)") }
        case .object(let link)?:
            let previousEpoch = try integer(link["epoch"], "previous epoch", 1...1_000_000)
            guard previousEpoch == epoch - 1 else {
                throw bad("the previous epoch is \(previousEpoch), not \(epoch - 1)")
            }
            let previousThreshold = try integer(link["threshold"], "previous threshold", 1...15)
            guard let udf = link["udf"]?.stringValue else { throw bad("the previous epoch's udf is missing") }
            let old = try elements(link["commitments"], count: previousThreshold, "previous commitment")
            guard old[0] == commitments[0] else {
                throw bad("A_0 differs from the previous epoch's: not the same secret")
            }
            previous = Previous(udf: udf, epoch: previousEpoch, threshold: previousThreshold, commitments: old)
        default:
            throw bad("previous must be null or an object")
        }
        var signer: String? = nil
        switch signatures.count {
        case 0: break
        case 1: signer = try verifySignature(signatures[0], payloadPart: payloadText)
        default: throw bad("more than one signature")
        }
        return CommitmentDocument(
            setIdentifier: setIdentifier,
            threshold: threshold,
            shareCount: shareCount,
            epoch: epoch,
            previous: previous,
            group: group,
            commitments: commitments,
            signer: signer,
            payload: payload,
            json: bytes
        )
    }

    /// Checks one JWS signature whose header carries the public key; returns its `kid` (the key's UDF).
    private static func verifySignature(_ signature: JSONValue, payloadPart: String) throws(ShareError) -> String {
        func bad(_ reason: String) -> ShareError { ShareError(.invalidCommitments, reason) }
        guard let headerPart = signature["protected"]?.stringValue, let headerBytes = Base64URL.decode(headerPart),
            let header = JSONValue.parse(headerBytes),
            let signatureBytes = signature["signature"]?.stringValue.flatMap(Base64URL.decode)
        else {
            throw bad("the signature is not a JWS signature object")
        }
        if header["crit"] != nil { throw bad("unsupported critical header parameters") }
        guard header["alg"]?.stringValue == "EdDSA" else { throw bad("unsupported signature algorithm") }
        guard let jwk = header["jwk"], jwk["kty"]?.stringValue == "OKP",
            let curve = jwk["crv"]?.stringValue.flatMap(KeyAlgorithm.init(rawValue:)), curve.isEdwards,
            let key = jwk["x"]?.stringValue.flatMap(Base64URL.decode), let kid = header["kid"]?.stringValue
        else {
            throw bad("the signature header has no Ed25519/Ed448 jwk and kid")
        }
        guard KeyFingerprint.udf(curve: curve, key: key) == kid else {
            throw bad("the kid is not the UDF of the header's key")
        }
        guard
            EdDSA.verify(
                signature: signatureBytes,
                message: Array("\(headerPart).\(payloadPart)".utf8),
                publicKey: key,
                curve: curve
            )
        else {
            throw bad("the signature does not verify")
        }
        return kid
    }

    private init(
        setIdentifier: String,
        threshold: Int,
        shareCount: Int,
        epoch: Int,
        previous: Previous?,
        group: SchnorrGroup,
        commitments: [[UInt8]],
        signer: String?,
        payload: [UInt8],
        json: [UInt8]
    ) {
        self.setIdentifier = setIdentifier
        self.threshold = threshold
        self.shareCount = shareCount
        self.epoch = epoch
        self.previous = previous
        self.group = group
        self.commitments = commitments
        self.signer = signer
        self.payload = payload
        self.json = json
    }
}
