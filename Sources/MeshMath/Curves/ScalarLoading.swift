import MeshCrypto

/// Secret scalars as fixed-size limb arrays.
enum ScalarLoading {
    /// Loads a little-endian secret scalar into `limbCount` wiped limbs, indexing by byte position only.
    static func load(_ scalar: SecureBytes, limbCount: Int) -> SecretLimbs {
        precondition(scalar.count <= 8 * limbCount, "scalar too long")
        let limbs = SecretLimbs(count: limbCount)
        scalar.withUnsafeBytes { bytes in
            for index in 0..<bytes.count {
                limbs.base[index / 8] |= UInt(bytes[index]) << UInt((index % 8) * 8)
            }
        }
        return limbs
    }

    /// Bits a ladder walks for a scalar of `byteCount` bytes: at least `minimum`, and every bit of the
    /// buffer. Depends only on the (public) length.
    static func bits(byteCount: Int, minimum: Int) -> Int { Swift.max(minimum, 8 * byteCount) }
}
