import MeshCrypto

/// A fixed-size array of GMP limbs for secret values, wiped and freed when released.
///
/// The fixed-limb (`mpn`) functions never resize their operands, so a value never leaves this buffer.
final class SecretLimbs {
    let base: UnsafeMutablePointer<UInt>
    let count: Int

    init(count: Int) {
        self.count = Swift.max(count, 1)
        base = .allocate(capacity: self.count)
        base.initialize(repeating: 0, count: self.count)
    }

    /// Limbs `offset ..< offset + length`, as a pointer into this buffer.
    @inline(__always)
    func slot(_ offset: Int) -> UnsafeMutablePointer<UInt> { base + offset }

    deinit {
        SecureMemory.wipe(base, count: count * MemoryLayout<UInt>.stride)
        base.deallocate()
    }
}
