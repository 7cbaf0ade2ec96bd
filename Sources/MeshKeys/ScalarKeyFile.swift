public import MeshCrypto
import MeshJSON
public import MeshMath

/// A private key file of co-generation, recryption and threshold decryption, JSON (keys sorted):
///
///     {"Private": <base64url>, "crv": <curve>, "x": <share x, Shamir shares only>}
///
/// `crv` is a curve name (`X448`: a standard private key, RFC 8032 secret or RFC 7748 private key) or a
/// curve name with the suffix `z` (`X448z`: a 32 / 56-byte scalar mod L, used as is: composites and shares).
public struct ScalarKeyFile: Sendable {
    public let curve: KeyAlgorithm
    /// True for `…z` keys (raw scalars).
    public let isScalar: Bool
    public let privateBytes: SecureBytes
    public let x: UInt?

    public init(curve: KeyAlgorithm, isScalar: Bool, privateBytes: SecureBytes, x: UInt? = nil) {
        self.curve = curve
        self.isScalar = isScalar
        self.privateBytes = privateBytes
        self.x = x
    }

    /// A `…z` file for a scalar.
    public init(scalar: CurveScalar, curve: KeyAlgorithm, x: UInt? = nil) {
        self.init(curve: curve, isScalar: true, privateBytes: scalar.bytes, x: x)
    }

    /// The key: standard keys are hashed / clamped, scalars are read as canonical values mod L.
    public func key() throws(ScalarKeyError) -> ScalarKey {
        isScalar
            ? try ScalarKey(storedScalar: privateBytes, curve: curve)
            : try ScalarKey(standardPrivate: privateBytes, curve: curve)
    }

    /// The file, in secure memory (the private key is copied from secure buffers only), ending in a newline.
    public var json: SecureBytes {
        var members: [String: JSONValue] = [
            "crv": .string(curve.rawValue + (isScalar ? "z" : "")), "Private": SecretJSON.placeholder(0),
        ]
        if let x { members["x"] = .number(Double(x)) }
        return JSONWriter.encoderPretty(escapingSlashes: true).secureText(
            .object(members),
            secrets: [Base64URL.encode(privateBytes)]
        )
            + SecureBytes([0x0A])
    }

    public init(json: SecureBytes) throws(ScalarKeyError) {
        guard let (value, secrets) = SecretJSON.parse(json, secretMember: "Private"),
            let crv = value["crv"]?.stringValue,
            let privateText = SecretJSON.secret(value["Private"], in: secrets)
        else {
            throw ScalarKeyError(.malformedKeyFile, "not a key file {crv, Private, x?}")
        }
        var x: UInt?
        switch value["x"] {
        case nil, .null?: x = nil
        case let number?:
            guard let integer = number.integerValue, integer >= 0 else {
                throw ScalarKeyError(.malformedKeyFile, "not a key file {crv, Private, x?}")
            }
            x = UInt(integer)
        }
        let isScalar = crv.hasSuffix("z")
        guard let curve = KeyAlgorithm(rawValue: isScalar ? String(crv.dropLast()) : crv) else {
            throw ScalarKeyError(.malformedKeyFile, "unknown curve \(crv)")
        }
        guard let bytes = Base64URL.decode(secure: privateText) else {
            throw ScalarKeyError(.malformedKeyFile, "Private is not base64url")
        }
        self.init(curve: curve, isScalar: isScalar, privateBytes: bytes, x: x)
        _ = try key()
    }
}

extension SecureBytes {
    static func + (a: SecureBytes, b: SecureBytes) -> SecureBytes {
        var out = a
        out.append(b)
        return out
    }
}
