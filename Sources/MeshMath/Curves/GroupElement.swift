public import MeshCrypto

/// A point of the prime-order subgroup of one of the four curves, with the operations key co-generation,
/// recryption and threshold decryption need: received points are validated, scalars
/// are ``CurveScalar`` values used without clamping, and the neutral element is never produced silently.
///
/// Encodings: Edwards points use RFC 8032 (32 / 57 bytes); Montgomery points use the extended encoding
/// u ‖ parity byte (33 / 57 bytes), since every point that is added needs its v.
public enum GroupElement: Sendable, Equatable {
    case edwards(EdwardsPoint)
    case montgomery(MontgomeryPoint)

    public var curve: KeyAlgorithm {
        switch self {
        case .edwards(let p): p.curve
        case .montgomery(let p): p.curve
        }
    }

    /// The base point B (Edwards: RFC 8032; Montgomery: RFC 7748 with its v).
    public static func base(_ curve: KeyAlgorithm) -> GroupElement {
        curve.isEdwards ? .edwards(Edwards.base(curve)) : .montgomery(Montgomery.base(curve))
    }

    /// Decodes a received point (RFC 8032 for Edwards, extended for Montgomery) and refuses invalid
    /// encodings, small-order points and points with a torsion component (L·P ≠ O). Public data.
    public static func decode(_ bytes: [UInt8], curve: KeyAlgorithm) throws(CurveError) -> GroupElement {
        let point: GroupElement
        if curve.isEdwards {
            point = .edwards(try Edwards.decode(bytes, curve: curve))
        } else {
            point = .montgomery(try Montgomery.decodeExtended(bytes, curve: curve))
        }
        guard point.hasPrimeOrder else { throw CurveError(.smallOrder, "the point is not in the prime-order subgroup") }
        return point
    }

    /// Whether L·P = O for this (non-neutral) point: it has order L. Public data.
    var hasPrimeOrder: Bool {
        let params = curve.parameters
        let l = SecureBytes(params.orderInteger.littleEndianBytes(count: params.orderLimbCount * 8)!)
        switch self {
        case .edwards(let p):
            return Edwards.multiply(p, by: l).isIdentity
        case .montgomery(let p):
            let engine = MontgomeryEngine(params)
            engine.w.copy(engine.reg(MontgomeryEngine.x1), p.storage.first)
            let limbs = ScalarLoading.load(l, limbCount: params.orderLimbCount)
            engine.ladder(scalar: limbs.base, bits: params.orderLimbCount * 64)
            return engine.w.isZero(engine.reg(MontgomeryEngine.z2)) == 1
        }
    }

    /// The encoding used wherever points are exchanged: RFC 8032 (Edwards) or extended u ‖ parity (X).
    public var encoded: [UInt8] {
        switch self {
        case .edwards(let p): Edwards.encode(p)
        case .montgomery(let p): Montgomery.encodeExtended(p)
        }
    }

    /// The key-agreement value: the RFC 8032 encoding (Edwards) or the plain u (X, 32 / 56 bytes, the same
    /// bytes as RFC 7748 X25519 / X448).
    public var agreementBytes: [UInt8] {
        switch self {
        case .edwards(let p): Edwards.encode(p)
        case .montgomery(let p): Montgomery.encodeU(p)
        }
    }

    /// Whether this is the neutral element (Edwards (0, 1); Montgomery: how ``Montgomery/multiply(_:by:)``
    /// reports ∞, (0, 0)). Subgroup points never have order 2, so (0, 0) can only mean ∞ here.
    public var isNeutral: Bool {
        switch self {
        case .edwards(let p): return p.isIdentity
        case .montgomery(let p):
            let n = p.storage.n
            var bits: UInt = 0
            for index in 0..<n { bits |= p.storage.first[index] | p.storage.second[index] }
            return SecretVerdict.reveal(bits == 0)
        }
    }

    /// scalar · P with the scalar used as is (not clamped). Constant time in the scalar. Throws when the
    /// result is the neutral element (a zero scalar), which no protocol step may use.
    public func multiplied(by scalar: CurveScalar) throws(CurveError) -> GroupElement {
        precondition(scalar.curve.is448 == curve.is448, "scalar of another curve family")
        let result: GroupElement
        switch self {
        case .edwards(let p): result = .edwards(Edwards.multiply(p, by: scalar.bytes))
        case .montgomery(let p): result = .montgomery(Montgomery.multiply(p, by: scalar.bytes))
        }
        if result.isNeutral { throw CurveError(.smallOrder, "the product is the neutral element (zero scalar)") }
        return result
    }

    /// scalar · B.
    public static func multiplyBase(by scalar: CurveScalar, curve: KeyAlgorithm) throws(CurveError) -> GroupElement {
        try base(curve).multiplied(by: scalar)
    }

    /// P + Q (Edwards: complete formulas; Montgomery: affine formulas with v). Throws when the sum is the
    /// neutral element (Q = −P).
    public func adding(_ other: GroupElement) throws(CurveError) -> GroupElement {
        switch (self, other) {
        case (.edwards(let a), .edwards(let b)) where a.curve == b.curve:
            let sum = Edwards.add(a, b)
            if sum.isIdentity { throw CurveError(.smallOrder, "the sum is the neutral element") }
            return .edwards(sum)
        case (.montgomery(let a), .montgomery(let b)) where a.curve == b.curve:
            guard let sum = Montgomery.add(a, b) else {
                throw CurveError(.smallOrder, "the sum is the point at infinity")
            }
            return .montgomery(sum)
        default:
            throw CurveError(.invalidPoint, "points on different curves")
        }
    }

    /// The sum of one or more points, left to right.
    public static func sum(_ points: [GroupElement]) throws(CurveError) -> GroupElement {
        guard var total = points.first else { throw CurveError(.invalidPoint, "no points to add") }
        for point in points.dropFirst() { total = try total.adding(point) }
        return total
    }
}
