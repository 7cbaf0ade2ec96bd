import MeshCrypto

/// Two affine coordinates of n limbs each, kept in a wiped ``SecretLimbs`` buffer (points may be shared
/// secrets, e.g. Diffie-Hellman results). Immutable once built, hence safe to share between threads.
final class PointStorage: @unchecked Sendable {
    let limbs: SecretLimbs
    let n: Int

    init(n: Int, _ first: UnsafePointer<UInt>, _ second: UnsafePointer<UInt>) {
        self.n = n
        limbs = SecretLimbs(count: 2 * n)
        limbs.slot(0).update(from: first, count: n)
        limbs.slot(n).update(from: second, count: n)
    }

    convenience init(_ first: [UInt], _ second: [UInt]) {
        self.init(n: first.count, first, second)
    }

    var first: UnsafePointer<UInt> { UnsafePointer(limbs.slot(0)) }
    var second: UnsafePointer<UInt> { UnsafePointer(limbs.slot(n)) }

    /// Constant-time comparison of both coordinates.
    func sameValue(as other: PointStorage) -> Bool {
        guard n == other.n else { return false }
        var bits: UInt = 0
        for index in 0..<(2 * n) { bits |= limbs.base[index] ^ other.limbs.base[index] }
        return SecretVerdict.reveal(bits == 0)
    }

    /// A coordinate as an integer (public use: tests and decoding).
    func integer(_ index: Int) -> GMPInteger {
        GMPInteger.fromLimbs(index == 0 ? first : second, count: n)
    }
}
