import ArgumentParser
import MeshMath

/// `--alg` values, validated by the argument parser (a wrong one is a usage error, exit code 64).
enum AlgorithmOption: String, ExpressibleByArgument, CaseIterable {
    case ed25519 = "Ed25519"
    case ed448 = "Ed448"
    case x25519 = "X25519"
    case x448 = "X448"

    var curve: CurveID { CurveID(rawValue: rawValue)! }
}
