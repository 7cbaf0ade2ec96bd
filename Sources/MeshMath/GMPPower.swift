internal import CGMP

/// Modular exponentiation on ``GMPInteger``.
///
/// `raised(to:modulo:)` is GMP's `mpz_powm` (its running time depends on the exponent's bits: public exponents
/// only). `securelyRaised(to:modulo:)` is `mpz_powm_sec`, whose instruction and memory-access sequence depends only
/// on the operands' limb counts, for an exponent that is secret (the modulus must be odd and the exponent
/// positive). The Feldman commitments use the fixed-limb form of the same GMP routine (``SchnorrGroup``), so
/// that a secret exponent never sits in an `mpz` whose size normalisation would show its leading zero limbs.
extension GMPInteger {
    /// self^exponent mod modulus, for a public exponent ≥ 0 and a positive modulus.
    public func raised(to exponent: GMPInteger, modulo modulus: GMPInteger) -> GMPInteger {
        precondition(modulus.signum > 0 && exponent.signum >= 0, "power needs a positive modulus and an exponent ≥ 0")
        let r = GMPInteger()
        __gmpz_powm(r.raw, raw, exponent.raw, modulus.raw)
        return r
    }

    /// self^exponent mod modulus for a small public exponent.
    public func raised(to exponent: UInt, modulo modulus: GMPInteger) -> GMPInteger {
        precondition(modulus.signum > 0, "power needs a positive modulus")
        let r = GMPInteger()
        __gmpz_powm_ui(r.raw, raw, exponent, modulus.raw)
        return r
    }

    /// self^exponent mod modulus with `mpz_powm_sec`, for a secret exponent > 0 and an odd modulus.
    public func securelyRaised(to exponent: GMPInteger, modulo modulus: GMPInteger) -> GMPInteger {
        precondition(
            modulus.isOdd && modulus.signum > 0 && exponent.signum > 0,
            "mpz_powm_sec needs an odd modulus and a positive exponent"
        )
        let r = GMPInteger()
        __gmpz_powm_sec(r.raw, raw, exponent.raw, modulus.raw)
        return r
    }

    /// self / divisor, rounded toward zero (public values).
    public func dividing(by divisor: GMPInteger) -> GMPInteger {
        precondition(divisor.signum != 0, "division by zero")
        let r = GMPInteger()
        __gmpz_tdiv_q(r.raw, raw, divisor.raw)
        return r
    }
}
