import MeshCrypto

/// The curve arithmetic's view of an algorithm: its family's constants and its Edwards/Montgomery twin.
extension KeyAlgorithm {
    /// Whether this is one of the 448-bit curves.
    var is448: Bool { self == .ed448 || self == .x448 }
    /// Field and curve constants shared by the Edwards and Montgomery forms.
    var parameters: CurveParameters { is448 ? .curve448 : .curve25519 }
    /// The Edwards curve of the same family.
    var edwards: KeyAlgorithm { is448 ? .ed448 : .ed25519 }
    /// The Montgomery curve of the same family.
    var montgomery: KeyAlgorithm { is448 ? .x448 : .x25519 }
}
