public import MeshCrypto
public import MeshJSON

/// An OKP JSON Web Key (RFC 8037 §2): `kty` "OKP", `crv` Ed25519, Ed448, X25519 or X448, `x` the raw
/// public key, and for private keys `d` the raw private key (kept in secure memory).
public struct OKPKey: Sendable {
    public let algorithm: KeyAlgorithm
    /// The raw public key (RFC 8032 / RFC 7748 encoding).
    public let x: [UInt8]
    /// The raw private key, if this is a private JWK.
    public let d: SecureBytes?
    public let kid: String?

    /// A public JWK of a raw public key (not checked to be a point; ``publicKey()`` checks it).
    public init(algorithm: KeyAlgorithm, x: [UInt8], kid: String? = nil) {
        self.algorithm = algorithm
        self.x = x
        d = nil
        self.kid = kid
    }

    public init(publicKey: OpenSSLPublicKey, kid: String? = nil) {
        algorithm = publicKey.algorithm
        x = publicKey.rawRepresentation
        d = nil
        self.kid = kid
    }

    public init(privateKey: OpenSSLPrivateKey, kid: String? = nil) throws(JOSEError) {
        algorithm = privateKey.algorithm
        x = privateKey.publicKey.rawRepresentation
        do { d = try privateKey.rawRepresentation() } catch { throw .crypto(error.description) }
        self.kid = kid
    }

    /// Reads a JWK object. A `d` member is checked against `x` (the public key is recomputed from it). In a
    /// tree from ``SecretJSON``, `d` is a placeholder for one of `secrets` (base64url text in secure memory).
    public init(json: JSONValue, secrets: [SecureBytes] = []) throws(JOSEError) {
        guard let members = json.objectValue else { throw .invalidKey("a JWK is a JSON object") }
        guard members["kty"]?.stringValue == "OKP" else { throw .invalidKey("kty is not OKP") }
        guard let crv = members["crv"]?.stringValue, let algorithm = KeyAlgorithm(rawValue: crv) else {
            throw .invalidKey("crv is not Ed25519, Ed448, X25519 or X448")
        }
        guard let xText = members["x"]?.stringValue, let x = Base64URL.decode(xText),
            x.count == algorithm.publicKeyByteCount
        else {
            throw .invalidKey("x is not a base64url \(algorithm.rawValue) public key")
        }
        self.algorithm = algorithm
        self.x = x
        if let kid = members["kid"] {
            guard let text = kid.stringValue else { throw .invalidKey("kid is not a string") }
            self.kid = text
        } else {
            self.kid = nil
        }
        if let dValue = members["d"] {
            let dText: SecureBytes? =
                if let text = dValue.stringValue { SecureBytes(Array(text.utf8)) } else {
                    SecretJSON.secret(dValue, in: secrets)
                }
            guard let dText, let d = Base64URL.decode(secure: dText),
                d.count == algorithm.privateKeyByteCount
            else {
                throw .invalidKey("d is not a base64url \(algorithm.rawValue) private key")
            }
            let key: OpenSSLPrivateKey
            do { key = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: d) } catch {
                throw .invalidKey("d is not a \(algorithm.rawValue) private key")
            }
            guard key.publicKey.rawRepresentation == x else { throw .invalidKey("x does not match d") }
            self.d = d
        } else {
            self.d = nil
        }
    }

    /// The public key through OpenSSL.
    public func publicKey() throws(JOSEError) -> OpenSSLPublicKey {
        do { return try OpenSSLPublicKey(algorithm: algorithm, rawRepresentation: x) } catch {
            throw .invalidKey(error.description)
        }
    }

    /// The private key through OpenSSL, if `d` is present.
    public func privateKey() throws(JOSEError) -> OpenSSLPrivateKey {
        guard let d else { throw .invalidKey("the JWK has no private part (d)") }
        do { return try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: d) } catch {
            throw .invalidKey(error.description)
        }
    }

    /// The private JWK: a tree whose `d` is a ``SecretJSON`` placeholder for the one secret (the base64url
    /// of `d`, in secure memory), to be written with ``JSONWriter/secureText(_:secrets:)``.
    public func privateJSON() throws(JOSEError) -> (value: JSONValue, secrets: [SecureBytes]) {
        guard let d else { throw .invalidKey("the JWK has no private part (d)") }
        guard case .object(var members) = publicJSON else { preconditionFailure("a JWK is an object") }
        members["d"] = SecretJSON.placeholder(0)
        return (.object(members), [Base64URL.encode(d)])
    }

    /// The public JWK (never `d`).
    public var publicJSON: JSONValue {
        var members: [String: JSONValue] = [
            "kty": .string("OKP"), "crv": .string(algorithm.rawValue),
            "x": .string(Base64URL.encode(x)),
        ]
        if let kid { members["kid"] = .string(kid) }
        return .object(members)
    }
}
