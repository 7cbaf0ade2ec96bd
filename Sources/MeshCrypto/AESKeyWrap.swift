internal import COpenSSL

/// Why a key wrap or unwrap was refused.
public enum KeyWrapError: Error, Sendable, CustomStringConvertible {
    /// The key-encryption key is not 32 bytes (AES-256).
    case invalidKEKLength(Int)
    /// The key data to wrap is not a multiple of 8 bytes of at least 16 bytes.
    case invalidKeyDataLength(Int)
    /// The wrapped blob is not a multiple of 8 bytes of at least 24 bytes.
    case invalidWrappedLength(Int)
    /// The integrity check value did not match: wrong KEK or altered blob. Nothing unwrapped is released.
    case integrityCheckFailure
    /// OpenSSL failed for another reason.
    case openSSL(OpenSSLError)

    public var description: String {
        switch self {
        case .invalidKEKLength(let count): "AES-256 key wrap KEK must be 32 bytes, not \(count)"
        case .invalidKeyDataLength(let count):
            "key data to wrap must be 16 or more bytes in 8-byte blocks, not \(count)"
        case .invalidWrappedLength(let count): "wrapped key must be 24 or more bytes in 8-byte blocks, not \(count)"
        case .integrityCheckFailure: "AES key unwrap integrity check failed"
        case .openSSL(let error): error.description
        }
    }
}

/// AES-256 key wrap (RFC 3394, NIST SP 800-38F "KW") with the default initial value A6A6A6A6A6A6A6A6,
/// through OpenSSL's "AES-256-WRAP" cipher.
public enum AESKeyWrap {
    public static let kekByteCount = 32

    /// Wraps `keyData` (16 or more bytes, a multiple of 8) under `kek`. The result is 8 bytes longer.
    public static func wrap(_ keyData: SecureBytes, kek: SecureBytes) throws(KeyWrapError) -> [UInt8] {
        guard kek.count == kekByteCount else { throw .invalidKEKLength(kek.count) }
        guard keyData.count >= 16, keyData.count % 8 == 0, keyData.count < Int(Int32.max) - 8 else { throw .invalidKeyDataLength(keyData.count) }
        guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL(.drain("EVP_CIPHER_CTX_new")) }
        defer { EVP_CIPHER_CTX_free(context) }
        EVP_CIPHER_CTX_set_flags(context, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW)
        var wrapped = [UInt8](repeating: 0, count: keyData.count + 8)
        let failedCall: String? = kek.withUnsafeBytes { kekBytes in
            keyData.withUnsafeBytes { input in
                wrapped.withUnsafeMutableBytes { output in
                    guard EVP_EncryptInit_ex2(context, Cipher.aes256Wrap, kekBytes.baseAddress, nil, nil) == 1
                    else { return "EVP_EncryptInit_ex2" }
                    var count: Int32 = 0
                    guard EVP_EncryptUpdate(context, output.baseAddress, &count, input.baseAddress,
                                            Int32(input.count)) == 1,
                          Int(count) == output.count
                    else { return "EVP_EncryptUpdate" }
                    var finalCount: Int32 = 0
                    var spare: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                    let finalResult = withUnsafeMutableBytes(of: &spare) {
                        EVP_EncryptFinal_ex(context, $0.baseAddress, &finalCount)
                    }
                    guard finalResult == 1, finalCount == 0 else { return "EVP_EncryptFinal_ex" }
                    return nil
                }
            }
        }
        if let failedCall { throw .openSSL(.drain(failedCall)) }
        return wrapped
    }

    /// Unwraps `wrapped` under `kek`, checking RFC 3394's integrity value. Throws
    /// `KeyWrapError.integrityCheckFailure` for a wrong KEK or an altered blob.
    public static func unwrap(_ wrapped: [UInt8], kek: SecureBytes) throws(KeyWrapError) -> SecureBytes {
        guard kek.count == kekByteCount else { throw .invalidKEKLength(kek.count) }
        guard wrapped.count >= 24, wrapped.count % 8 == 0, wrapped.count < Int(Int32.max) else { throw .invalidWrappedLength(wrapped.count) }
        guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL(.drain("EVP_CIPHER_CTX_new")) }
        defer { EVP_CIPHER_CTX_free(context) }
        EVP_CIPHER_CTX_set_flags(context, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW)
        var failedCall: String?
        var intact = false
        let keyData = SecureBytes(count: wrapped.count - 8) { output in
            kek.withUnsafeBytes { kekBytes in
                wrapped.withUnsafeBytes { input in
                    guard EVP_DecryptInit_ex2(context, Cipher.aes256Wrap, kekBytes.baseAddress, nil, nil) == 1
                    else { failedCall = "EVP_DecryptInit_ex2"; return }
                    // OpenSSL unwraps in one update call, which fails when the integrity check does.
                    var count: Int32 = 0
                    guard EVP_DecryptUpdate(context, output.baseAddress, &count, input.baseAddress,
                                            Int32(input.count)) == 1,
                          Int(count) == output.count
                    else { return }
                    var finalCount: Int32 = 0
                    var spare: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                    let finalResult = withUnsafeMutableBytes(of: &spare) {
                        EVP_DecryptFinal_ex(context, $0.baseAddress, &finalCount)
                    }
                    intact = finalResult == 1 && finalCount == 0
                }
            }
        }
        if let failedCall { throw .openSSL(.drain(failedCall)) }
        guard intact else {
            ERR_clear_error()
            throw .integrityCheckFailure
        }
        return keyData
    }
}
