internal import COpenSSL

/// Why an AEAD operation was refused. Codes: `invalid_key_length`, `invalid_nonce_length`,
/// `invalid_tag_length`, `authentication_failure`, `openssl_failed`. Errors compare by code only.
public enum AEADError: CodedError, Hashable {
    /// The key is not 32 bytes (AES-256).
    case invalidKeyLength(Int)
    /// The nonce is not 12 bytes.
    case invalidNonceLength(Int)
    /// The tag is not 16 bytes (truncated tags are not accepted).
    case invalidTagLength(Int)
    /// The tag did not verify: the ciphertext, tag, nonce, associated data or key is wrong.
    /// Nothing decrypted is released.
    case authenticationFailure
    /// OpenSSL failed for another reason.
    case openSSL(OpenSSLError)

    public var description: String {
        switch self {
        case .invalidKeyLength(let count): "AES-256-GCM key must be 32 bytes, not \(count)"
        case .invalidNonceLength(let count): "AES-GCM nonce must be 12 bytes, not \(count)"
        case .invalidTagLength(let count): "AES-GCM tag must be 16 bytes, not \(count)"
        case .authenticationFailure: "AES-GCM authentication failed"
        case .openSSL(let error): error.description
        }
    }

    public var errorCode: String {
        switch self {
        case .invalidKeyLength: "invalid_key_length"
        case .invalidNonceLength: "invalid_nonce_length"
        case .invalidTagLength: "invalid_tag_length"
        case .authenticationFailure: "authentication_failure"
        case .openSSL(let error): error.errorCode
        }
    }

    public var reason: String { description }

}

/// AES-256-GCM (NIST SP 800-38D) with 96-bit nonces and 128-bit tags, through OpenSSL's EVP cipher API.
///
/// Nonces must never repeat under one key; callers choose them (random 12-byte nonces are fine for up to
/// 2^32 messages per key).
public enum AESGCM {
    public static let keyByteCount = 32
    public static let nonceByteCount = 12
    public static let tagByteCount = 16

    /// Encrypts and authenticates `plaintext`, and authenticates `aad` as well.
    public static func seal(
        _ plaintext: SecureBytes,
        key: SecureBytes,
        nonce: [UInt8],
        authenticating aad: [UInt8] = []
    ) throws(AEADError) -> (ciphertext: [UInt8], tag: [UInt8]) {
        try validate(key: key, nonce: nonce)
        guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL(.drain("EVP_CIPHER_CTX_new")) }
        defer { EVP_CIPHER_CTX_free(context) }  // frees (and cleanses) the expanded key schedule
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        let failedCall: String? = key.withUnsafeBytes { keyBytes in
            plaintext.withUnsafeBytes { input in
                ciphertext.withUnsafeMutableBytes { output in
                    tag.withUnsafeMutableBytes { tagBytes in
                        guard EVP_EncryptInit_ex2(context, Cipher.aes256GCM, keyBytes.baseAddress, nonce, nil) == 1
                        else { return "EVP_EncryptInit_ex2" }
                        guard authenticate(aad, context: context, encrypting: true)
                        else { return "EVP_EncryptUpdate (AAD)" }
                        guard let written = transform(input, into: output, context: context, encrypting: true),
                            written == input.count
                        else { return "EVP_EncryptUpdate" }
                        var finalCount: Int32 = 0
                        guard finalize(context, &finalCount, encrypting: true), finalCount == 0
                        else { return "EVP_EncryptFinal_ex" }
                        guard
                            EVP_CIPHER_CTX_ctrl(
                                context,
                                EVP_CTRL_GCM_GET_TAG,
                                Int32(tagBytes.count),
                                tagBytes.baseAddress
                            ) == 1
                        else { return "EVP_CTRL_GCM_GET_TAG" }
                        return nil
                    }
                }
            }
        }
        if let failedCall { throw .openSSL(.drain(failedCall)) }
        return (ciphertext, tag)
    }

    /// Verifies the tag and decrypts. Throws `AEADError.authenticationFailure` (and releases nothing) if
    /// the ciphertext, tag, nonce, associated data or key was altered.
    public static func open(
        ciphertext: [UInt8],
        tag: [UInt8],
        key: SecureBytes,
        nonce: [UInt8],
        authenticating aad: [UInt8] = []
    ) throws(AEADError) -> SecureBytes {
        try validate(key: key, nonce: nonce)
        guard tag.count == tagByteCount else { throw .invalidTagLength(tag.count) }
        guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL(.drain("EVP_CIPHER_CTX_new")) }
        defer { EVP_CIPHER_CTX_free(context) }
        var tagCopy = tag
        var failedCall: String?
        var authentic = false
        // Decrypt into secure memory; if the tag does not verify, the buffer is dropped (and wiped) unseen.
        let plaintext = SecureBytes(count: ciphertext.count) { output in
            key.withUnsafeBytes { keyBytes in
                ciphertext.withUnsafeBytes { input in
                    tagCopy.withUnsafeMutableBytes { tagBytes in
                        guard EVP_DecryptInit_ex2(context, Cipher.aes256GCM, keyBytes.baseAddress, nonce, nil) == 1
                        else {
                            failedCall = "EVP_DecryptInit_ex2"
                            return
                        }
                        guard authenticate(aad, context: context, encrypting: false)
                        else {
                            failedCall = "EVP_DecryptUpdate (AAD)"
                            return
                        }
                        guard let written = transform(input, into: output, context: context, encrypting: false),
                            written == input.count
                        else {
                            failedCall = "EVP_DecryptUpdate"
                            return
                        }
                        guard
                            EVP_CIPHER_CTX_ctrl(
                                context,
                                EVP_CTRL_GCM_SET_TAG,
                                Int32(tagBytes.count),
                                tagBytes.baseAddress
                            ) == 1
                        else {
                            failedCall = "EVP_CTRL_GCM_SET_TAG"
                            return
                        }
                        var finalCount: Int32 = 0
                        authentic = finalize(context, &finalCount, encrypting: false) && finalCount == 0
                    }
                }
            }
        }
        if let failedCall { throw .openSSL(.drain(failedCall)) }
        guard authentic else {
            ERR_clear_error()
            throw .authenticationFailure
        }
        return plaintext
    }

    private static func validate(key: SecureBytes, nonce: [UInt8]) throws(AEADError) {
        guard key.count == keyByteCount else { throw .invalidKeyLength(key.count) }
        guard nonce.count == nonceByteCount else { throw .invalidNonceLength(nonce.count) }
    }

    /// The final call. GCM writes no bytes there, but OpenSSL gets a real buffer anyway (the ciphertext
    /// buffer has no address when it is empty).
    private static func finalize(_ context: OpaquePointer, _ count: inout Int32, encrypting: Bool) -> Bool {
        var spare: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &spare) { buffer in
            let target = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            return
                (encrypting
                ? EVP_EncryptFinal_ex(context, target, &count)
                : EVP_DecryptFinal_ex(context, target, &count)) == 1
        }
    }

    /// Feeds the associated data (no output).
    private static func authenticate(_ aad: [UInt8], context: OpaquePointer, encrypting: Bool) -> Bool {
        var offset = 0
        return aad.withUnsafeBytes { bytes in
            while offset < bytes.count {
                let chunk = Int32(Swift.min(bytes.count - offset, Int(Int32.max / 2)))
                var ignored: Int32 = 0
                let input = (bytes.baseAddress! + offset).assumingMemoryBound(to: UInt8.self)
                let result =
                    encrypting
                    ? EVP_EncryptUpdate(context, nil, &ignored, input, chunk)
                    : EVP_DecryptUpdate(context, nil, &ignored, input, chunk)
                guard result == 1 else { return false }
                offset += Int(chunk)
            }
            return true
        }
    }

    /// Encrypts or decrypts `input` into `output` (same length) in chunks OpenSSL's `int` lengths can hold.
    /// Returns the number of bytes written, or nil on failure.
    private static func transform(
        _ input: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer,
        context: OpaquePointer,
        encrypting: Bool
    ) -> Int? {
        var offset = 0
        var written = 0
        while offset < input.count {
            let chunk = Int32(Swift.min(input.count - offset, Int(Int32.max / 2)))
            var count: Int32 = 0
            let source = (input.baseAddress! + offset).assumingMemoryBound(to: UInt8.self)
            let target = (output.baseAddress! + written).assumingMemoryBound(to: UInt8.self)
            let result =
                encrypting
                ? EVP_EncryptUpdate(context, target, &count, source, chunk)
                : EVP_DecryptUpdate(context, target, &count, source, chunk)
            guard result == 1, count >= 0 else { return nil }
            offset += Int(chunk)
            written += Int(count)
        }
        return written
    }
}

/// OpenSSL cipher implementations, fetched once per process.
enum Cipher {
    nonisolated(unsafe) static let aes256GCM: OpaquePointer = fetch(COPENSSL_AES_256_GCM)
    nonisolated(unsafe) static let aes256ECB: OpaquePointer = fetch(COPENSSL_AES_256_ECB)

    private static func fetch(_ name: UnsafePointer<CChar>) -> OpaquePointer {
        guard let cipher = EVP_CIPHER_fetch(nil, name, nil) else {
            preconditionFailure("OpenSSL has no \(String(cString: name)): \(OpenSSLError.drain("EVP_CIPHER_fetch"))")
        }
        return cipher
    }
}
