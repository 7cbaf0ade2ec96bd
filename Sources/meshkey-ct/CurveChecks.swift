import MeshCrypto
import MeshMath

/// The curve code on secret scalars and secret points: ladders, EdDSA signing, arithmetic mod L, field
/// arithmetic (through point addition, negation and the maps between forms) and group elements.
enum CurveChecks {
    /// Builds the lazily made curve constants with public data, so that the checks below start from warm
    /// caches.
    static func warmUp() {
        _ = Montgomery.multiplyBase(by: SecureBytes(zeros: 32), curve: .x25519)
        _ = Montgomery.multiplyBase(by: SecureBytes(zeros: 56), curve: .x448)
        _ = Edwards.multiplyBase(by: SecureBytes(zeros: 32), curve: .ed25519)
        _ = Edwards.multiplyBase(by: SecureBytes(zeros: 57), curve: .ed448)
    }

    /// `x`: Montgomery ladders with v recovery (X25519 with a 32-byte scalar, X448 with a 57-byte scalar)
    /// and the RFC 7748 functions X25519 and X448, on secret scalars.
    static func montgomeryLadders() {
        _ = Montgomery.multiplyBase(by: Memcheck.secret(32), curve: .x25519)
        _ = Montgomery.multiplyBase(by: Memcheck.secret(57), curve: .x448)
        let u25519 = [9] + [UInt8](repeating: 0, count: 31)
        _ = Montgomery.function(.x25519, scalar: Memcheck.secret(32).unprotectedBytes, u: u25519)
        let u448 = [5] + [UInt8](repeating: 0, count: 55)
        _ = Montgomery.function(.x448, scalar: Memcheck.secret(56).unprotectedBytes, u: u448)
    }

    /// `ed`: Edwards ladders on secret scalars (Ed25519 32 bytes, Ed448 57 bytes).
    static func edwardsLadders() {
        _ = Edwards.multiplyBase(by: Memcheck.secret(32), curve: .ed25519)
        _ = Edwards.multiplyBase(by: Memcheck.secret(57), curve: .ed448)
    }

    /// `sign`: EdDSA from a secret seed (SHA-512 / SHAKE256 expansion, pruning, A = s·B, the nonce
    /// r = H(prefix ‖ M) mod L, R = r·B, S = r + k·s mod L), for 32-byte Ed25519 and 56- and 57-byte Ed448
    /// seeds; and raw-scalar signing with a secret scalar and prefix, whose check that the given public key
    /// is scalar·B compares public values (the public key is marked public once computed).
    static func signing() {
        _ = EdDSA.sign(message: [1, 2, 3], secret: Memcheck.secret(32), curve: .ed25519)
        _ = EdDSA.sign(message: [1, 2, 3], secret: Memcheck.secret(56), curve: .ed448)
        _ = EdDSA.sign(message: [1, 2, 3], secret: Memcheck.secret(57), curve: .ed448)
        for curve in [KeyAlgorithm.ed25519, .ed448] {
            let scalar = CurveScalar(reducing: Memcheck.secret(curve == .ed25519 ? 64 : 114), curve: curve).bytes
            let prefix = EdDSA.rawScalarPrefix(scalar: scalar, curve: curve)
            let publicKey = Edwards.encode(Edwards.multiplyBase(by: scalar, curve: curve))
            Memcheck.markPublic(publicKey)
            _ = EdDSA.sign(message: [4, 5, 6], scalar: scalar, prefix: prefix, publicKey: publicKey, curve: curve)
        }
    }

    /// `scalar`: arithmetic mod L on secret values (`CurveScalar`): reduction of 64- and 114-byte values,
    /// +, −, ·, negation, the canonical range check and the zero test (their outcomes are revealed).
    static func scalarArithmetic() {
        for (curve, wide) in [(KeyAlgorithm.ed25519, 64), (.ed448, 114)] {
            let a = CurveScalar(reducing: Memcheck.secret(wide), curve: curve)
            let b = CurveScalar(reducing: Memcheck.secret(wide), curve: curve)
            let lambda = CurveScalar(public: GMPInteger(3), curve: curve)
            let c = (a + b) * lambda - (-a) * b
            _ = try? CurveScalar(canonical: c.bytes, curve: curve)
            _ = c.isZero
            _ = a == b
        }
    }

    /// `field`: field multiplication, squaring, addition, subtraction and inversion mod 2^255 − 19 and
    /// 2^448 − 2^224 − 1 on secret coordinates: Edwards addition with its affine conversion (inversion of
    /// a secret Z), Montgomery affine addition (both slopes, an inversion, the ∞ verdict revealed),
    /// negation, and the maps between the Edwards and Montgomery forms (inversions; the exceptional-point
    /// verdict revealed).
    static func fieldArithmetic() {
        for curve in [KeyAlgorithm.ed25519, .ed448] {
            let count = curve == .ed25519 ? 32 : 57
            let p = Edwards.multiplyBase(by: Memcheck.secret(count), curve: curve)
            let q = Edwards.multiplyBase(by: Memcheck.secret(count), curve: curve)
            let sum = Edwards.add(p, Edwards.negate(q))
            _ = Edwards.encode(sum)
            _ = Montgomery.fromEdwards(sum)
        }
        for curve in [KeyAlgorithm.x25519, .x448] {
            let count = curve == .x25519 ? 32 : 56
            let a = Montgomery.multiplyBase(by: Memcheck.secret(count), curve: curve)
            let b = Montgomery.multiplyBase(by: Memcheck.secret(count), curve: curve)
            _ = Montgomery.add(a, Montgomery.negate(b)).map(Montgomery.encodeExtended)
            _ = Montgomery.add(a, a).map(Montgomery.encodeU)
            _ = Montgomery.toEdwards(a)
        }
    }

    /// `group`: `GroupElement` products scalar·P and sums on all four curves with secret scalars; each
    /// result's neutral-element check is a verdict (revealed: the caller gets an error), the rest stays
    /// secret.
    static func groupElements() {
        for curve in KeyAlgorithm.allCases {
            let wide = curve == .ed448 || curve == .x448 ? 114 : 64
            let a = CurveScalar(reducing: Memcheck.secret(wide), curve: curve)
            let b = CurveScalar(reducing: Memcheck.secret(wide), curve: curve)
            guard let p = try? GroupElement.multiplyBase(by: a, curve: curve),
                let q = try? GroupElement.base(curve).multiplied(by: b)
            else { continue }
            _ = try? p.adding(q).encoded
            _ = try? GroupElement.sum([p, q, p]).agreementBytes
        }
    }
}
