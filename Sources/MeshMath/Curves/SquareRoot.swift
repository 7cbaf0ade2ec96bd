extension CurveParameters {
    /// A square root of `value` mod p, or nil if there is none (public values only: GMP `mpz`).
    /// p25519 ≡ 5 (mod 8): candidate value^((p+3)/8), times √−1 if its square is −value.
    /// p448 ≡ 3 (mod 4): value^((p+1)/4).
    func squareRoot(_ value: GMPInteger) -> GMPInteger? {
        let p = primeInteger
        let a = value.modulo(p)
        if field.prime == .p448 {
            let root = a.power((p + GMPInteger(1)).shiftedRight(2), modulo: p)
            return (root * root).modulo(p) == a ? root : nil
        }
        var root = a.power((p + GMPInteger(3)).shiftedRight(3), modulo: p)
        if (root * root).modulo(p) == a { return root }
        root = (root * GMPInteger.fromLimbs(sqrtMinusOne, count: field.limbCount)).modulo(p)
        return (root * root).modulo(p) == a ? root : nil
    }
}
