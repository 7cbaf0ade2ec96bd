// meshkey-ct: the constant-time check under valgrind memcheck (the ctgrind method), run by `make ct`.
//
// Each check takes secret inputs (random bytes that valgrind's client request VALGRIND_MAKE_MEM_UNDEFINED
// marks undefined, see Memcheck.swift), so memcheck reports every conditional branch and every memory
// index that depends on a secret. The verdicts the library acts on openly (SecretVerdict) are marked
// defined where they are revealed. `make ct` requires 0 errors for `all`.
//
// `meshkey-ct control` branches on a secret and indexes memory with a secret on purpose: memcheck must
// report both, which shows that the marking works on this machine.
import MeshCrypto

#if canImport(Glibc)
import Glibc
#endif

let checks: [(name: String, run: () -> Void)] = [
    ("x", CurveChecks.montgomeryLadders),
    ("ed", CurveChecks.edwardsLadders),
    ("sign", CurveChecks.signing),
    ("scalar", CurveChecks.scalarArithmetic),
    ("field", CurveChecks.fieldArithmetic),
    ("group", CurveChecks.groupElements),
    ("shamir", ShamirChecks.run),
    ("upkeep", UpkeepChecks.run),
    ("base32", EncodingChecks.run),
    ("encoding", EncodingChecks.textEncodings),
    ("aead", OpenSSLChecks.aead),
    ("hkdf", OpenSSLChecks.keyDerivation),
]
let names = checks.map(\.name)
let which = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "all"
guard which == "all" || which == "control" || names.contains(which) else {
    print("usage: meshkey-ct [all | control | \(names.joined(separator: " | "))]")
    exit(2)
}
guard Memcheck.requestsAvailable else {
    print("meshkey-ct: built without valgrind's headers (valgrind/memcheck.h); install valgrind and rebuild")
    exit(2)
}
if !Memcheck.isRunning { print("meshkey-ct: not running under valgrind; nothing is checked") }

// Warm up the lazily built constants with public data first, then make verdicts public where revealed.
CurveChecks.warmUp()
ShamirChecks.warmUp()
UpkeepChecks.warmUp()
OpenSSLChecks.warmUp()
Memcheck.revealVerdicts()

print("--- secret operations start")
if which == "control" {
    // A deliberate secret-dependent branch and a deliberate secret memory index: memcheck must report both.
    let secret = Memcheck.secret(2)
    var counter = 0
    if secret[0] > 127 { counter += 1 } else { counter -= 3 }
    let table = [Int](0..<256)
    counter += table[Int(secret[1])]
    Memcheck.markPublic(&counter)
    print("control done (\(counter == 1_000 ? "!" : "."))")
}
for check in checks where which == "all" || which == check.name {
    print("check \(check.name)")
    check.run()
}
print("--- secret operations end")
