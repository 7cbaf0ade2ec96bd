internal import CGMP

/// Helpers on public integers used by the curve constants and point decoding.
extension GMPInteger {
    /// Parses hexadecimal digits (constants only).
    convenience init(hex text: String) {
        self.init()
        let status = __gmpz_set_str(raw, text, 16)
        precondition(status == 0, "bad hex constant")
    }

    /// self^exponent mod modulus (public values; not constant time).
    func power(_ exponent: GMPInteger, modulo modulus: GMPInteger) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_powm(r.raw, raw, exponent.raw, modulus.raw)
        return r
    }

    /// ⌊self / 2^count⌋ for non-negative values.
    func shiftedRight(_ count: Int) -> GMPInteger {
        let r = GMPInteger()
        __gmpz_fdiv_q_2exp(r.raw, raw, UInt(count))
        return r
    }

    /// Bit `index` (public values).
    func testBit(_ index: Int) -> Bool { __gmpz_tstbit(raw, UInt(index)) != 0 }
}
