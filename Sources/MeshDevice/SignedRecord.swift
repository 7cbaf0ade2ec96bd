public import MeshCrypto
import MeshJOSE
public import MeshJSON
public import MeshKeys
import MeshMath
import MeshUDF

/// One signed device record: a JWS (RFC 7515) with one Ed448 signature (`alg` `EdDSA`, RFC 8037) over a
/// UTF-8 JSON payload whose `type` names the record. Files hold the JSON serialization (like the master
/// ProfileDocument); records embedded in other records use the compact form. The record digest is the
/// content digest (content type `meshkey-device-record`, 200 bits) of the compact form, so it does not
/// depend on white space.
public struct SignedRecord: Sendable, Equatable {
    public static let digestContentType = "meshkey-device-record"
    public static let digestBits = 200

    /// base64url of the protected header, payload and signature, exactly as transmitted.
    public let protectedText: String
    public let payloadText: String
    public let signatureText: String

    struct Header {
        let alg: String
        let kid: String?
        let typ: String?
        let crit: [String]?
    }

    /// The header and payload as compact JSON (sorted keys, a solidus not escaped) and the file layout: the
    /// forms of the first records, written by Foundation's encoder.
    static let compactWriter = JSONWriter(layout: .compact, escaping: .encoder(slashes: false))
    static let fileWriter = JSONWriter.encoderPretty(escapingSlashes: false)

    /// Who signs: a standard Ed448 secret (a derived key) or a raw scalar (a composite key, signed with a
    /// secret nonce prefix derived from the scalar, never the reference's prefix-less composite signing).
    public enum Signer: Sendable {
        /// An Ed448 RFC 8032 secret (56 or 57 bytes).
        case secret(SecureBytes)
        case scalar(ScalarKey)

        /// A key derived from a seed (Ed448).
        public static func derived(_ key: DerivedKey) -> Signer { .secret(key.privateKey) }

        /// The signer's public key (RFC 8032).
        public var publicKey: [UInt8] {
            switch self {
            case .secret(let secret): EdDSA.publicKey(secret: secret, curve: .ed448)
            case .scalar(let key): key.publicKeyExtended
            }
        }
    }

    /// Signs `payload` (written as compact JSON with sorted keys) with `signer`; `kid` is the signer's key UDF.
    public static func sign(
        _ payload: some RecordPayload,
        type: String,
        signer: Signer,
        kid: String
    ) throws(DeviceError) -> SignedRecord {
        let payloadText = Base64URL.encode(Array(Self.compactWriter.text(payload.json).utf8))
        let protectedText = Base64URL.encode(
            Array(
                Self.compactWriter.text(.object(["alg": .string("EdDSA"), "kid": .string(kid), "typ": .string(type)]))
                    .utf8
            )
        )
        let input = Array("\(protectedText).\(payloadText)".utf8)
        let signature: [UInt8]
        switch signer {
        case .secret(let secret):
            guard secret.count == 56 || secret.count == 57 else {
                throw DeviceError("invalid_key", "records are signed with Ed448 keys")
            }
            signature = EdDSA.sign(message: input, secret: secret, curve: .ed448)
        case .scalar(let key):
            guard key.curve == .ed448 else { throw DeviceError("invalid_key", "records are signed with Ed448 keys") }
            do { signature = try key.sign(message: input) } catch {
                throw DeviceError("invalid_key", error.description)
            }
        }
        return SignedRecord(
            protectedText: protectedText,
            payloadText: payloadText,
            signatureText: Base64URL.encode(signature)
        )
    }

    init(protectedText: String, payloadText: String, signatureText: String) {
        self.protectedText = protectedText
        self.payloadText = payloadText
        self.signatureText = signatureText
    }

    /// `protected.payload.signature`.
    public var compact: String { "\(protectedText).\(payloadText).\(signatureText)" }

    /// The record digest (a UDF): content digest of the compact form.
    public var digest: String {
        ContentDigest(data: Array(compact.utf8), contentType: Self.digestContentType).presentation(
            bits: Self.digestBits
        )
    }

    /// The JSON serialization, pretty-printed, UTF-8, with a final newline.
    public var json: [UInt8] {
        let jws = JWS(
            payloadText: payloadText,
            signatures: [JWS.Signature(protectedText: protectedText, signatureText: signatureText)]
        )
        return Array((Self.fileWriter.text(jws.json) + "\n").utf8)
    }

    /// Reads a record in the JSON serialization (one signature) or the compact form; `what` names it in errors.
    public static func parse(_ bytes: [UInt8], what: String) throws(DeviceError) -> SignedRecord {
        if let jws = JWS.parse(bytes, ignoringHeaders: true) {
            guard jws.signatures.count == 1 else {
                throw DeviceError(
                    "\(what)_malformed",
                    "the \(what) record has \(jws.signatures.count) signatures, not one"
                )
            }
            return SignedRecord(
                protectedText: jws.signatures[0].protectedText,
                payloadText: jws.payloadText,
                signatureText: jws.signatures[0].signatureText
            )
        }
        let text = String(decoding: bytes, as: UTF8.self).filter { !$0.isWhitespace }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else {
            throw DeviceError(
                "\(what)_malformed",
                "the \(what) record is not a JWS (JSON serialization or compact form)"
            )
        }
        return SignedRecord(
            protectedText: String(parts[0]),
            payloadText: String(parts[1]),
            signatureText: String(parts[2])
        )
    }

    /// Verifies the signature under `publicKey` (an Ed448 public key) and decodes the payload, which must
    /// have `type` both in the protected header and in the payload. Errors are named by `what`:
    /// `<what>_signature` for a signature that does not verify, `<what>_malformed` otherwise.
    public func verify<Payload: RecordPayload>(
        _ payloadType: Payload.Type,
        type: String,
        publicKey: [UInt8],
        what: String
    ) throws(DeviceError) -> Payload {
        guard let members = Base64URL.decode(protectedText).flatMap(JSONValue.parse)?.objectValue,
            let header = Header(json: members)
        else {
            throw DeviceError("\(what)_malformed", "the \(what) record's protected header is not base64url JSON")
        }
        if let crit = header.crit, !crit.isEmpty {
            throw DeviceError(
                "\(what)_malformed",
                "the \(what) record has critical header parameters \(crit.joined(separator: ", "))"
            )
        }
        guard header.alg == "EdDSA" || header.alg == "Ed448" else {
            throw DeviceError("\(what)_malformed", "the \(what) record uses algorithm \(header.alg), not EdDSA")
        }
        guard header.typ == type else {
            throw DeviceError(
                "\(what)_malformed",
                "the \(what) record is of type \(header.typ ?? "(none)"), not \(type)"
            )
        }
        guard let signature = Base64URL.decode(signatureText),
            EdDSA.verify(
                signature: signature,
                message: Array("\(protectedText).\(payloadText)".utf8),
                publicKey: publicKey,
                curve: .ed448
            )
        else {
            throw DeviceError(
                "\(what)_signature",
                "the \(what) record's signature does not verify under the expected key"
            )
        }
        guard let payloadBytes = Base64URL.decode(payloadText),
            let payload = JSONValue.parse(payloadBytes).flatMap(Payload.init(json:))
        else {
            throw DeviceError("\(what)_malformed", "the \(what) record's payload is not a \(type)")
        }
        return payload
    }

    /// The payload decoded without checking the signature (to find the key that must have signed it;
    /// never trusted before ``verify(_:type:publicKey:what:)``).
    public func unverifiedPayload<Payload: RecordPayload>(
        _ payloadType: Payload.Type,
        what: String
    ) throws(DeviceError) -> Payload {
        guard let payload = Payload(json: try unverifiedJSON(what: what)) else {
            throw DeviceError("\(what)_malformed", "the \(what) record's payload cannot be read")
        }
        return payload
    }

    /// The payload's JSON, without checking the signature.
    func unverifiedJSON(what: String) throws(DeviceError) -> JSONValue {
        guard let value = Base64URL.decode(payloadText).flatMap(JSONValue.parse) else {
            throw DeviceError("\(what)_malformed", "the \(what) record's payload cannot be read")
        }
        return value
    }
}

/// A public key in a record: role, key UDF, the JWK (`kty` OKP) and, for X448, the extended encoding over
/// which the UDF is computed.
public struct RecordKey: Sendable, Equatable {
    public struct JWK: Sendable, Equatable {
        public let kty: String
        public let crv: String
        public let x: String
    }
    public let role: String
    public let key_udf: String
    public let jwk: JWK
    public let public_ext: String?

    /// From a key's extended encoding (RFC 8032 for Ed448, u ‖ parity for X448).
    public init(role: String, curve: KeyAlgorithm, extended: [UInt8]) {
        self.role = role
        key_udf = KeyFingerprint.udf(curve: curve, key: extended)
        let plain = curve.isEdwards ? extended : Array(extended.prefix(extended.count - 1))
        jwk = JWK(kty: "OKP", crv: curve.rawValue, x: Base64URL.encode(plain))
        public_ext = curve.isEdwards ? nil : Base64URL.encode(extended)
    }

    /// The extended encoding, after checking the curve, that `x` and `public_ext` agree, that the point is
    /// valid (not small order) and that `key_udf` is its fingerprint. `what` names the record in errors.
    public func extended(curve: KeyAlgorithm, what: String) throws(DeviceError) -> [UInt8] {
        guard jwk.kty == "OKP", jwk.crv == curve.rawValue, let x = Base64URL.decode(jwk.x) else {
            throw DeviceError("\(what)_malformed", "\(role) is not an OKP \(curve.rawValue) key")
        }
        var bytes = x
        if !curve.isEdwards {
            guard let ext = public_ext.flatMap(Base64URL.decode), ext.count == x.count + 1,
                Array(ext.prefix(x.count)) == x
            else {
                throw DeviceError("\(what)_malformed", "\(role): the extended key does not match the JWK")
            }
            bytes = ext
        }
        do { _ = try ReceivedPoint.decode(bytes, curve: curve) } catch {
            throw DeviceError("\(what)_malformed", "\(role): \(error.description)")
        }
        guard KeyFingerprint.udf(curve: curve, key: bytes) == key_udf else {
            throw DeviceError("\(what)_malformed", "\(role): the key UDF \(key_udf) is not the key's fingerprint")
        }
        return bytes
    }

    /// The plain public key (RFC 8032 / RFC 7748 u).
    public var plain: [UInt8]? { Base64URL.decode(jwk.x) }

    init(role: String, key_udf: String, jwk: JWK, public_ext: String?) {
        self.role = role
        self.key_udf = key_udf
        self.jwk = jwk
        self.public_ext = public_ext
    }

    /// `{"jwk": {"crv", "kty", "x"}, "key_udf", "public_ext" (X448 only), "role"}`.
    var json: JSONValue {
        JSONMembers.object([
            "role": .string(role), "key_udf": .string(key_udf),
            "jwk": .object(["kty": .string(jwk.kty), "crv": .string(jwk.crv), "x": .string(jwk.x)]),
            "public_ext": public_ext.map { .string($0) },
        ])
    }

    init?(json: JSONValue) {
        guard let m = JSONMembers(json), let role = m.string("role"), let udf = m.string("key_udf"),
            let j = JSONMembers(m.members["jwk"]), let kty = j.string("kty"), let crv = j.string("crv"),
            let x = j.string("x"), let ext = m.optional("public_ext", \.stringValue)
        else { return nil }
        self.init(role: role, key_udf: udf, jwk: JWK(kty: kty, crv: crv, x: x), public_ext: ext)
    }
}

extension SignedRecord.Header {
    init?(json: [String: JSONValue]) {
        guard let alg = json["alg"]?.stringValue, let kid = JSONValue.optional(json["kid"], \.stringValue),
            let typ = JSONValue.optional(json["typ"], \.stringValue),
            let crit = JSONValue.optional(json["crit"], \.stringArrayValue)
        else { return nil }
        self.init(alg: alg, kid: kid, typ: typ, crit: crit)
    }
}
