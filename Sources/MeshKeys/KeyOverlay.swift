public import MeshCrypto
import MeshJSON
import MeshMath
public import MeshUDF

/// Key co-generation (mesh-schema-05 `KeyOverlay`): a base key {D, d} plus a contribution {M, m} gives the
/// composite key {A = D + M, a = (d + m) mod L}, for Ed25519, Ed448, X25519 and X448.
///
/// The administrator, who knows only D, creates the contribution, publishes A and sends the overlay to the
/// device; the device, which holds d, applies it and verifies a·B against the overlay's UDF and the
/// published A before using the key.
///
/// JSON: `{"UDF": <composite fingerprint>, "BaseUDF": <base fingerprint>, "Overlay": {"crv": <curve>,
/// "Private": <base64url contribution private key>}}`. The contribution is a standard private key (RFC 8032
/// secret or RFC 7748 private key), random or derived from a seed.
public struct KeyOverlay: Sendable {
    public let curve: KeyAlgorithm
    /// Fingerprint of the composite public key.
    public let udf: String
    /// Fingerprint of the base public key.
    public let baseUDF: String
    /// The contribution's standard private key.
    public let overlayPrivate: SecureBytes

    public init(curve: KeyAlgorithm, udf: String, baseUDF: String, overlayPrivate: SecureBytes) {
        self.curve = curve
        self.udf = udf
        self.baseUDF = baseUDF
        self.overlayPrivate = overlayPrivate
    }

    /// Where the contribution comes from.
    public enum Contribution: Sendable {
        /// A fresh random standard key.
        case random
        /// A standard private key given by the caller.
        case privateKey(SecureBytes)
        /// A key derived from a seed UDF with a key name (vectors README §4.7).
        case seed(SeedUDF, keyName: String)
    }

    /// The administrator's side: from the base public key (RFC 8032 / extended encoding, validated as a
    /// received point), makes the overlay and the composite public key A = D + M (encoded the same way).
    public static func create(
        basePublic: [UInt8],
        curve: KeyAlgorithm,
        contribution: Contribution = .random,
        contentType: String = KeyFingerprint.contentType
    ) throws -> (overlay: KeyOverlay, compositePublic: [UInt8]) {
        let base = try ReceivedPoint.decode(basePublic, curve: curve)
        let secret: SecureBytes
        switch contribution {
        case .random: secret = ScalarKey.randomStandardPrivate(curve: curve)
        case .privateKey(let key): secret = key
        case .seed(let seed, let keyName):
            secret = try DerivedKey(seed: seed, keyName: keyName, curve: curve).privateKey
        }
        let overlayKey = try ScalarKey(standardPrivate: secret, curve: curve)
        let composite = try ReceivedPoint.sum([base, overlayKey.publicPoint])
        let overlay = KeyOverlay(
            curve: curve,
            udf: KeyFingerprint.udf(curve: curve, key: composite.encoded, contentType: contentType),
            baseUDF: KeyFingerprint.udf(curve: curve, key: base.encoded, contentType: contentType),
            overlayPrivate: secret
        )
        return (overlay, composite.encoded)
    }

    /// The contribution's key (scalar m and point M).
    public func overlayKey() throws(ScalarKeyError) -> ScalarKey {
        try ScalarKey(standardPrivate: overlayPrivate, curve: curve)
    }

    /// The device's side: a = (d + m) mod L for the base key, after checking that the base key's
    /// fingerprint is BaseUDF, that a·B has fingerprint UDF, and (when given) that a·B is the published
    /// composite public key. Nothing is returned unless every check passes.
    public func apply(
        base: ScalarKey,
        publishedComposite: [UInt8]? = nil,
        contentType: String = KeyFingerprint.contentType
    ) throws(ScalarKeyError) -> ScalarKey {
        guard base.curve == curve else {
            throw ScalarKeyError("base key is \(base.curve.rawValue), overlay is \(curve.rawValue)")
        }
        guard UDFMatch.identical(base.udf(contentType: contentType), baseUDF) else {
            throw ScalarKeyError(.overlayMismatch, "the base key does not match BaseUDF")
        }
        let composite = try ScalarKey(scalar: base.scalar + overlayKey().scalar, curve: curve)
        guard UDFMatch.identical(composite.udf(contentType: contentType), udf) else {
            throw ScalarKeyError(.overlayMismatch, "the composite key does not match the overlay's UDF")
        }
        if let published = publishedComposite {
            let point = try ReceivedPoint.decode(published, curve: curve)
            guard point == composite.publicPoint else {
                throw ScalarKeyError(.overlayMismatch, "the composite key is not the published one")
            }
        }
        return composite
    }

    /// Verification from public data: the overlay's UDF is that of D + M and, when given, D + M is the
    /// published composite.
    public func verify(
        basePublic: [UInt8],
        publishedComposite: [UInt8]? = nil,
        contentType: String = KeyFingerprint.contentType
    ) throws(ScalarKeyError) {
        let base = try ReceivedPoint.decode(basePublic, curve: curve)
        guard UDFMatch.identical(KeyFingerprint.udf(curve: curve, key: base.encoded, contentType: contentType), baseUDF)
        else {
            throw ScalarKeyError(.overlayMismatch, "the base key does not match BaseUDF")
        }
        let composite = try ReceivedPoint.sum([base, overlayKey().publicPoint])
        guard
            UDFMatch.identical(KeyFingerprint.udf(curve: curve, key: composite.encoded, contentType: contentType), udf)
        else {
            throw ScalarKeyError(.overlayMismatch, "D + M does not match the overlay's UDF")
        }
        if let published = publishedComposite {
            guard try ReceivedPoint.decode(published, curve: curve) == composite else {
                throw ScalarKeyError(.overlayMismatch, "D + M is not the published composite")
            }
        }
    }

    // MARK: JSON

    /// `{"BaseUDF": …, "Overlay": {"Private": …, "crv": …}, "UDF": …}` (keys sorted), UTF-8.
    public var json: [UInt8] {
        let value: JSONValue = .object([
            "UDF": .string(udf), "BaseUDF": .string(baseUDF),
            "Overlay": .object(["crv": .string(curve.rawValue), "Private": SecretJSON.placeholder(0)]),
        ])
        return JSONWriter.encoderPretty(escapingSlashes: true).secureText(
            value,
            secrets: [Base64URL.encode(overlayPrivate)]
        ).unprotectedBytes
    }

    /// Parses the JSON form; the curve comes from `Overlay.crv`.
    public init(json: [UInt8]) throws(ScalarKeyError) {
        guard let (value, secrets) = SecretJSON.parse(SecureBytes(json), secretMember: "Private"),
            let udf = value["UDF"]?.stringValue, let baseUDF = value["BaseUDF"]?.stringValue,
            let crv = value["Overlay"]?["crv"]?.stringValue,
            let privateText = SecretJSON.secret(value["Overlay"]?["Private"], in: secrets)
        else {
            throw ScalarKeyError(.malformedKeyFile, "not a KeyOverlay {UDF, BaseUDF, Overlay {crv, Private}}")
        }
        guard let curve = KeyAlgorithm(rawValue: crv) else {
            throw ScalarKeyError(.malformedKeyFile, "unknown curve \(crv)")
        }
        guard let secret = Base64URL.decode(secure: privateText) else {
            throw ScalarKeyError(.malformedKeyFile, "Overlay.Private is not base64url")
        }
        self.init(curve: curve, udf: udf, baseUDF: baseUDF, overlayPrivate: secret)
        _ = try overlayKey()
    }
}
