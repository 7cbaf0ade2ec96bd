internal import COpenSSL

/// HMAC (RFC 2104) over the SHA-2 digests.
public enum HMAC {
    /// HMAC of `message` under `key`. The tag is secret whenever the key is, so it is returned in a
    /// secure buffer.
    public static func authenticate(
        _ algorithm: DigestAlgorithm,
        key: UnsafeRawBufferPointer,
        message: UnsafeRawBufferPointer
    ) -> SecureBytes {
        SecureBytes(count: algorithm.byteCount) { output in
            var length: UInt32 = 0
            let result = COpenSSL.HMAC(
                algorithm.md,
                key.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                Int32(key.count),
                message.baseAddress?.assumingMemoryBound(to: UInt8.self),
                message.count,
                output.baseAddress!.assumingMemoryBound(to: UInt8.self),
                &length
            )
            precondition(result != nil && Int(length) == output.count, "HMAC failed")
        }
    }

    public static func authenticate(_ algorithm: DigestAlgorithm, key: SecureBytes, message: [UInt8]) -> SecureBytes {
        key.withUnsafeBytes { k in message.withUnsafeBytes { m in authenticate(algorithm, key: k, message: m) } }
    }
}
