internal import COpenSSL

/// Why a key wrap or unwrap was refused. Codes: `invalid_kek_length`, `invalid_key_data_length`,
/// `invalid_wrapped_length`, `integrity_check_failure`, `openssl_failed`. Errors compare by code only.
public enum KeyWrapError: CodedError, Hashable {
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

    public var errorCode: String {
        switch self {
        case .invalidKEKLength: "invalid_kek_length"
        case .invalidKeyDataLength: "invalid_key_data_length"
        case .invalidWrappedLength: "invalid_wrapped_length"
        case .integrityCheckFailure: "integrity_check_failure"
        case .openSSL(let error): error.errorCode
        }
    }

    public var reason: String { description }

}

/// AES-256 key wrap (RFC 3394, NIST SP 800-38F "KW") with the default initial value A6A6A6A6A6A6A6A6.
///
/// The RFC 3394 rounds run here, over single AES-256 blocks from OpenSSL's ECB mode, which uses AES-NI
/// (or its constant-time vector code) where the CPU has it. OpenSSL 3.0's own "AES-256-WRAP" cipher uses
/// its table-based `AES_encrypt`, whose memory indices depend on the key (valgrind's memcheck reports
/// them, `make ct`). The working state stays in secure memory; the integrity check compares in constant
/// time and reveals only its outcome.
public enum AESKeyWrap {
    public static let kekByteCount = 32
    /// RFC 3394's default initial value.
    static let initialValue = [UInt8](repeating: 0xA6, count: 8)

    /// Wraps `keyData` (16 or more bytes, a multiple of 8) under `kek`. The result is 8 bytes longer.
    public static func wrap(_ keyData: SecureBytes, kek: SecureBytes) throws(KeyWrapError) -> [UInt8] {
        guard kek.count == kekByteCount else { throw .invalidKEKLength(kek.count) }
        guard keyData.count >= 16, keyData.count % 8 == 0, keyData.count < Int(Int32.max) - 8 else {
            throw .invalidKeyDataLength(keyData.count)
        }
        let n = keyData.count / 8
        var state = Workspace(blocks: n)
        state.load(a: initialValue, r: keyData)
        try state.run(kek: kek, encrypting: true)
        return state.output
    }

    /// Unwraps `wrapped` under `kek`, checking RFC 3394's integrity value. Throws
    /// `KeyWrapError.integrityCheckFailure` for a wrong KEK or an altered blob.
    public static func unwrap(_ wrapped: [UInt8], kek: SecureBytes) throws(KeyWrapError) -> SecureBytes {
        guard kek.count == kekByteCount else { throw .invalidKEKLength(kek.count) }
        guard wrapped.count >= 24, wrapped.count % 8 == 0, wrapped.count < Int(Int32.max) else {
            throw .invalidWrappedLength(wrapped.count)
        }
        let n = wrapped.count / 8 - 1
        var state = Workspace(blocks: n)
        state.load(a: Array(wrapped[0..<8]), r: SecureBytes(wrapped[8...]))
        try state.run(kek: kek, encrypting: false)
        // Nothing unwrapped is released unless A is the initial value again.
        guard state.hasInitialValue else { throw .integrityCheckFailure }
        return state.keyData
    }

    /// RFC 3394's state A ‖ R[1] … R[n] and one block of AES input and output, in secure memory.
    struct Workspace {
        let n: Int
        /// A (8 bytes), R[1] … R[n] (8 bytes each), the AES input block (16), the AES output block (16).
        var bytes: SecureBytes

        init(blocks n: Int) {
            self.n = n
            bytes = SecureBytes(zeros: 8 * (n + 1) + 32)
        }

        mutating func load(a: [UInt8], r: SecureBytes) {
            bytes.withUnsafeMutableBytes { state in
                a.withUnsafeBytes { state.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 8) }
                r.withUnsafeBytes { (state.baseAddress! + 8).copyMemory(from: $0.baseAddress!, byteCount: 8 * n) }
            }
        }

        /// The six rounds of wrapping (§2.2.1, index-based) or unwrapping (§2.2.2), t = n·j + i.
        mutating func run(kek: SecureBytes, encrypting: Bool) throws(KeyWrapError) {
            guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL(.drain("EVP_CIPHER_CTX_new")) }
            defer { EVP_CIPHER_CTX_free(context) }  // frees (and cleanses) the expanded key schedule
            let n = self.n
            let failedCall: String? = kek.withUnsafeBytes { kekBytes in
                bytes.withUnsafeMutableBytes { state in
                    let base = state.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    let input = base + 8 * (n + 1)
                    let output = input + 16
                    let initialised =
                        encrypting
                        ? EVP_EncryptInit_ex2(context, Cipher.aes256ECB, kekBytes.baseAddress, nil, nil)
                        : EVP_DecryptInit_ex2(context, Cipher.aes256ECB, kekBytes.baseAddress, nil, nil)
                    guard initialised == 1 else { return encrypting ? "EVP_EncryptInit_ex2" : "EVP_DecryptInit_ex2" }
                    guard EVP_CIPHER_CTX_set_padding(context, 0) == 1 else { return "EVP_CIPHER_CTX_set_padding" }
                    for step in 0..<(6 * n) {
                        let j = encrypting ? step / n : 5 - step / n
                        let i = encrypting ? step % n + 1 : n - step % n
                        let t = UInt64(n * j + i)
                        let r = base + 8 * i
                        input.update(from: base, count: 8)
                        if !encrypting { xor(t, into: input) }
                        (input + 8).update(from: r, count: 8)
                        var count: Int32 = 0
                        let result =
                            encrypting
                            ? EVP_EncryptUpdate(context, output, &count, input, 16)
                            : EVP_DecryptUpdate(context, output, &count, input, 16)
                        guard result == 1, count == 16 else {
                            return encrypting ? "EVP_EncryptUpdate" : "EVP_DecryptUpdate"
                        }
                        base.update(from: output, count: 8)
                        if encrypting { xor(t, into: base) }
                        r.update(from: output + 8, count: 8)
                    }
                    return nil
                }
            }
            if let failedCall { throw .openSSL(.drain(failedCall)) }
        }

        /// A ‖ R[1] … R[n]: the wrapped key (public).
        var output: [UInt8] { bytes.withUnsafeBytes { Array($0[0..<(8 * (n + 1))]) } }

        /// R[1] … R[n]: the unwrapped key data.
        var keyData: SecureBytes { bytes.slice(8..<(8 * (n + 1))) }

        /// Whether A equals the initial value (constant-time comparison; only the outcome is revealed).
        var hasInitialValue: Bool {
            bytes.withUnsafeBytes { state in
                initialValue.withUnsafeBytes { ConstantTime.equal(UnsafeRawBufferPointer(rebasing: state[0..<8]), $0) }
            }
        }
    }

    /// block[0..<8] ^= t, big-endian (t is public: a step counter).
    private static func xor(_ t: UInt64, into block: UnsafeMutablePointer<UInt8>) {
        for index in 0..<8 { block[index] ^= UInt8(truncatingIfNeeded: t >> UInt64(56 - 8 * index)) }
    }
}
