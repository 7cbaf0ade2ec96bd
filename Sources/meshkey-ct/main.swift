// meshkey-ct: constant-time check under valgrind memcheck (the ctgrind method). Secret scalars and
// prefixes are copied from uninitialised heap memory, so memcheck reports every branch and every memory
// index that depends on them ("Conditional jump or move depends on uninitialised value(s)", "Use of
// uninitialised value of size 8"). Run with `make ct`; it must report 0 errors.
//
// `meshkey-ct control` branches on a secret on purpose: memcheck must report it, which shows the method
// works on this machine.
import MeshMath
import MeshCrypto
#if canImport(Glibc)
import Glibc
#endif

let which = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "all"
func undefinedSecret(_ count: Int) -> SecureBytes {
    let raw = malloc(count)!  // deliberately not initialised
    defer { free(raw) }
    return SecureBytes(UnsafeRawBufferPointer(start: raw, count: count))
}
// Warm up the lazily built constants with defined data first.
_ = Montgomery.multiplyBase(by: SecureBytes(zeros: 32), curve: .x25519)
_ = Montgomery.multiplyBase(by: SecureBytes(zeros: 56), curve: .x448)
_ = Edwards.multiplyBase(by: SecureBytes(zeros: 32), curve: .ed25519)
_ = Edwards.multiplyBase(by: SecureBytes(zeros: 57), curve: .ed448)
print("--- secret operations start")
if which == "all" || which == "x" {
    _ = Montgomery.multiplyBase(by: undefinedSecret(32), curve: .x25519)
    _ = Montgomery.multiplyBase(by: undefinedSecret(57), curve: .x448)
    _ = Montgomery.function(.x448, scalar: undefinedSecret(56).unprotectedBytes, u: [5] + [UInt8](repeating: 0, count: 55))
}
if which == "all" || which == "ed" {
    _ = Edwards.multiplyBase(by: undefinedSecret(32), curve: .ed25519)
    _ = Edwards.multiplyBase(by: undefinedSecret(57), curve: .ed448)
}
if which == "all" || which == "sign" {
    // Signing from an undefined secret: SHA-512 / SHAKE256 expansion, pruning, the public key A = s·B, the
    // nonce point R = r·B and S = r + k·s mod L (the same core as raw-scalar signing, whose extra check
    // compares the caller's public key with s·B — a comparison of public values). The signature is
    // derived from secrets, so it is discarded rather than compared.
    _ = EdDSA.sign(message: [1, 2, 3], secret: undefinedSecret(32), curve: .ed25519)
    _ = EdDSA.sign(message: [1, 2, 3], secret: undefinedSecret(56), curve: .ed448)
    _ = EdDSA.sign(message: [1, 2, 3], secret: undefinedSecret(57), curve: .ed448)
}
if which == "all" || which == "scalar" {
    // Arithmetic mod L on undefined scalars (CurveScalar): reduction of a 64 / 114-byte value, +, −, ·,
    // negation, and reading a canonical value (its range check reveals only its outcome, which is
    // defined here because the top bytes are zero). The results stay undefined and are discarded.
    for (curve, wide) in [(CurveID.ed25519, 64), (.ed448, 114)] {
        let a = CurveScalar(reducing: undefinedSecret(wide), curve: curve)
        let b = CurveScalar(reducing: undefinedSecret(wide), curve: curve)
        let lambda = CurveScalar(public: GMPInteger(3), curve: curve)
        _ = (a + b) * lambda - (-a) * b
    }
}
if which == "control" {
    // A deliberate secret-dependent branch: must be reported.
    if undefinedSecret(1)[0] > 127 { print("high") } else { print("low") }
}
print("--- secret operations end")
