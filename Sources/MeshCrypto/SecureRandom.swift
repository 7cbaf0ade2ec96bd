internal import COpenSSL

/// Random bytes from OpenSSL's CSPRNG (`RAND_bytes`).
public enum SecureRandom {
    /// `count` random bytes in a secure buffer. Traps if the generator fails: continuing without
    /// randomness would produce predictable secrets.
    public static func bytes(_ count: Int) -> SecureBytes {
        SecureBytes(count: count) { buffer in
            fill(buffer)
        }
    }

    /// Fills `buffer` with random bytes.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let result = RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count))
        precondition(result == 1, "OpenSSL RAND_bytes failed: \(OpenSSLError.drain("RAND_bytes"))")
    }
}
