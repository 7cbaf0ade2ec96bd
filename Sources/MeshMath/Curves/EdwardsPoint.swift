public import MeshCrypto

/// A point of edwards25519 or edwards448 in affine coordinates (x, y), both fully reduced mod p.
public struct EdwardsPoint: Sendable, Equatable {
    /// `.ed25519` or `.ed448`.
    public let curve: KeyAlgorithm
    let storage: PointStorage

    init(curve: KeyAlgorithm, storage: PointStorage) {
        precondition(curve.isEdwards, "not an Edwards curve")
        self.curve = curve
        self.storage = storage
    }

    /// Constant-time comparison of the coordinates.
    public static func == (a: EdwardsPoint, b: EdwardsPoint) -> Bool {
        a.curve == b.curve && a.storage.sameValue(as: b.storage)
    }

    /// Whether this is the neutral element (0, 1).
    public var isIdentity: Bool {
        let n = storage.n
        var bits: UInt = storage.second[0] ^ 1
        for index in 0..<n { bits |= storage.first[index] }
        for index in 1..<n { bits |= storage.second[index] }
        return SecretVerdict.reveal(bits == 0)
    }

    var x: GMPInteger { storage.integer(0) }
    var y: GMPInteger { storage.integer(1) }
}
