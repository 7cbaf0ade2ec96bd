public import MeshCrypto
public import MeshMath

/// A private key reduced to what key co-generation (overlays), recryption and threshold decryption use: the secret scalar mod L and its public point.
///
/// * From a standard private key: an RFC 8032 secret (hashed and pruned; Ed448 secrets of 56 or 57
///   bytes) or an RFC 7748 private key (clamped).
/// * From a stored scalar (a composite or a share: the `…z` keys), used as is: neither hashed nor clamped.
///
/// The public point is scalar·B: the standard public key for standard keys.
public struct ScalarKey: Sendable {
    public let curve: KeyAlgorithm
    public let scalar: CurveScalar
    public let publicPoint: GroupElement

    /// From a scalar mod L; refuses 0.
    public init(scalar: CurveScalar, curve: KeyAlgorithm) throws(ScalarKeyError) {
        guard scalar.curve.isFamily(of: curve) else { throw ScalarKeyError("scalar of another curve family") }
        guard !scalar.isZero else { throw ScalarKeyError("the scalar is zero") }
        self.curve = curve
        self.scalar = CurveScalar(reducing: scalar.bytes, curve: curve)
        do { publicPoint = try GroupElement.multiplyBase(by: self.scalar, curve: curve) } catch {
            throw ScalarKeyError("\(error)")
        }
    }

    /// From a standard private key (RFC 8032 secret or RFC 7748 private key).
    public init(standardPrivate secret: SecureBytes, curve: KeyAlgorithm) throws(ScalarKeyError) {
        try self.init(scalar: Self.secretScalar(standardPrivate: secret, curve: curve), curve: curve)
    }

    /// From a key derived from a seed UDF.
    public init(derived key: DerivedKey) throws(ScalarKeyError) {
        try self.init(standardPrivate: key.privateKey, curve: key.curve)
    }

    /// From a stored scalar (`…z` key): at most 32 / 56 bytes little-endian, below L, non-zero.
    public init(storedScalar bytes: SecureBytes, curve: KeyAlgorithm) throws(ScalarKeyError) {
        let value: CurveScalar
        do { value = try CurveScalar(canonical: bytes, curve: curve) } catch { throw ScalarKeyError(error.description) }
        try self.init(scalar: value, curve: curve)
    }

    /// A fresh random standard key's secret (32 bytes; 57 for Ed448; 32 / 56 for X), to keep as the
    /// contribution's private key.
    public static func randomStandardPrivate(curve: KeyAlgorithm) -> SecureBytes {
        switch curve {
        case .ed25519, .x25519: SecureRandom.bytes(32)
        case .ed448: SecureRandom.bytes(57)
        case .x448: SecureRandom.bytes(56)
        }
    }

    /// The secret scalar of a standard private key, reduced mod L: Edwards keys hashed and pruned as in
    /// RFC 8032, X keys clamped as in RFC 7748.
    public static func secretScalar(
        standardPrivate secret: SecureBytes,
        curve: KeyAlgorithm
    ) throws(ScalarKeyError) -> CurveScalar {
        switch curve {
        case .ed25519:
            guard secret.count == 32 else { throw ScalarKeyError("an Ed25519 secret is 32 bytes") }
        case .ed448:
            guard secret.count == 56 || secret.count == 57 else {
                throw ScalarKeyError("an Ed448 secret is 56 or 57 bytes")
            }
        case .x25519:
            guard secret.count == 32 else { throw ScalarKeyError("an X25519 private key is 32 bytes") }
        case .x448:
            guard secret.count == 56 else { throw ScalarKeyError("an X448 private key is 56 bytes") }
        }
        if curve.isEdwards {
            return CurveScalar(reducing: EdDSA.expand(secret: secret, curve: curve).scalar, curve: curve)
        }
        return CurveScalar(reducing: DerivedKey.clamp(secret, curve: curve), curve: curve)
    }

    /// RFC 8032 encoding (Edwards) or extended u ‖ parity (X): the form used in fingerprints and additions.
    public var publicKeyExtended: [UInt8] { publicPoint.encoded }
    /// RFC 8032 encoding (Edwards) or plain u (X).
    public var publicKey: [UInt8] { publicPoint.agreementBytes }
    /// The fingerprint of the public key (extended form for X keys).
    public func udf(contentType: String = KeyFingerprint.contentType) -> String {
        KeyFingerprint.udf(curve: curve, key: publicKeyExtended, contentType: contentType)
    }

    /// scalar · E for a received point, without clamping: the partial (or whole) key-agreement result,
    /// with its true v on X curves. Refuses a neutral result.
    public func agreement(with peer: GroupElement) throws(ScalarKeyError) -> GroupElement {
        guard peer.curve == curve else {
            throw ScalarKeyError("the peer point is on \(peer.curve.rawValue), not \(curve.rawValue)")
        }
        do { return try peer.multiplied(by: scalar) } catch { throw ScalarKeyError(.invalidPoint, "\(error)") }
    }

    /// EdDSA signature with the raw scalar (composite and share keys have no seed): the nonce prefix is
    /// ``EdDSA/rawScalarPrefix(scalar:curve:)``, secret as long as the scalar is.
    public func sign(message: [UInt8], context: [UInt8] = []) throws(ScalarKeyError) -> [UInt8] {
        guard curve.isEdwards else { throw ScalarKeyError("\(curve.rawValue) keys do not sign") }
        return EdDSA.sign(
            message: message,
            scalar: scalar.bytes,
            prefix: EdDSA.rawScalarPrefix(scalar: scalar.bytes, curve: curve),
            publicKey: publicKeyExtended,
            curve: curve,
            context: context
        )
    }
}

extension KeyAlgorithm {
    /// Whether both name the same curve family (same L).
    func isFamily(of other: KeyAlgorithm) -> Bool {
        (self == .ed448 || self == .x448) == (other == .ed448 || other == .x448)
    }
}
