public import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshMath
import MeshUDF

/// The signature every write carries, as the request body's `Signature` member: a JWS in flattened JSON
/// serialization (RFC 7515 §7.2.2), `alg` `EdDSA` with an Ed448 key (RFC 8037), `kid` the signing key's UDF.
/// Its payload is the claims object
///
///     {"Digest": "<base64url SHA-256 of the body without Signature, compact with sorted members>",
///      "Nonce": "<base64url, 16 to 64 random bytes>", "Operation": "<the message name>", "Time": <Unix seconds>}
///
/// The service checks, in this order: the form, the operation and digest, the time window, the key (the
/// account administrator's AdministratorSignature key), the signature, then that the nonce is new.
public struct RequestSignature: Sendable, Equatable {
    public static let member = "Signature"
    public static let nonceBytes = 16...64

    public let keyUDF: String
    public let operation: String
    public let digest: [UInt8]
    public let nonce: [UInt8]
    public let time: Int64
    let signingInput: [UInt8]
    let signature: [UInt8]

    /// The digest a signature states for `message`: SHA-256 of its body without `Signature`.
    public static func digest(of message: PortalMessage) -> [UInt8] {
        var body = message.body
        body[member] = nil
        return Digest.hash(.sha256, Array(JSONValue.object(body).serialized.utf8))
    }

    /// `message` with a `Signature` by the Ed448 key `secret` (whose UDF is `keyUDF`), with a fresh nonce.
    public static func sign(
        _ message: PortalMessage,
        secret: SecureBytes,
        keyUDF: String,
        time: Int64,
        nonce: [UInt8] = SecureRandom.bytes(24).unprotectedBytes
    ) -> PortalMessage {
        let header = JSONValue.object(["alg": .string("EdDSA"), "kid": .string(keyUDF)])
        let claims = JSONValue.object([
            "Digest": .string(Base64URL.encode(digest(of: message))),
            "Nonce": .string(Base64URL.encode(nonce)),
            "Operation": .string(message.name),
            "Time": .number(Double(time)),
        ])
        let protected = Base64URL.encode(Array(header.serialized.utf8))
        let payload = Base64URL.encode(Array(claims.serialized.utf8))
        let signature = EdDSA.sign(message: Array("\(protected).\(payload)".utf8), secret: secret, curve: .ed448)
        var body = message.body
        body[member] = .object([
            "protected": .string(protected), "payload": .string(payload),
            "signature": .string(Base64URL.encode(signature)),
        ])
        return PortalMessage(message.name, body)
    }

    /// Reads the `Signature` of `message` and checks its form, operation and digest (not yet the key).
    public static func read(_ message: PortalMessage) throws(PortalError) -> RequestSignature {
        guard let value = message.body[member] else {
            throw PortalError(.missingSignature, "\(message.name) must be signed (member Signature)")
        }
        func malformed(_ reason: String) -> PortalError { PortalError(.malformedSignature, reason) }
        guard let jws = value.objectValue, Set(jws.keys) == ["protected", "payload", "signature"],
            let protectedText = jws["protected"]?.stringValue, let payloadText = jws["payload"]?.stringValue,
            let signatureText = jws["signature"]?.stringValue
        else {
            throw malformed("Signature must be a flattened JWS with exactly protected, payload and signature")
        }
        guard let headerBytes = Base64URL.decode(protectedText), let header = JSONValue.parse(headerBytes)?.objectValue,
            let alg = header["alg"]?.stringValue, let kid = header["kid"]?.stringValue
        else {
            throw malformed("the protected header must be base64url JSON with alg and kid")
        }
        guard alg == "EdDSA" || alg == "Ed448" else { throw malformed("unsupported algorithm \(alg)") }
        guard Set(header.keys).isSubset(of: ["alg", "kid"]) else {
            throw malformed("the protected header may hold only alg and kid")
        }
        guard let payloadBytes = Base64URL.decode(payloadText), let claims = JSONValue.parse(payloadBytes)?.objectValue,
            Set(claims.keys) == ["Digest", "Nonce", "Operation", "Time"],
            let operation = claims["Operation"]?.stringValue,
            let digest = claims["Digest"]?.stringValue.flatMap(Base64URL.decode), digest.count == 32,
            let nonce = claims["Nonce"]?.stringValue.flatMap(Base64URL.decode), nonceBytes.contains(nonce.count),
            case .number(let timeValue) = claims["Time"], timeValue == timeValue.rounded(), abs(timeValue) < 1e12
        else {
            throw malformed(
                "the payload must be base64url JSON with exactly Digest (32 bytes), Nonce (16–64 bytes), Operation and Time (Unix seconds)"
            )
        }
        guard let signature = Base64URL.decode(signatureText), signature.count == 114 else {
            throw malformed("the signature must be base64url of 114 bytes (Ed448)")
        }
        guard operation == message.name else {
            throw PortalError(.signatureMismatch, "the signature is for \(operation), not \(message.name)")
        }
        guard ConstantTime.equal(digest, Self.digest(of: message)) else {
            throw PortalError(.signatureMismatch, "the signature's Digest is not that of this request")
        }
        return RequestSignature(
            keyUDF: kid,
            operation: operation,
            digest: digest,
            nonce: nonce,
            time: Int64(timeValue),
            signingInput: Array("\(protectedText).\(payloadText)".utf8),
            signature: signature
        )
    }

    /// Checks the time against `now` ± `window` seconds.
    public func checkTime(now: Int64, window: Int64) throws(PortalError) {
        guard abs(now - time) <= window else {
            throw PortalError(
                .staleRequest,
                "the signature's Time is more than \(window) seconds from the portal's clock"
            )
        }
    }

    /// Checks that the signer is `key` (an Ed448 public key with its UDF) and that the signature verifies.
    public func verify(key: [UInt8], udf: String) throws(PortalError) {
        guard UDFMatch.identical(keyUDF, udf) else {
            throw PortalError(.notAuthorised, "the request is signed by \(keyUDF), not by the key that may sign it")
        }
        guard EdDSA.verify(signature: signature, message: signingInput, publicKey: key, curve: .ed448) else {
            throw PortalError(.badSignature, "the signature does not verify")
        }
    }
}
