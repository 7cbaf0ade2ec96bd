internal import COpenSSL

/// Wiping of memory that held secrets, for modules that manage their own buffers.
public enum SecureMemory {
    /// Overwrites `count` bytes at `pointer` with zeros in a way the compiler does not remove
    /// (`OPENSSL_cleanse`).
    public static func wipe(_ pointer: UnsafeMutableRawPointer, count: Int) {
        copenssl_cleanse(pointer, count)
    }
}
