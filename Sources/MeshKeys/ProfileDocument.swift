public import MeshCrypto
import MeshJOSE
import MeshJSON
public import MeshMath
import MeshUDF

/// A master profile's public document: the published keys and their UDFs, signed by the ProfileSignature
/// key as a JWS in JSON serialization (RFC 7515 §7.2.1, `alg` `EdDSA` with an Ed448 key per RFC 8037), so
/// that any JOSE library can verify it.
///
/// Payload (UTF-8 JSON, keys sorted):
///
///     {"keys": [{"jwk": {"crv": "Ed448", "kty": "OKP", "x": "…"}, "key_udf": "M…", "role": "ProfileSignature"},
///               {"jwk": {"crv": "X448", …}, "key_udf": "M…", "public_ext": "…", "role": "EscrowEncryption"}, …],
///      "profile_udf": "M…", "type": "MeshProfile"}
///
/// `public_ext` (base64url) is the 57-byte extended X448 key (u and the parity of v) over which the key UDF
/// is computed; its first 56 bytes must equal the JWK's `x`.
public struct ProfileDocument: Sendable {
    public static let type = "MeshProfile"

    /// Why a profile document was refused (or could not be written).
    ///
    /// Codes: `invalid_document` (not a well-formed profile document of the published account keys),
    /// `bad_signature` (the signature does not verify). Errors compare by code only.
    public struct DocumentError: CodedError, Hashable {
        public let errorCode: String
        public let description: String
        init(_ description: String, code: String = "invalid_document") {
            self.errorCode = code
            self.description = description
        }

        public var reason: String { description }

    }

    struct JWK: Equatable {
        let kty: String
        let crv: String
        let x: String
    }
    struct KeyEntry: Equatable {
        let role: String
        let key_udf: String
        let jwk: JWK
        let public_ext: String?
    }
    struct Payload: Equatable {
        let type: String
        let profile_udf: String
        let keys: [KeyEntry]
    }
    struct Header {
        let alg: String
        let kid: String?
        let crit: [String]?
    }

    /// The payload and header as compact JSON (sorted keys, a solidus not escaped), and the document's layout:
    /// the forms of the first documents, written by Foundation's encoder.
    static let compactWriter = JSONWriter(layout: .compact, escaping: .encoder(slashes: false))
    static let documentWriter = JSONWriter.encoderPretty(escapingSlashes: false)

    /// A published key of the profile, as the verified document states it.
    public struct PublishedKey: Sendable, Equatable {
        public let role: MeshProfile.Role
        /// The key UDF (checked to be the key's fingerprint).
        public let udf: String
        public let curve: KeyAlgorithm
        /// The raw public key (the JWK's `x`: RFC 8032, or u for X keys).
        public let publicKey: [UInt8]
    }

    /// The signed document (JWS JSON serialization), as UTF-8 bytes.
    public let json: [UInt8]
    /// The profile UDF it states.
    public let profileUDF: String
    /// The published keys (every published role once).
    public let keys: [PublishedKey]

    /// The published key of `role`, if the role is published.
    public func key(_ role: MeshProfile.Role) -> PublishedKey? { keys.first { $0.role == role } }

    /// Makes and signs the document for `profile`.
    public init(profile: MeshProfile) throws(DocumentError) {
        let entries = profile.keys.filter { $0.role.isPublished }.map { entry -> KeyEntry in
            let key = entry.key
            let isX = key.curve == .x25519 || key.curve == .x448
            return KeyEntry(
                role: entry.role.rawValue,
                key_udf: key.udf,
                jwk: JWK(kty: "OKP", crv: key.curve.rawValue, x: Base64URL.encode(key.publicKey)),
                public_ext: isX ? Base64URL.encode(key.publicKeyExtended) : nil
            )
        }
        let payload = Payload(type: Self.type, profile_udf: profile.udf, keys: entries)
        let signer = profile.key(.profileSignature)
        let jws = JWS.sign(
            payload: payload.json,
            protectedHeader: .object(["alg": .string("EdDSA"), "kid": .string(profile.udf)]),
            writer: Self.compactWriter
        ) { EdDSA.sign(message: $0, secret: signer.privateKey, curve: .ed448) }
        json = Array((Self.documentWriter.text(jws.json) + "\n").utf8)
        profileUDF = profile.udf
        keys = profile.keys.filter { $0.role.isPublished }.map {
            PublishedKey(role: $0.role, udf: $0.key.udf, curve: $0.key.curve, publicKey: $0.key.publicKey)
        }
    }

    /// Verifies a document: the JWS signature with the ProfileSignature key it contains, that the header's
    /// `kid` and the payload's `profile_udf` are that key's UDF, and that every key's UDF is its
    /// fingerprint. Returns the verified document.
    public static func verify(_ bytes: [UInt8]) throws(DocumentError) -> ProfileDocument {
        guard let outer = JWS.parse(bytes) else {
            throw DocumentError("not a JWS in JSON serialization (payload, signatures)")
        }
        guard outer.signatures.count == 1, let signature = outer.signatures.first else {
            throw DocumentError("expected exactly one signature, found \(outer.signatures.count)")
        }
        guard let header = signature.protectedHeader.flatMap(Header.init(json:)) else {
            throw DocumentError("the protected header is not base64url JSON")
        }
        if let crit = header.crit, !crit.isEmpty {
            throw DocumentError("unsupported critical header parameters: \(crit.joined(separator: ", "))")
        }
        // "EdDSA" (RFC 8037) as we write it, or "Ed448", the fully specified name of RFC 9864.
        guard header.alg == "EdDSA" || header.alg == "Ed448" else {
            throw DocumentError("unsupported algorithm \(header.alg)")
        }
        guard let payload = outer.payload.flatMap(JSONValue.parse).flatMap(Payload.init(json:)) else {
            throw DocumentError("the payload is not a profile")
        }
        guard payload.type == type else { throw DocumentError("the payload type is \(payload.type), not \(type)") }
        // Exactly the published roles, once each, on their curves.
        let published = MeshProfile.Role.allCases.filter(\.isPublished)
        guard payload.keys.count == published.count else {
            throw DocumentError(
                "the profile lists \(payload.keys.count) keys, not the \(published.count) published account keys"
            )
        }
        for role in published {
            let entries = payload.keys.filter { $0.role == role.rawValue }
            guard entries.count == 1 else {
                throw DocumentError("the profile lists \(role.rawValue) \(entries.count) times")
            }
            guard entries[0].jwk.crv == role.curve.rawValue else {
                throw DocumentError("\(role.rawValue) is a \(entries[0].jwk.crv) key, not \(role.curve.rawValue)")
            }
        }
        guard let signer = payload.keys.first(where: { $0.role == MeshProfile.Role.profileSignature.rawValue }),
            signer.jwk.kty == "OKP", signer.jwk.crv == "Ed448", let signerKey = Base64URL.decode(signer.jwk.x)
        else {
            throw DocumentError("the profile has no Ed448 ProfileSignature key")
        }
        guard let signatureBytes = signature.signature,
            EdDSA.verify(
                signature: signatureBytes,
                message: outer.signingInput(signature),
                publicKey: signerKey,
                curve: .ed448
            )
        else {
            throw DocumentError("the signature does not verify", code: "bad_signature")
        }
        // Every key's UDF must be its fingerprint.
        var publishedKeys: [PublishedKey] = []
        for entry in payload.keys {
            guard entry.jwk.kty == "OKP", let curve = KeyAlgorithm(rawValue: entry.jwk.crv),
                let x = Base64URL.decode(entry.jwk.x)
            else {
                throw DocumentError("\(entry.role): not an OKP key on a supported curve")
            }
            var fingerprintInput = x
            if curve == .x25519 || curve == .x448 {
                guard let extended = entry.public_ext.flatMap(Base64URL.decode), extended.count == x.count + 1,
                    Array(extended.prefix(x.count)) == x, extended.last == 0 || extended.last == 0x80
                else {
                    throw DocumentError("\(entry.role): the extended key does not match the JWK")
                }
                fingerprintInput = extended
            }
            guard UDFMatch.identical(KeyFingerprint.udf(curve: curve, key: fingerprintInput), entry.key_udf) else {
                throw DocumentError("\(entry.role): the key UDF \(entry.key_udf) is not the key's fingerprint")
            }
            if let role = MeshProfile.Role(rawValue: entry.role) {
                publishedKeys.append(PublishedKey(role: role, udf: entry.key_udf, curve: curve, publicKey: x))
            }
        }
        guard UDFMatch.identical(signer.key_udf, payload.profile_udf) else {
            throw DocumentError("profile_udf is not the ProfileSignature key's UDF")
        }
        guard let kid = header.kid, UDFMatch.identical(kid, payload.profile_udf) else {
            throw DocumentError("the header's kid is not the profile UDF")
        }
        return ProfileDocument(json: bytes, profileUDF: payload.profile_udf, keys: publishedKeys)
    }

    private init(json: [UInt8], profileUDF: String, keys: [PublishedKey]) {
        self.json = json
        self.profileUDF = profileUDF
        self.keys = keys
    }
}
