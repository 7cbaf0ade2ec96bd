internal import COpenSSL

/// scrypt (RFC 7914) through OpenSSL's `EVP_KDF` "SCRYPT".
///
/// Memory use is about 128 · N · r bytes (plus 128 · r · p); OpenSSL refuses anything above its
/// `maxmem_bytes` limit (32 MiB by default), so the limit is raised here to what the parameters need.
public enum Scrypt {
    /// Why a derivation was refused. Codes: `invalid_parameters`, `openssl_failed`. Errors compare by code
    /// only.
    public enum ParameterError: CodedError, Hashable {
        case invalid(String)
        case openSSL(OpenSSLError)

        public var description: String {
            switch self {
            case .invalid(let reason): "invalid scrypt parameters: \(reason)"
            case .openSSL(let error): error.description
            }
        }

        public var errorCode: String {
            switch self {
            case .invalid: "invalid_parameters"
            case .openSSL(let error): error.errorCode
            }
        }

        public var reason: String { description }

    }

    /// The memory scrypt needs for N = 2^`log2N`, r and p, in bytes.
    public static func memoryNeeded(log2N: Int, r: Int, p: Int) -> UInt64 {
        128 * UInt64(r) * ((UInt64(1) << UInt64(log2N)) + UInt64(p) + 2)
    }

    /// Derives `outputCount` bytes from `password` and `salt` with N = 2^`log2N`.
    /// `log2N` must be 1…24, r ≥ 1, p ≥ 1 and r · p < 2^30.
    public static func deriveKey(
        password: SecureBytes,
        salt: [UInt8],
        log2N: Int,
        r: Int,
        p: Int,
        outputCount: Int
    ) throws(ParameterError) -> SecureBytes {
        guard (1...24).contains(log2N) else { throw .invalid("log2 N must be 1…24, not \(log2N)") }
        guard r >= 1, p >= 1, r <= 1 << 20, p <= 1 << 20, r * p < 1 << 30 else {
            throw .invalid("r = \(r), p = \(p)")
        }
        guard outputCount > 0 else { throw .invalid("output length \(outputCount)") }
        guard let kdf = EVP_KDF_fetch(nil, COPENSSL_SCRYPT, nil) else { throw .openSSL(.drain("EVP_KDF_fetch")) }
        defer { EVP_KDF_free(kdf) }
        guard let context = EVP_KDF_CTX_new(kdf) else { throw .openSSL(.drain("EVP_KDF_CTX_new")) }
        defer { EVP_KDF_CTX_free(context) }
        var n = UInt64(1) << UInt64(log2N)
        var rValue = UInt32(r)
        var pValue = UInt32(p)
        // Headroom over the exact need, so OpenSSL's own accounting never trips.
        var maxMemory = memoryNeeded(log2N: log2N, r: r, p: p) * 2 + (1 << 20)
        var saltCopy = salt
        var failed = false
        let output = SecureBytes(count: outputCount) { out in
            password.withUnsafeBytes { passwordBytes in
                saltCopy.withUnsafeMutableBytes { saltBytes in
                    withUnsafeMutablePointer(to: &n) { nPointer in
                        withUnsafeMutablePointer(to: &rValue) { rPointer in
                            withUnsafeMutablePointer(to: &pValue) { pPointer in
                                withUnsafeMutablePointer(to: &maxMemory) { memoryPointer in
                                    // An empty password still needs a valid (non-null) pointer.
                                    var empty: UInt8 = 0
                                    let passwordPointer =
                                        passwordBytes.baseAddress.map { UnsafeMutableRawPointer(mutating: $0) }
                                        ?? withUnsafeMutablePointer(to: &empty) { UnsafeMutableRawPointer($0) }
                                    var params: [OSSL_PARAM] = [
                                        OSSL_PARAM_construct_octet_string(
                                            COPENSSL_KDF_PARAM_PASSWORD,
                                            passwordPointer,
                                            passwordBytes.count
                                        ),
                                        OSSL_PARAM_construct_octet_string(
                                            COPENSSL_KDF_PARAM_SALT,
                                            saltBytes.baseAddress,
                                            saltBytes.count
                                        ),
                                        OSSL_PARAM_construct_uint64(COPENSSL_KDF_PARAM_SCRYPT_N, nPointer),
                                        OSSL_PARAM_construct_uint32(COPENSSL_KDF_PARAM_SCRYPT_R, rPointer),
                                        OSSL_PARAM_construct_uint32(COPENSSL_KDF_PARAM_SCRYPT_P, pPointer),
                                        OSSL_PARAM_construct_uint64(COPENSSL_KDF_PARAM_SCRYPT_MAXMEM, memoryPointer),
                                        OSSL_PARAM_construct_end(),
                                    ]
                                    failed =
                                        EVP_KDF_derive(
                                            context,
                                            out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                            out.count,
                                            &params
                                        ) != 1
                                }
                            }
                        }
                    }
                }
            }
        }
        if failed { throw .openSSL(.drain("EVP_KDF_derive (scrypt)")) }
        return output
    }
}
