internal import CGMP
public import MeshCrypto

/// A secret integer modulo the group order L of a curve family (Ed25519/X25519 or Ed448/X448): shares,
/// composite keys, contributions. Held as a fixed-length little-endian value (32 bytes for the 25519
/// family, 56 for the 448 family) in ``SecureBytes``, always fully reduced (< L).
///
/// Arithmetic runs on fixed limb counts with GMP's `mpn_add_n`, `mpn_sub_n`, `mpn_cnd_add_n`,
/// `mpn_sec_mul` and `mpn_sec_div_r`: the instruction and memory-access sequence depends only on the curve,
/// never on the values. Equality and ``isZero`` are constant-time too.
public struct CurveScalar: Sendable, Equatable, CustomStringConvertible {
    /// The curve the scalar is used with (its family fixes L).
    public let curve: KeyAlgorithm
    /// The value, little-endian, ``byteCount(_:)`` bytes, below L.
    public let bytes: SecureBytes

    /// 32 (25519 family) or 56 (448 family).
    public static func byteCount(_ curve: KeyAlgorithm) -> Int { curve.is448 ? 56 : 32 }

    /// The group order L as a (public) integer.
    public static func order(_ curve: KeyAlgorithm) -> GMPInteger { curve.parameters.orderInteger }

    /// value mod L for a little-endian value of any length (a hashed Edwards scalar, a clamped X key, a
    /// 64-byte random string). Constant time in the value.
    public init(reducing value: SecureBytes, curve: KeyAlgorithm) {
        let params = curve.parameters
        let order = OrderArithmetic(params: params)
        let limbs = value.withUnsafeBytes { order.reduce(littleEndian: $0) }
        self.init(curve: curve, limbs: limbs)
    }

    /// A stored scalar: at most ``byteCount(_:)`` bytes little-endian (shorter input is zero-extended), and
    /// below L. The range check is constant time; only its outcome is revealed.
    public init(canonical value: SecureBytes, curve: KeyAlgorithm) throws(CurveScalarError) {
        let length = Self.byteCount(curve)
        guard value.count <= length else {
            throw CurveScalarError("scalar of \(value.count) bytes, at most \(length) allowed")
        }
        let params = curve.parameters
        let n = params.orderLimbCount
        let limbs = ScalarLoading.load(value, limbCount: n)
        let scratch = SecretLimbs(count: n)
        let borrow = params.order.withUnsafeBufferPointer { __gmpn_sub_n(scratch.base, limbs.base, $0.baseAddress!, n) }
        guard SecretVerdict.reveal(borrow == 1) else { throw CurveScalarError("scalar is not below the group order") }
        self.init(curve: curve, limbs: limbs)
    }

    /// A uniformly random scalar (64 / 114 random bytes reduced mod L; the bias is below 2⁻²⁵⁰).
    public static func random(curve: KeyAlgorithm) -> CurveScalar {
        CurveScalar(reducing: SecureRandom.bytes(curve.is448 ? 114 : 64), curve: curve)
    }

    /// A uniformly random non-zero scalar.
    public static func randomNonZero(curve: KeyAlgorithm) -> CurveScalar {
        while true {
            let value = random(curve: curve)
            if !value.isZero { return value }  // the loop runs again with probability ≈ 2⁻²⁵²
        }
    }

    /// A public integer mod L (Lagrange coefficients, small constants). Not for secrets: GMP's `mpz` layer
    /// is not constant time.
    public init(public value: GMPInteger, curve: KeyAlgorithm) {
        let reduced = value.modulo(curve.parameters.orderInteger)
        self.init(unchecked: SecureBytes(reduced.littleEndianBytes(count: Self.byteCount(curve))!), curve: curve)
    }

    init(unchecked bytes: SecureBytes, curve: KeyAlgorithm) {
        self.curve = curve
        self.bytes = bytes
    }

    init(curve: KeyAlgorithm, limbs: SecretLimbs) {
        self.init(unchecked: OrderArithmetic.secureBytes(limbs, count: Self.byteCount(curve)), curve: curve)
    }

    /// The value as `n` wiped limbs.
    func limbs() -> SecretLimbs { ScalarLoading.load(bytes, limbCount: curve.parameters.orderLimbCount) }

    // MARK: Arithmetic

    /// (a + b) mod L.
    public static func + (a: CurveScalar, b: CurveScalar) -> CurveScalar {
        precondition(a.curve.is448 == b.curve.is448, "scalars of different curve families")
        let params = a.curve.parameters
        let n = params.orderLimbCount
        let x = a.limbs()
        let y = b.limbs()
        let t = SecretLimbs(count: n)
        // a, b < L < 2^(64n − 2): the sum has no carry out of n limbs.
        _ = __gmpn_add_n(t.base, x.base, y.base, n)
        params.order.withUnsafeBufferPointer { l in
            let borrow = __gmpn_sub_n(t.base, t.base, l.baseAddress!, n)
            _ = __gmpn_cnd_add_n(borrow, t.base, t.base, l.baseAddress!, n)
        }
        return CurveScalar(curve: a.curve, limbs: t)
    }

    /// (a − b) mod L.
    public static func - (a: CurveScalar, b: CurveScalar) -> CurveScalar {
        precondition(a.curve.is448 == b.curve.is448, "scalars of different curve families")
        let params = a.curve.parameters
        let n = params.orderLimbCount
        let x = a.limbs()
        let y = b.limbs()
        let t = SecretLimbs(count: n)
        let borrow = __gmpn_sub_n(t.base, x.base, y.base, n)
        params.order.withUnsafeBufferPointer { l in
            _ = __gmpn_cnd_add_n(borrow, t.base, t.base, l.baseAddress!, n)
        }
        return CurveScalar(curve: a.curve, limbs: t)
    }

    /// (a · b) mod L.
    public static func * (a: CurveScalar, b: CurveScalar) -> CurveScalar {
        precondition(a.curve.is448 == b.curve.is448, "scalars of different curve families")
        let params = a.curve.parameters
        let n = params.orderLimbCount
        let x = a.limbs()
        let y = b.limbs()
        let scratchCount = Swift.max(Int(__gmpn_sec_mul_itch(n, n)), Int(__gmpn_sec_div_r_itch(2 * n, n)))
        let work = SecretLimbs(count: 2 * n + scratchCount)
        __gmpn_sec_mul(work.base, x.base, n, y.base, n, work.slot(2 * n))
        params.order.withUnsafeBufferPointer {
            __gmpn_sec_div_r(work.base, 2 * n, $0.baseAddress!, n, work.slot(2 * n))
        }
        let result = SecretLimbs(count: n)
        result.base.update(from: work.base, count: n)
        return CurveScalar(curve: a.curve, limbs: result)
    }

    /// (−a) mod L.
    public static prefix func - (a: CurveScalar) -> CurveScalar { CurveScalar.zero(a.curve) - a }

    /// 0 mod L.
    public static func zero(_ curve: KeyAlgorithm) -> CurveScalar {
        CurveScalar(unchecked: SecureBytes(zeros: byteCount(curve)), curve: curve)
    }

    /// Whether the value is 0 (constant time; only the outcome is revealed).
    public var isZero: Bool {
        var bits: UInt8 = 0
        bytes.withUnsafeBytes { for byte in $0 { bits |= byte } }
        return SecretVerdict.reveal(bits == 0)
    }

    /// Constant-time comparison of the values (and the curve family).
    public static func == (a: CurveScalar, b: CurveScalar) -> Bool {
        a.curve.is448 == b.curve.is448 && a.bytes == b.bytes
    }

    /// Never shows the value.
    public var description: String { "CurveScalar(\(curve.rawValue), \(bytes.count) bytes)" }

    // MARK: Lagrange coefficients (public values)

    /// λᵢ = Πⱼ≠ᵢ xⱼ / (xⱼ − xᵢ) mod L, the coefficient of share i when a Shamir polynomial over L is
    /// evaluated at 0 from the shares at `xs`. The x values are public; they must be distinct and non-zero
    /// mod L. Uses GMP's `mpz` layer (public data).
    public static func lagrangeAtZero(_ xs: [GMPInteger], curve: KeyAlgorithm) throws(CurveScalarError) -> [GMPInteger]
    {
        let l = order(curve)
        let reduced = xs.map { $0.modulo(l) }
        for (i, x) in reduced.enumerated() {
            guard x.signum != 0 else { throw CurveScalarError("x = 0 mod L is not allowed") }
            for j in 0..<i where reduced[j] == x { throw CurveScalarError("x values are not distinct mod L") }
        }
        return reduced.indices.map { i in
            var numerator = GMPInteger(1)
            var denominator = GMPInteger(1)
            for j in reduced.indices where j != i {
                numerator = (numerator * reduced[j]).modulo(l)
                denominator = (denominator * (reduced[j] - reduced[i])).modulo(l)
            }
            return (numerator * denominator.inverse(modulo: l)!).modulo(l)
        }
    }
}

/// A scalar that cannot be used (wrong length, not reduced, bad Lagrange x values).
///
/// Code: `invalid_scalar`. Errors compare by code only.
public struct CurveScalarError: CodedError, Hashable {
    public let description: String
    public init(_ description: String) { self.description = description }

    public var errorCode: String { "invalid_scalar" }
    public var reason: String { description }

}
