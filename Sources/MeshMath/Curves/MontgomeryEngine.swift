/// The RFC 7748 x-only Montgomery ladder on projective (X : Z), plus Okeya–Sakurai recovery of v.
///
/// Registers: (x2, z2) and (x3, z3) are adjacent so one `mpn_cnd_swap` over 2n limbs exchanges them.
final class MontgomeryEngine {
    let params: CurveParameters
    let w: FieldWorkspace

    static let x2 = 0, z2 = 1, x3 = 2, z3 = 3, x1 = 4, v1In = 5
    private static let temps = 6
    private static let registerCount = 22

    init(_ params: CurveParameters) {
        self.params = params
        w = FieldWorkspace(params.field, registers: Self.registerCount)
    }

    @inline(__always) func reg(_ index: Int) -> UnsafeMutablePointer<UInt> { w.reg(index) }

    /// Runs the ladder for u = register x1 over `bits` bits of `scalar` (fixed count, conditional swaps).
    /// Afterwards (x2 : z2) = k·P and (x3 : z3) = (k + 1)·P.
    func ladder(scalar: UnsafePointer<UInt>, bits: Int) {
        let t = Self.temps
        let x1 = reg(Self.x1)
        let x2 = reg(Self.x2)
        let z2 = reg(Self.z2)
        let x3 = reg(Self.x3)
        let z3 = reg(Self.z3)
        let a = reg(t)
        let aa = reg(t + 1)
        let b = reg(t + 2)
        let bb = reg(t + 3)
        let e = reg(t + 4)
        let c = reg(t + 5)
        let d = reg(t + 6)
        let da = reg(t + 7)
        let cb = reg(t + 8)
        w.set(x2, small: 1)
        w.set(z2, small: 0)
        w.copy(x3, x1)
        w.set(z3, small: 1)
        var swap: UInt = 0
        let span = 2 * w.n
        let a24 = params.a24
        for index in stride(from: bits - 1, through: 0, by: -1) {
            let k = (scalar[index / 64] >> UInt(index % 64)) & 1  // position public, value secret
            swap ^= k
            w.cswap(swap, x2, x3, count: span)  // (x2, z2) ↔ (x3, z3)
            swap = k
            w.add(a, x2, z2)
            w.sqr(aa, a)
            w.sub(b, x2, z2)
            w.sqr(bb, b)
            w.sub(e, aa, bb)
            w.add(c, x3, z3)
            w.sub(d, x3, z3)
            w.mul(da, d, a)
            w.mul(cb, c, b)
            w.add(x3, da, cb)
            w.sqr(x3, x3)
            w.sub(z3, da, cb)
            w.sqr(z3, z3)
            w.mul(z3, z3, x1)
            w.mul(x2, aa, bb)
            w.mul(z2, e, small: a24)
            w.add(z2, z2, aa)
            w.mul(z2, z2, e)
        }
        w.cswap(swap, x2, x3, count: span)
    }

    /// u of k·P, as x2 / z2 (0 for the point at infinity).
    func resultU(into r: UnsafeMutablePointer<UInt>) {
        let inverse = reg(Self.temps)
        w.invert(inverse, reg(Self.z2))
        w.mul(r, reg(Self.x2), inverse)
    }

    /// After `ladder`, recovers (u, v) of k·P from P = (x1, v1In), k·P = (x2 : z2) and (k+1)·P = (x3 : z3)
    /// (Okeya–Sakurai, in the projective form of Costello–Smith, Algorithm 5, with B = 1).
    /// k·P = ∞ gives (0, 0); k·P = −P (where (k+1)·P = ∞ and the formula degenerates) is selected with
    /// conditional swaps, not a branch.
    func recover(u: UnsafeMutablePointer<UInt>, v: UnsafeMutablePointer<UInt>) {
        let t = Self.temps
        let xP = reg(Self.x1)
        let yP = reg(Self.v1In)
        let xQ = reg(Self.x2)
        let zQ = reg(Self.z2)
        let xS = reg(Self.x3)
        let zS = reg(Self.z3)
        let v1 = reg(t)
        let v2 = reg(t + 1)
        let v3 = reg(t + 2)
        let v4 = reg(t + 3)
        let bigX = reg(t + 4)
        let bigY = reg(t + 5)
        let bigZ = reg(t + 6)
        let inverse = reg(t + 7)
        let altU = reg(t + 8)
        let altV = reg(t + 9)
        w.mul(v1, xP, zQ)
        w.add(v2, xQ, v1)
        w.sub(v3, xQ, v1)
        w.sqr(v3, v3)
        w.mul(v3, v3, xS)
        w.mul(v1, zQ, small: 2 * params.montgomeryA)
        w.add(v2, v2, v1)
        w.mul(v4, xP, xQ)
        w.add(v4, v4, zQ)
        w.mul(v2, v2, v4)
        w.mul(v1, v1, zQ)
        w.sub(v2, v2, v1)
        w.mul(v2, v2, zS)
        w.sub(bigY, v2, v3)
        w.add(v1, yP, yP)
        w.mul(v1, v1, zQ)
        w.mul(v1, v1, zS)
        w.mul(bigX, v1, xQ)
        w.mul(bigZ, v1, zQ)
        w.invert(inverse, bigZ)
        w.mul(u, bigX, inverse)
        w.mul(v, bigY, inverse)
        // k·P = −P: (k+1)·P = ∞ (zS = 0) while k·P ≠ ∞ (zQ ≠ 0).
        let minusP = w.isZero(zS) & (w.isZero(zQ) ^ 1)
        w.copy(altU, xP)
        w.neg(altV, yP)
        w.cswap(minusP, u, altU)
        w.cswap(minusP, v, altV)
    }
}
