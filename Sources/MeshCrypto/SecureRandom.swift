#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random bytes from the operating system's CSPRNG, through the C library's `arc4random_buf` (glibc ≥ 2.36
/// and macOS: the kernel's `getrandom` / `getentropy`, safe across fork, never failing).
///
/// This used to be OpenSSL's `RAND_bytes`, which seeds its own DRBG from the same kernel source: its first
/// call in a process costs about 8 million instructions (provider and DRBG set-up), 30% of a whole
/// `meshkey split`, for no gain in quality (Docs/performance.md).
public enum SecureRandom {
    /// `count` random bytes in a secure buffer.
    public static func bytes(_ count: Int) -> SecureBytes {
        SecureBytes(count: count) { buffer in
            fill(buffer)
        }
    }

    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        arc4random_buf(base, buffer.count)
    }
}
