public import MeshCrypto

/// Arithmetic on curve25519 and curve448 (RFC 7748), with the v coordinate where the Mesh needs it.
public enum Montgomery {
    // MARK: Encodings

    /// Decodes the extended encoding u ‖ parity byte (33 / 57 bytes) and refuses what the `point_reject`
    /// vectors refuse: wrong length, last byte other than 0x00 / 0x80, u ≥ p, no v for u (a twist point),
    /// v = 0 with 0x80, and small order. Works on public data.
    public static func decodeExtended(_ bytes: [UInt8], curve: KeyAlgorithm) throws(CurveError) -> MontgomeryPoint {
        guard !curve.isEdwards else { throw CurveError(.invalidPoint, "\(curve.rawValue) is not a Montgomery curve") }
        let params = curve.parameters
        let length = params.montgomeryByteCount + 1
        guard bytes.count == length else { throw CurveError(.invalidPoint, "\(bytes.count) bytes, \(length) required") }
        let last = bytes[length - 1]
        guard last == 0 || last == 0x80 else { throw CurveError(.invalidPoint, "parity byte is not 0x00 or 0x80") }
        let p = params.primeInteger
        let u = GMPInteger(littleEndian: Array(bytes[0..<(length - 1)]))
        guard u < p else { throw CurveError(.invalidPoint, "u is not below p") }
        let rhs = (u * u * u + GMPInteger(Int(params.montgomeryA)) * u * u + u).modulo(p)
        guard var v = params.squareRoot(rhs) else { throw CurveError(.invalidPoint, "no v for u (twist point)") }
        let odd = last == 0x80
        if v.signum == 0 && odd { throw CurveError(.invalidPoint, "v = 0 with parity 0x80") }
        if v.isOdd != odd { v = p - v }
        let n = params.field.limbCount
        let point = MontgomeryPoint(curve: curve, storage: PointStorage(u.limbs(count: n)!, v.limbs(count: n)!))
        if hasSmallOrder(point) { throw CurveError(.smallOrder, "the point's order divides the cofactor") }
        return point
    }

    /// Whether cofactor·P = ∞ (public data; x-only ladder).
    static func hasSmallOrder(_ point: MontgomeryPoint) -> Bool {
        let engine = MontgomeryEngine(point.curve.parameters)
        engine.w.copy(engine.reg(MontgomeryEngine.x1), point.storage.first)
        var cofactor = point.curve.parameters.cofactor
        engine.ladder(scalar: &cofactor, bits: 4)
        return engine.w.isZero(engine.reg(MontgomeryEngine.z2)) == 1
    }

    /// u ‖ (v odd ? 0x80 : 0x00): 33 / 57 bytes.
    public static func encodeExtended(_ point: MontgomeryPoint) -> [UInt8] {
        encodeU(point) + [point.storage.second[0] & 1 == 1 ? 0x80 : 0x00]
    }

    /// u little-endian: 32 / 56 bytes.
    public static func encodeU(_ point: MontgomeryPoint) -> [UInt8] {
        let field = point.curve.parameters.field
        let u = point.storage.first
        return (0..<field.byteCount).map { UInt8(truncatingIfNeeded: u[$0 / 8] >> UInt(($0 % 8) * 8)) }
    }

    /// The RFC 7748 base point: u = 9 / 5 with its §4.1 / §4.2 v.
    public static func base(_ curve: KeyAlgorithm) -> MontgomeryPoint {
        let params = curve.parameters
        return MontgomeryPoint(
            curve: curve.montgomery,
            storage: PointStorage(params.montgomeryBaseU, params.montgomeryBaseV)
        )
    }

    // MARK: Scalar multiplication

    /// scalar · point for a little-endian scalar (at most 57 bytes) used as is: not clamped, not reduced.
    /// RFC 7748 ladder over max(256 / 448, 8·count) bits with conditional swaps, then v recovered
    /// (Okeya–Sakurai). Constant time in the scalar and the point. ∞ is returned as (0, 0). Input points of
    /// order 2 (v = 0) are degenerate for the recovery and give (0, 0); ``decodeExtended(_:curve:)`` never
    /// yields them.
    public static func multiply(_ point: MontgomeryPoint, by scalar: SecureBytes) -> MontgomeryPoint {
        precondition(scalar.count <= 64, "scalar longer than 64 bytes")
        let params = point.curve.parameters
        let bits = ScalarLoading.bits(byteCount: scalar.count, minimum: params.field.prime == .p448 ? 448 : 256)
        let limbs = ScalarLoading.load(scalar, limbCount: (bits + 63) / 64)
        let engine = MontgomeryEngine(params)
        engine.w.copy(engine.reg(MontgomeryEngine.x1), point.storage.first)
        engine.w.copy(engine.reg(MontgomeryEngine.v1In), point.storage.second)
        engine.ladder(scalar: limbs.base, bits: bits)
        let out = FieldWorkspace(params.field, registers: 2)
        engine.recover(u: out.reg(0), v: out.reg(1))
        return MontgomeryPoint(curve: point.curve, storage: PointStorage(n: out.n, out.reg(0), out.reg(1)))
    }

    /// scalar · base point.
    public static func multiplyBase(by scalar: SecureBytes, curve: KeyAlgorithm) -> MontgomeryPoint {
        multiply(base(curve), by: scalar)
    }

    /// The RFC 7748 X25519 / X448 function: clamps the scalar (32 / 56 bytes), masks the top bit of u for
    /// X25519, accepts u ≥ p (reduced), and returns the u of the result (32 / 56 bytes). Constant time in
    /// the scalar.
    public static func function(_ curve: KeyAlgorithm, scalar: [UInt8], u: [UInt8]) -> [UInt8] {
        let params = curve.parameters
        let length = params.montgomeryByteCount
        precondition(
            scalar.count == length && u.count == length,
            "X\(length == 32 ? "25519" : "448") takes \(length)-byte inputs"
        )
        var clamped = SecureBytes(scalar)
        var uBytes = u
        clamped.withUnsafeMutableBytes { k in
            if params.field.prime == .p25519 {
                k[0] &= 248
                k[31] &= 127
                k[31] |= 64
            } else {
                k[0] &= 252
                k[55] |= 128
            }
        }
        if params.field.prime == .p25519 { uBytes[31] &= 127 }
        let limbs = ScalarLoading.load(clamped, limbCount: params.field.limbCount)
        let engine = MontgomeryEngine(params)
        uBytes.withUnsafeBytes { engine.w.load(littleEndian: $0, into: engine.reg(MontgomeryEngine.x1)) }
        engine.ladder(scalar: limbs.base, bits: params.montgomeryScalarBits)
        let out = FieldWorkspace(params.field, registers: 1)
        engine.resultU(into: out.reg(0))
        return out.bytes(out.reg(0))
    }

    // MARK: Addition

    /// a + b with the affine formulas of vectors README §4.8 (λ = (v2 − v1)/(u2 − u1), or
    /// (3u1² + 2A·u1 + 1)/(2v1) when u1 = u2). Both λ are computed and one is selected with a conditional
    /// swap. nil when the sum is the point at infinity (b = −a).
    public static func add(_ a: MontgomeryPoint, _ b: MontgomeryPoint) -> MontgomeryPoint? {
        precondition(a.curve == b.curve, "points on different curves")
        let params = a.curve.parameters
        let w = FieldWorkspace(params.field, registers: 12)
        let u1 = w.reg(0)
        let v1 = w.reg(1)
        let u2 = w.reg(2)
        let v2 = w.reg(3)
        let num = w.reg(4)
        let den = w.reg(5)
        let numD = w.reg(6)
        let denD = w.reg(7)
        let lambda = w.reg(8)
        let t = w.reg(9)
        let u3 = w.reg(10)
        let v3 = w.reg(11)
        w.copy(u1, a.storage.first)
        w.copy(v1, a.storage.second)
        w.copy(u2, b.storage.first)
        w.copy(v2, b.storage.second)
        w.sub(num, v2, v1)
        w.sub(den, u2, u1)
        w.sqr(numD, u1)
        w.mul(numD, numD, small: 3)
        w.mul(t, u1, small: 2 * params.montgomeryA)
        w.add(numD, numD, t)
        w.set(t, small: 1)
        w.add(numD, numD, t)
        w.add(denD, v1, v1)
        let same = w.equal(u1, u2)
        w.add(t, v1, v2)
        let infinity = same & w.isZero(t)
        w.cswap(same, num, numD)
        w.cswap(same, den, denD)
        w.invert(t, den)
        w.mul(lambda, num, t)
        w.sqr(u3, lambda)
        w.set(t, small: params.montgomeryA)
        w.sub(u3, u3, t)
        w.sub(u3, u3, u1)
        w.sub(u3, u3, u2)
        w.sub(t, u1, u3)
        w.mul(v3, lambda, t)
        w.sub(v3, v3, v1)
        if SecretVerdict.reveal(infinity == 1) { return nil }  // the outcome itself, which the caller learns anyway
        return MontgomeryPoint(curve: a.curve, storage: PointStorage(n: w.n, u3, v3))
    }

    /// −P = (u, −v).
    public static func negate(_ point: MontgomeryPoint) -> MontgomeryPoint {
        let w = FieldWorkspace(point.curve.parameters.field, registers: 1)
        w.neg(w.reg(0), point.storage.second)
        return MontgomeryPoint(curve: point.curve, storage: PointStorage(n: w.n, point.storage.first, w.reg(0)))
    }

    // MARK: Maps to and from Edwards

    /// Montgomery → Edwards.
    ///
    /// * 25519 (RFC 7748 §4.1, birational): x = c·u/v, y = (u − 1)/(u + 1) with c = √−486664 chosen so the
    ///   base points correspond; nil when v = 0 or u = −1.
    /// * 448: RFC 7748 §4.2 gives a 4-isogeny ψ with ``fromEdwards(_:)`` ∘ ψ = [4]; this returns
    ///   [4⁻¹ mod L]·ψ(P), the preimage in the prime-order subgroup, so that `fromEdwards(toEdwards(P)) = P`
    ///   for points of order L (other points get a point that is not a preimage). nil when ψ's denominators
    ///   vanish.
    public static func toEdwards(_ p: MontgomeryPoint) -> EdwardsPoint? {
        let params = p.curve.parameters
        let w = FieldWorkspace(params.field, registers: 12)
        let u = w.reg(0)
        let v = w.reg(1)
        let x = w.reg(2)
        let y = w.reg(3)
        let t = w.reg(4)
        let s = w.reg(5)
        let one = w.reg(6)
        let u2 = w.reg(7)
        let v2 = w.reg(8)
        let num = w.reg(9)
        let den = w.reg(10)
        w.copy(u, p.storage.first)
        w.copy(v, p.storage.second)
        w.set(one, small: 1)
        let edwards = p.curve.edwards
        if params.field.prime == .p25519 {
            w.add(t, u, one)  // u + 1
            w.sub(s, u, one)  // u − 1
            let bad = w.isZero(t) | w.isZero(v)
            w.invert(t, t)
            w.mul(y, s, t)
            w.invert(t, v)
            w.mul(x, u, t)
            w.set(s, params.mapConstant)
            w.mul(x, x, s)
            if SecretVerdict.reveal(bad == 1) { return nil }
            return EdwardsPoint(curve: edwards, storage: PointStorage(n: w.n, x, y))
        }
        // ψ: x = 4v(u² − 1)/(u⁴ − 2u² + 4v² + 1),
        //    y = −(u⁵ − 2u³ − 4uv² + u)/(u⁵ − 2u²v² − 2u³ − 2v² + u).
        w.sqr(u2, u)
        w.sqr(v2, v)
        w.sub(num, u2, one)
        w.mul(num, num, v)
        w.mul(num, num, small: 4)
        w.sqr(den, u2)
        w.sub(den, den, u2)
        w.sub(den, den, u2)
        w.mul(t, v2, small: 4)
        w.add(den, den, t)
        w.add(den, den, one)
        var bad = w.isZero(den)
        w.invert(den, den)
        w.mul(x, num, den)
        // numerator of y: u·(u⁴ − 2u² − 4v² + 1)
        w.sqr(num, u2)
        w.sub(num, num, u2)
        w.sub(num, num, u2)
        w.mul(t, v2, small: 4)
        w.sub(num, num, t)
        w.add(num, num, one)
        w.mul(num, num, u)
        // denominator: u·(u⁴ − 2u·... ) written out: u⁵ − 2u²v² − 2u³ − 2v² + u
        w.sqr(den, u2)
        w.mul(den, den, u)  // u⁵
        w.mul(t, u2, v2)
        w.sub(den, den, t)
        w.sub(den, den, t)
        w.mul(t, u2, u)
        w.sub(den, den, t)
        w.sub(den, den, t)
        w.sub(den, den, v2)
        w.sub(den, den, v2)
        w.add(den, den, u)
        bad |= w.isZero(den)
        w.invert(den, den)
        w.mul(y, num, den)
        w.neg(y, y)
        if SecretVerdict.reveal(bad == 1) { return nil }
        let image = EdwardsPoint(curve: edwards, storage: PointStorage(n: w.n, x, y))
        let quarter = SecureBytes(GMPInteger.fromLimbs(params.quarterModOrder, count: 7).littleEndianBytes(count: 56)!)
        return Edwards.multiply(image, by: quarter)
    }

    /// Edwards → Montgomery.
    ///
    /// * 25519 (RFC 7748 §4.1, birational): u = (1 + y)/(1 − y), v = c·u/x; nil when y = 1 or x = 0.
    /// * 448 (RFC 7748 §4.2, the 4-isogeny, a group homomorphism taking the Ed448 base point to the X448
    ///   base point): u = y²/x², v = (2 − x² − y²)·y/x³; nil when x = 0.
    public static func fromEdwards(_ p: EdwardsPoint) -> MontgomeryPoint? {
        let params = p.curve.parameters
        let w = FieldWorkspace(params.field, registers: 8)
        let x = w.reg(0)
        let y = w.reg(1)
        let u = w.reg(2)
        let v = w.reg(3)
        let t = w.reg(4)
        let s = w.reg(5)
        let one = w.reg(6)
        w.copy(x, p.storage.first)
        w.copy(y, p.storage.second)
        w.set(one, small: 1)
        let montgomery = p.curve.montgomery
        let bad: UInt
        if params.field.prime == .p25519 {
            w.sub(t, one, y)
            bad = w.isZero(t) | w.isZero(x)
            w.invert(t, t)
            w.add(u, one, y)
            w.mul(u, u, t)
            w.invert(t, x)
            w.mul(v, u, t)
            w.set(s, params.mapConstant)
            w.mul(v, v, s)
        } else {
            bad = w.isZero(x)
            w.invert(t, x)  // 1/x
            w.mul(s, y, t)  // y/x
            w.sqr(u, s)  // y²/x²
            w.sqr(s, t)  // 1/x²
            w.mul(s, s, t)  // 1/x³
            w.sqr(t, x)
            w.sub(v, one, t)
            w.add(v, v, one)  // 2 − x²
            w.sqr(t, y)
            w.sub(v, v, t)  // 2 − x² − y²
            w.mul(v, v, y)
            w.mul(v, v, s)
        }
        if SecretVerdict.reveal(bad == 1) { return nil }
        return MontgomeryPoint(curve: montgomery, storage: PointStorage(n: w.n, u, v))
    }
}
