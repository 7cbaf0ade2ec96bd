import FoundationEssentials
public import MeshCrypto
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
        isScalar ? try ScalarKey(storedScalar: privateBytes, curve: curve) : try ScalarKey(standardPrivate: privateBytes, curve: curve)
    }

    struct JSONShape: Codable {
        let crv: String
        let Private: String
        let x: UInt?
    }

    public var json: SecureBytes {
        let shape = JSONShape(crv: curve.rawValue + (isScalar ? "z" : ""), Private: Base64URL.encode(privateBytes.unprotectedBytes), x: x)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        var data = try! encoder.encode(shape)
        defer { data.withUnsafeMutableBytes { SecureMemory.wipe($0.baseAddress!, count: $0.count) } }
        return SecureBytes(data) + SecureBytes([0x0A])
    }

    public init(json: SecureBytes) throws(ScalarKeyError) {
        guard let shape = try? JSONDecoder().decode(JSONShape.self, from: Data(json.unprotectedBytes)) else {
            throw ScalarKeyError(.malformedKeyFile, "not a key file {crv, Private, x?}")
        }
        let isScalar = shape.crv.hasSuffix("z")
        guard let curve = KeyAlgorithm(rawValue: isScalar ? String(shape.crv.dropLast()) : shape.crv) else {
            throw ScalarKeyError(.malformedKeyFile, "unknown curve \(shape.crv)")
        }
        guard let bytes = Base64URL.decode(shape.Private) else { throw ScalarKeyError(.malformedKeyFile, "Private is not base64url") }
        self.init(curve: curve, isScalar: isScalar, privateBytes: SecureBytes(bytes), x: shape.x)
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
