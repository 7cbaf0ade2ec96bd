import MeshCrypto

/// Extended twisted-Edwards coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, x·y = T/Z, on a
/// ``FieldWorkspace``. A point occupies four consecutive registers, so one `mpn_cnd_swap` over 4n limbs
/// swaps two points.
///
/// Addition uses the unified formulas of Hisil–Wong–Carter–Dawson (add-2008-hwcd), complete on both curves
/// (a = ±1 is a square and d is not): any two inputs, equal or not, identity or not, take the same code.
/// Doubling has its own (also complete) formulas, dbl-2008-hwcd.
final class EdwardsEngine {
    let params: CurveParameters
    let w: FieldWorkspace
    private let aIsMinusOne: Bool

    /// Point slots (register index of X).
    static let r0 = 0, r1 = 4, input = 8, other = 12
    private static let temps = 16  // A B C D E F G H t1 t2 d
    private static let registerCount = 27

    init(_ params: CurveParameters) {
        self.params = params
        aIsMinusOne = params.aIsMinusOne
        w = FieldWorkspace(params.field, registers: Self.registerCount)
        w.set(w.reg(Self.temps + 10), params.d)
    }

    @inline(__always) func point(_ slot: Int) -> UnsafeMutablePointer<UInt> { w.reg(slot) }

    /// Sets a slot to the identity (0 : 1 : 1 : 0).
    func setIdentity(_ slot: Int) {
        w.set(w.reg(slot), small: 0)
        w.set(w.reg(slot + 1), small: 1)
        w.set(w.reg(slot + 2), small: 1)
        w.set(w.reg(slot + 3), small: 0)
    }

    /// Loads affine (x, y) into a slot.
    func load(_ slot: Int, x: UnsafePointer<UInt>, y: UnsafePointer<UInt>) {
        w.copy(w.reg(slot), x)
        w.copy(w.reg(slot + 1), y)
        w.set(w.reg(slot + 2), small: 1)
        w.mul(w.reg(slot + 3), x, y)
    }

    func load(_ slot: Int, _ p: EdwardsPoint) { load(slot, x: p.storage.first, y: p.storage.second) }

    /// slot r = slot p + slot q (r may equal p or q).
    func add(_ r: Int, _ p: Int, _ q: Int) {
        let t = Self.temps
        let a = w.reg(t)
        let b = w.reg(t + 1)
        let c = w.reg(t + 2)
        let d = w.reg(t + 3)
        let e = w.reg(t + 4)
        let f = w.reg(t + 5)
        let g = w.reg(t + 6)
        let h = w.reg(t + 7)
        let t1 = w.reg(t + 8)
        let t2 = w.reg(t + 9)
        let curveD = w.reg(t + 10)
        let x1 = w.reg(p)
        let y1 = w.reg(p + 1)
        let z1 = w.reg(p + 2)
        let tt1 = w.reg(p + 3)
        let x2 = w.reg(q)
        let y2 = w.reg(q + 1)
        let z2 = w.reg(q + 2)
        let tt2 = w.reg(q + 3)
        w.mul(a, x1, x2)
        w.mul(b, y1, y2)
        w.mul(c, tt1, tt2)
        w.mul(c, c, curveD)
        w.mul(d, z1, z2)
        w.add(t1, x1, y1)
        w.add(t2, x2, y2)
        w.mul(e, t1, t2)
        w.sub(e, e, a)
        w.sub(e, e, b)
        w.sub(f, d, c)
        w.add(g, d, c)
        if aIsMinusOne { w.add(h, b, a) } else { w.sub(h, b, a) }  // public curve choice
        w.mul(w.reg(r), e, f)
        w.mul(w.reg(r + 1), g, h)
        w.mul(w.reg(r + 3), e, h)
        w.mul(w.reg(r + 2), f, g)
    }

    /// slot r = 2 · slot p (dbl-2008-hwcd: 4M + 4S; complete, since a·x² + y² = 1 + d·x²·y² ≠ 0 and
    /// 2 − a·x² − y² = 1 − d·x²·y² ≠ 0 on these curves). r may equal p.
    func double(_ r: Int, _ p: Int) {
        let t = Self.temps
        let a = w.reg(t)
        let b = w.reg(t + 1)
        let c = w.reg(t + 2)
        let d = w.reg(t + 3)
        let e = w.reg(t + 4)
        let f = w.reg(t + 5)
        let g = w.reg(t + 6)
        let h = w.reg(t + 7)
        let x1 = w.reg(p)
        let y1 = w.reg(p + 1)
        let z1 = w.reg(p + 2)
        w.sqr(a, x1)
        w.sqr(b, y1)
        w.sqr(c, z1)
        w.add(c, c, c)
        if aIsMinusOne { w.neg(d, a) } else { w.copy(d, a) }  // D = a·A; public curve choice
        w.add(e, x1, y1)
        w.sqr(e, e)
        w.sub(e, e, a)
        w.sub(e, e, b)
        w.add(g, d, b)
        w.sub(f, g, c)
        w.sub(h, d, b)
        w.mul(w.reg(r), e, f)
        w.mul(w.reg(r + 1), g, h)
        w.mul(w.reg(r + 3), e, h)
        w.mul(w.reg(r + 2), f, g)
    }

    /// Slot r0 = scalar · (slot input): Montgomery ladder over all `bits` bits, one addition and one
    /// doubling per bit whatever its value, points exchanged with `mpn_cnd_swap`.
    func ladder(scalar: UnsafePointer<UInt>, bits: Int) {
        let r0 = Self.r0
        let r1 = Self.r1
        let span = 4 * w.n
        setIdentity(r0)
        for part in 0..<4 { w.copy(w.reg(r1 + part), w.reg(Self.input + part)) }
        for index in stride(from: bits - 1, through: 0, by: -1) {
            let b = (scalar[index / 64] >> UInt(index % 64)) & 1  // position public, value secret
            w.cswap(b, w.reg(r0), w.reg(r1), count: span)
            add(r1, r0, r1)
            double(r0, r0)
            w.cswap(b, w.reg(r0), w.reg(r1), count: span)
        }
    }

    /// The affine point of a slot (Fermat inversion of Z).
    func affine(_ slot: Int, curve: KeyAlgorithm) -> EdwardsPoint {
        let t = Self.temps
        let zInverse = w.reg(t)
        let x = w.reg(t + 1)
        let y = w.reg(t + 2)
        w.invert(zInverse, w.reg(slot + 2))
        w.mul(x, w.reg(slot), zInverse)
        w.mul(y, w.reg(slot + 1), zInverse)
        return EdwardsPoint(curve: curve, storage: PointStorage(n: w.n, x, y))
    }

    /// Whether the slot holds the identity (X = 0 and Y = Z); public use.
    func isIdentity(_ slot: Int) -> Bool {
        w.isZero(w.reg(slot)) == 1 && w.equal(w.reg(slot + 1), w.reg(slot + 2)) == 1
    }
}
