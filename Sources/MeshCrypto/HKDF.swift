internal import COpenSSL

/// HKDF (RFC 5869) through OpenSSL's `EVP_KDF`.
public enum HKDF {
    /// Extract-and-expand. An absent or empty salt means HashLen zero bytes, as RFC 5869 says.
    public static func deriveKey(
        _ algorithm: DigestAlgorithm,
        inputKeyMaterial: SecureBytes,
        salt: [UInt8] = [],
        info: [UInt8],
        outputCount: Int
    ) throws(OpenSSLError) -> SecureBytes {
        try derive(algorithm, mode: nil, key: inputKeyMaterial, salt: salt, info: info, outputCount: outputCount)
    }

    /// HKDF-Expand alone, from a pseudorandom key.
    public static func expand(
        _ algorithm: DigestAlgorithm,
        pseudorandomKey: SecureBytes,
        info: [UInt8],
        outputCount: Int
    ) throws(OpenSSLError) -> SecureBytes {
        try derive(
            algorithm,
            mode: EVP_KDF_HKDF_MODE_EXPAND_ONLY,
            key: pseudorandomKey,
            salt: [],
            info: info,
            outputCount: outputCount
        )
    }

    private static func derive(
        _ algorithm: DigestAlgorithm,
        mode: Int32?,
        key: SecureBytes,
        salt: [UInt8],
        info: [UInt8],
        outputCount: Int
    ) throws(OpenSSLError) -> SecureBytes {
        guard let kdf = EVP_KDF_fetch(nil, COPENSSL_HKDF, nil) else { throw OpenSSLError.drain("EVP_KDF_fetch") }
        defer { EVP_KDF_free(kdf) }
        guard let context = EVP_KDF_CTX_new(kdf) else { throw OpenSSLError.drain("EVP_KDF_CTX_new") }
        defer { EVP_KDF_CTX_free(context) }
        let digestName: UnsafePointer<CChar> =
            switch algorithm {
            case .sha256: COPENSSL_SHA256
            case .sha512: COPENSSL_SHA512
            case .sha3_512: COPENSSL_SHA3_512
            }
        var modeValue: Int32 = mode ?? EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND
        var saltCopy = salt
        var infoCopy = info
        var failed = false
        let output = SecureBytes(count: outputCount) { out in
            withUnsafeMutablePointer(to: &modeValue) { modePointer in
                key.withUnsafeBytes { keyBytes in
                    saltCopy.withUnsafeMutableBytes { saltBytes in
                        infoCopy.withUnsafeMutableBytes { infoBytes in
                            var params: [OSSL_PARAM] = [
                                OSSL_PARAM_construct_utf8_string(
                                    COPENSSL_KDF_PARAM_DIGEST,
                                    UnsafeMutablePointer(mutating: digestName),
                                    0
                                ),
                                OSSL_PARAM_construct_int(COPENSSL_KDF_PARAM_MODE, modePointer),
                                OSSL_PARAM_construct_octet_string(
                                    COPENSSL_KDF_PARAM_KEY,
                                    UnsafeMutableRawPointer(mutating: keyBytes.baseAddress),
                                    keyBytes.count
                                ),
                                OSSL_PARAM_construct_octet_string(
                                    COPENSSL_KDF_PARAM_INFO,
                                    infoBytes.baseAddress,
                                    infoBytes.count
                                ),
                            ]
                            if !saltBytes.isEmpty {
                                params.append(
                                    OSSL_PARAM_construct_octet_string(
                                        COPENSSL_KDF_PARAM_SALT,
                                        saltBytes.baseAddress,
                                        saltBytes.count
                                    )
                                )
                            }
                            params.append(OSSL_PARAM_construct_end())
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
        if failed { throw OpenSSLError.drain("EVP_KDF_derive") }
        return output
    }
}
