#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H
// GMP as seen from Swift. gmp.h spells most functions as alias macros (mpz_add -> __gmpz_add), which
// Swift does not import; the Swift side calls the __gmpz_* / __gmpn_* names directly. Function-like
// macros are wrapped here as static inline functions.
#include <stddef.h>
#include <gmp.h>

static inline int cgmp_sgn(mpz_srcptr x) { return mpz_sgn(x); }
static inline int cgmp_odd_p(mpz_srcptr x) { return mpz_odd_p(x); }
static inline int cgmp_cmp_ui(mpz_srcptr x, unsigned long v) { return mpz_cmp_ui(x, v); }
static inline int cgmp_limb_bits(void) { return GMP_NUMB_BITS; }
#endif
