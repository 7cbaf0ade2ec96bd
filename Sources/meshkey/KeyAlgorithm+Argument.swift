public import ArgumentParser
import MeshCrypto

/// `--alg` values (Ed25519, Ed448, X25519, X448), validated by the argument parser: a wrong one is a usage
/// error (exit code 64).
extension KeyAlgorithm: ExpressibleByArgument {}
