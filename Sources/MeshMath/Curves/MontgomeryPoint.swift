public import MeshCrypto

/// A point of curve25519 (v² = u³ + 486662u² + u) or curve448 (v² = u³ + 156326u² + u) in affine
/// coordinates (u, v), both fully reduced mod p.
///
/// The point at infinity has no affine coordinates; where a scalar multiplication lands on it the result is
/// reported as (0, 0) (RFC 7748's X25519/X448 output 0 for it too). ``Montgomery/add(_:_:)`` returns nil
/// instead.
public struct MontgomeryPoint: Sendable, Equatable {
    /// `.x25519` or `.x448`.
    public let curve: KeyAlgorithm
    let storage: PointStorage

    init(curve: KeyAlgorithm, storage: PointStorage) {
        precondition(!curve.isEdwards, "not a Montgomery curve")
        self.curve = curve
        self.storage = storage
    }

    /// Constant-time comparison of the coordinates.
    public static func == (a: MontgomeryPoint, b: MontgomeryPoint) -> Bool {
        a.curve == b.curve && a.storage.sameValue(as: b.storage)
    }

    var u: GMPInteger { storage.integer(0) }
    var v: GMPInteger { storage.integer(1) }
}
