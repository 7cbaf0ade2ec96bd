public import MeshCrypto

/// Arithmetic on edwards25519 and edwards448 (RFC 8032).
public enum Edwards {
    /// Decodes an RFC 8032 point encoding (§5.1.3 / §5.2.3) and refuses what the `point_reject` vectors
    /// refuse: wrong length, y ≥ p (for Ed448 also any of bits 448–454), no x for y, x = 0 with the sign bit,
    /// and points of small order (order dividing the cofactor, including the identity).
    /// Works on public data.
    public static func decode(_ bytes: [UInt8], curve: KeyAlgorithm) throws(CurveError) -> EdwardsPoint {
        let point = try decodeOnCurve(bytes, curve: curve)
        if hasSmallOrder(point) { throw CurveError(.smallOrder, "the point's order divides the cofactor") }
        return point
    }

    /// RFC 8032 decoding without the small-order check.
    static func decodeOnCurve(_ bytes: [UInt8], curve: KeyAlgorithm) throws(CurveError) -> EdwardsPoint {
        guard curve.isEdwards else { throw CurveError(.invalidPoint, "\(curve.rawValue) is not an Edwards curve") }
        let params = curve.parameters
        let length = params.edwardsByteCount
        guard bytes.count == length else {
            throw CurveError(.invalidPoint, "\(bytes.count) bytes, \(length) required")
        }
        var yBytes = bytes
        let sign = yBytes[length - 1] >> 7
        yBytes[length - 1] &= 0x7f
        if curve == .ed448 {
            guard yBytes[56] == 0 else { throw CurveError(.invalidPoint, "bits 448-454 are set") }
            yBytes.removeLast()
        }
        let p = params.primeInteger
        let y = GMPInteger(littleEndian: yBytes)
        guard y < p else { throw CurveError(.invalidPoint, "y is not below p") }
        // x² = (y² − 1) / (d·y² − a).
        let one = GMPInteger(1)
        let y2 = (y * y).modulo(p)
        let numerator = (y2 - one).modulo(p)
        let denominator = (params.dInteger * y2 + (params.aIsMinusOne ? one : GMPInteger(-1))).modulo(p)
        guard let inverse = denominator.inverse(modulo: p),
            var x = params.squareRoot(numerator * inverse)
        else {
            throw CurveError(.invalidPoint, "no x for this y")
        }
        if x.signum == 0 && sign == 1 { throw CurveError(.invalidPoint, "x = 0 with the sign bit set") }
        if (x.isOdd ? 1 : 0) != sign { x = p - x }
        let n = params.field.limbCount
        return EdwardsPoint(curve: curve, storage: PointStorage(x.limbs(count: n)!, y.limbs(count: n)!))
    }

    /// Whether cofactor·P is the identity (public data).
    static func hasSmallOrder(_ point: EdwardsPoint) -> Bool {
        let engine = EdwardsEngine(point.curve.parameters)
        engine.load(EdwardsEngine.r0, point)
        let doublings = point.curve == .ed25519 ? 3 : 2
        for _ in 0..<doublings { engine.double(EdwardsEngine.r0, EdwardsEngine.r0) }
        return engine.isIdentity(EdwardsEngine.r0)
    }

    /// The RFC 8032 encoding: y little-endian with the parity of x in the top bit (32 / 57 bytes).
    public static func encode(_ point: EdwardsPoint) -> [UInt8] {
        let params = point.curve.parameters
        let n = params.field.limbCount
        var out = [UInt8](repeating: 0, count: params.edwardsByteCount)
        let y = point.storage.second
        for index in 0..<(8 * n) where index < params.field.byteCount {
            out[index] = UInt8(truncatingIfNeeded: y[index / 8] >> UInt((index % 8) * 8))
        }
        out[out.count - 1] |= UInt8(truncatingIfNeeded: point.storage.first[0] & 1) << 7
        return out
    }

    /// The RFC 8032 base point B.
    public static func base(_ curve: KeyAlgorithm) -> EdwardsPoint {
        let params = curve.edwards.parameters
        return EdwardsPoint(curve: curve.edwards, storage: PointStorage(params.edwardsBaseX, params.edwardsBaseY))
    }

    /// The neutral element (0, 1).
    public static func identity(_ curve: KeyAlgorithm) -> EdwardsPoint {
        let n = curve.parameters.field.limbCount
        var one = [UInt](repeating: 0, count: n)
        one[0] = 1
        return EdwardsPoint(curve: curve.edwards, storage: PointStorage([UInt](repeating: 0, count: n), one))
    }

    /// a + b (complete formulas: any two points, including equal ones and the identity).
    public static func add(_ a: EdwardsPoint, _ b: EdwardsPoint) -> EdwardsPoint {
        precondition(a.curve == b.curve, "points on different curves")
        let engine = EdwardsEngine(a.curve.parameters)
        engine.load(EdwardsEngine.r0, a)
        engine.load(EdwardsEngine.r1, b)
        engine.add(EdwardsEngine.r0, EdwardsEngine.r0, EdwardsEngine.r1)
        return engine.affine(EdwardsEngine.r0, curve: a.curve)
    }

    /// −P = (−x, y).
    public static func negate(_ point: EdwardsPoint) -> EdwardsPoint {
        let w = FieldWorkspace(point.curve.parameters.field, registers: 1)
        w.neg(w.reg(0), point.storage.first)
        return EdwardsPoint(curve: point.curve, storage: PointStorage(n: w.n, w.reg(0), point.storage.second))
    }

    /// scalar · point, for a little-endian scalar of at most 57 bytes taken as is (neither reduced nor
    /// clamped). Constant time: a ladder over max(256 / 456, 8·count) bits with conditional swaps.
    public static func multiply(_ point: EdwardsPoint, by scalar: SecureBytes) -> EdwardsPoint {
        precondition(scalar.count <= 64, "scalar longer than 64 bytes")
        let params = point.curve.parameters
        let bits = ScalarLoading.bits(byteCount: scalar.count, minimum: params.edwardsScalarBits)
        let limbs = ScalarLoading.load(scalar, limbCount: (bits + 63) / 64)
        let engine = EdwardsEngine(params)
        engine.load(EdwardsEngine.input, point)
        engine.ladder(scalar: limbs.base, bits: bits)
        return engine.affine(EdwardsEngine.r0, curve: point.curve)
    }

    /// scalar · B.
    public static func multiplyBase(by scalar: SecureBytes, curve: KeyAlgorithm) -> EdwardsPoint {
        multiply(base(curve), by: scalar)
    }
}
