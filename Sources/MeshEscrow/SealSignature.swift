public import MeshCrypto
public import MeshJOSE
public import MeshJSON
public import MeshKeys
import MeshMath

/// The sender's signature on a sealed document (an online escrow entry, a sealed recryption share):
/// formats.md §20.5, "Sealed-document signatures", version 1.
///
/// The document's body gets a member `Signature`: a JWS (RFC 7515) in flattened JSON serialization with a
/// detached payload (RFC 7515 Appendix F), `{"protected": …, "signature": …}`.
///
/// * Protected header: `{"alg": "EdDSA", "jwk": {public OKP JWK, Ed25519 or Ed448}, "kid": UDF of that key,
///   "meshkey_seal": 1}` (RFC 8037). The verifier recomputes the UDF from `jwk` and refuses a `kid` that
///   differs; `crit` and any other `alg` are refused.
/// * Payload (detached): the UTF-8 document without its `Signature` member, serialized compactly with
///   members sorted by name (``JSONValue/serialized``; the RFC 8785 canonical form for these documents,
///   whose strings are ASCII). It holds the whole JWE, so the signature covers the protected header, every
///   recipient, the IV, the ciphertext and the tag, and the document's other members (Identifier; UDF and
///   the other share's public key).
/// * Inside, the JWE's protected header names the signer (`meshkey_signer`: the signer's UDF). The GCM tag
///   authenticates it under the content key, so someone who cannot decrypt cannot strip the signature and
///   sign the entry as their own: on open, a JWE that names a signer must carry that signer's signature.
public struct SealSignature: Sendable {
    /// The document member.
    public static let member = "Signature"
    /// The JWE protected-header member naming the signer.
    public static let jweHeader = "meshkey_signer"
    /// The version of this format (the `meshkey_seal` header member).
    public static let version = 1

    /// The signer's key UDF (computed from `jwk`).
    public let signerUDF: String
    public let algorithm: KeyAlgorithm
    let signerKey: [UInt8]
    let protectedText: String
    let signature: [UInt8]

    /// Signs `content` (the serialized document without `Signature`).
    public static func sign(_ content: [UInt8], with signer: SealSigner) throws(EscrowError) -> SealSignature {
        let header: JSONValue = .object([
            "alg": .string("EdDSA"), "kid": .string(signer.udf), "meshkey_seal": .number(Double(version)),
            "jwk": OKPKey(algorithm: signer.algorithm, x: signer.publicKey).publicJSON,
        ])
        let protectedText = Base64URL.encode(Array(header.serialized.utf8))
        let signature = try signer.sign(signingInput(protectedText, content))
        return SealSignature(
            signerUDF: signer.udf,
            algorithm: signer.algorithm,
            signerKey: signer.publicKey,
            protectedText: protectedText,
            signature: signature
        )
    }

    static func signingInput(_ protectedText: String, _ content: [UInt8]) -> [UInt8] {
        Array((protectedText + "." + Base64URL.encode(content)).utf8)
    }

    /// The `Signature` member's value.
    public var json: JSONValue {
        .object(["protected": .string(protectedText), "signature": .string(Base64URL.encode(signature))])
    }

    /// Reads a `Signature` member (its form and header, not yet the signature; see ``verify(_:)``).
    public static func parse(_ value: JSONValue) throws(EscrowError) -> SealSignature {
        func bad(_ why: String) -> EscrowError { EscrowError(.badSignature, why) }
        guard let members = value.objectValue, members.count == 2,
            let protectedText = members["protected"]?.stringValue,
            let signatureText = members["signature"]?.stringValue
        else {
            throw bad("Signature must be a flattened JWS {protected, signature} with a detached payload")
        }
        guard let headerBytes = Base64URL.decode(protectedText), let header = JSONValue.parse(headerBytes)?.objectValue
        else {
            throw bad("the signature's protected header is not base64url JSON")
        }
        guard let signature = Base64URL.decode(signatureText) else { throw bad("the signature is not base64url") }
        if header["crit"] != nil { throw bad("the signature's header has crit; no critical parameters are understood") }
        guard header["alg"]?.stringValue == "EdDSA" else { throw bad("the signature's alg is not EdDSA") }
        guard header["meshkey_seal"] == .number(Double(version)) else {
            throw bad("the signature is not a meshkey_seal version \(version) signature")
        }
        guard let jwk = header["jwk"]?.objectValue, jwk["d"] == nil, let crv = jwk["crv"]?.stringValue,
            let algorithm = KeyAlgorithm(rawValue: crv), algorithm == .ed25519 || algorithm == .ed448,
            jwk["kty"]?.stringValue == "OKP", let xText = jwk["x"]?.stringValue, let x = Base64URL.decode(xText),
            x.count == algorithm.publicKeyByteCount, let curve = KeyAlgorithm(rawValue: crv)
        else {
            throw bad("the signature's jwk is not a public Ed25519 or Ed448 OKP key")
        }
        let udf = KeyFingerprint.udf(curve: curve, key: x)
        guard let kid = header["kid"]?.stringValue, EscrowRecipient.sameUDF(kid, udf) else {
            throw bad("the signature's kid is not the UDF of its jwk (\(udf))")
        }
        return SealSignature(
            signerUDF: udf,
            algorithm: algorithm,
            signerKey: x,
            protectedText: protectedText,
            signature: signature
        )
    }

    /// Verifies the signature over `content`; `bad_signature` if it does not verify.
    public func verify(_ content: [UInt8]) throws(EscrowError) {
        let key: OpenSSLPublicKey
        do { key = try OpenSSLPublicKey(algorithm: algorithm, rawRepresentation: signerKey) } catch {
            throw EscrowError(.badSignature, "the signer's key does not load")
        }
        guard key.isValidSignature(signature, for: Self.signingInput(protectedText, content)) else {
            throw EscrowError(
                .badSignature,
                "the signature by \(signerUDF) does not verify: the document was changed after it was signed"
            )
        }
    }

    /// What the opener requires of the signature.
    public struct Expectation: Sendable {
        /// The signer's UDF that must have signed (nil: any signer, or none when `requireSignature` is false).
        public let signer: String?
        /// Refuse an unsigned document.
        public let requireSignature: Bool
        public init(signer: String?, requireSignature: Bool) {
            self.signer = signer
            self.requireSignature = requireSignature || signer != nil
        }
        /// No requirement (listing, inspecting): a signature present is still verified.
        public static let none = Expectation(signer: nil, requireSignature: false)
    }

    /// Checks a document's signature (before anything is decrypted): verifies it if present, and holds it
    /// to `expectation`. Returns the verified signer's UDF, or nil for an unsigned document allowed here.
    public static func check(
        _ signature: SealSignature?,
        content: [UInt8],
        expectation: Expectation
    ) throws(EscrowError) -> String? {
        guard let signature else {
            if let signer = expectation.signer {
                throw EscrowError(.unsigned, "the document is not signed; expected a signature by \(signer)")
            }
            if expectation.requireSignature {
                throw EscrowError(
                    .unsigned,
                    "the document is not signed; give --expect-signer UDF for a signed one, or --allow-unsigned"
                )
            }
            return nil
        }
        try signature.verify(content)
        if let expected = expectation.signer, !EscrowRecipient.sameUDF(expected, signature.signerUDF) {
            throw EscrowError(
                .signerMismatch,
                "signed by \(signature.signerUDF), not by the expected \(KeyLabel.displayed(expected))"
            )
        }
        return signature.signerUDF
    }

    /// After decryption: the signer the JWE's protected header names must be the verified signer.
    public static func checkBinding(_ jwe: JWE, signer: String?) throws(EscrowError) {
        let named = jwe.protectedHeader[jweHeader]
        switch (named, signer) {
        case (nil, nil): return
        case (let value?, nil):
            throw EscrowError(
                .unsigned,
                "the encrypted data names signer \(KeyLabel.displayed(value.stringValue ?? "?")) but the document carries no signature (removed?)"
            )
        case (nil, let signer?):
            throw EscrowError(
                .signerMismatch,
                "signed by \(signer), but the encrypted data names no signer (a signature added by someone else)"
            )
        case (let value?, let signer?):
            guard let text = value.stringValue, EscrowRecipient.sameUDF(text, signer) else {
                throw EscrowError(
                    .signerMismatch,
                    "signed by \(signer), but the encrypted data names signer \(KeyLabel.displayed(value.stringValue ?? "?"))"
                )
            }
        }
    }
}

/// A key that signs sealed documents: an Ed25519 / Ed448 key of the store (through OpenSSL) or a profile's
/// derived Ed448 key (through meshkey's own EdDSA, as the profile document is signed).
public struct SealSigner: Sendable {
    public let algorithm: KeyAlgorithm
    /// The raw public key (RFC 8032).
    public let publicKey: [UInt8]
    /// The signer's key UDF.
    public let udf: String
    private let key: Key

    private enum Key: Sendable {
        case openSSL(OpenSSLPrivateKey)
        case derived(DerivedKey)
    }

    public init(key: OpenSSLPrivateKey) throws(EscrowError) {
        guard key.algorithm == .ed25519 || key.algorithm == .ed448 else {
            throw EscrowError(
                .invalidParameters,
                "an \(key.algorithm.rawValue) key cannot sign; sign with an Ed25519 or Ed448 key"
            )
        }
        algorithm = key.algorithm
        publicKey = key.publicKey.rawRepresentation
        udf = try EscrowedKeySet.udf(of: key)
        self.key = .openSSL(key)
    }

    /// A derived Edwards key (e.g. a profile's ProfileSignature key, whose UDF is the profile UDF).
    public init(derived: DerivedKey) throws(EscrowError) {
        let algorithm = derived.curve
        guard algorithm.isEdwards else {
            throw EscrowError(.invalidParameters, "a \(derived.curve.rawValue) key cannot sign")
        }
        self.algorithm = algorithm
        publicKey = derived.publicKey
        udf = derived.udf
        key = .derived(derived)
    }

    func sign(_ message: [UInt8]) throws(EscrowError) -> [UInt8] {
        switch key {
        case .openSSL(let key):
            do { return try key.signature(for: message) } catch {
                throw EscrowError(.invalidParameters, "signing failed: \(error)")
            }
        case .derived(let derived):
            return EdDSA.sign(message: message, secret: derived.privateKey, curve: derived.curve)
        }
    }
}
