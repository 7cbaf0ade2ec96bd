internal import COpenSSL

/// EdDSA (RFC 8032): pure Ed25519 and Ed448, one-shot, through `EVP_DigestSign` / `EVP_DigestVerify`
/// with no separate digest.
public enum OpenSSLEdDSA {
    /// Longest context RFC 8032 allows.
    public static let maximumContextByteCount = 255

    /// Whether the OpenSSL in use can apply an Ed448 context string (OpenSSL 3.2 and later; 3.0 and 3.1
    /// have no way to pass one). Without it, signing with a non-empty context throws and verifying with
    /// one returns false.
    public static var supportsEd448Context: Bool { OpenSSL_version_num() >= 0x3020_0000 }

    /// Checks that `context` can be applied to `algorithm`; returns whether a parameter must be passed.
    static func contextParameterNeeded(_ context: [UInt8], algorithm: KeyAlgorithm) throws(OpenSSLKeyError) -> Bool {
        guard !context.isEmpty else { return false }
        guard algorithm == .ed448 else {
            throw .contextNotSupported("pure \(algorithm.rawValue) has no context (Ed25519ctx is not offered)")
        }
        guard context.count <= maximumContextByteCount else {
            throw .contextNotSupported("a context holds at most 255 bytes, not \(context.count)")
        }
        guard supportsEd448Context else {
            throw .contextNotSupported("this OpenSSL predates EdDSA context strings (3.2)")
        }
        return true
    }

    /// Runs `body` with the `OSSL_PARAM` array for `context` (nil when there is none to pass).
    static func withContextParameters<R>(
        _ context: [UInt8],
        needed: Bool,
        _ body: (UnsafePointer<OSSL_PARAM>?) -> R
    ) -> R {
        guard needed else { return body(nil) }
        var contextCopy = context
        return contextCopy.withUnsafeMutableBytes { contextBytes in
            var parameters: [OSSL_PARAM] = [
                OSSL_PARAM_construct_octet_string(
                    COPENSSL_SIGNATURE_PARAM_CONTEXT_STRING,
                    contextBytes.baseAddress,
                    contextBytes.count
                ),
                OSSL_PARAM_construct_end(),
            ]
            return parameters.withUnsafeMutableBufferPointer { body(UnsafePointer($0.baseAddress)) }
        }
    }
}

extension OpenSSLPrivateKey {
    /// The EdDSA signature of `message` (Ed25519: 64 bytes, Ed448: 114 bytes). `context` is Ed448's
    /// optional context string (RFC 8032 §5.2), empty by default; see `OpenSSLEdDSA.supportsEd448Context`.
    public func signature(for message: [UInt8], context: [UInt8] = []) throws(OpenSSLKeyError) -> [UInt8] {
        guard let signatureCount = algorithm.signatureByteCount else {
            throw .operationNotSupported(algorithm: algorithm, operation: "sign")
        }
        let needed = try OpenSSLEdDSA.contextParameterNeeded(context, algorithm: algorithm)
        guard let digestContext = EVP_MD_CTX_new() else { throw .openSSL(.drain("EVP_MD_CTX_new")) }
        defer { EVP_MD_CTX_free(digestContext) }
        var signature = [UInt8](repeating: 0, count: signatureCount)
        var signatureLength = signatureCount
        let failedCall: String? = OpenSSLEdDSA.withContextParameters(context, needed: needed) { parameters in
            guard EVP_DigestSignInit_ex(digestContext, nil, nil, nil, nil, key.pointer, parameters) == 1 else {
                return "EVP_DigestSignInit_ex"
            }
            let result = message.withUnsafeBytes { bytes in
                EVP_DigestSign(
                    digestContext,
                    &signature,
                    &signatureLength,
                    bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                    bytes.count
                )
            }
            return result == 1 && signatureLength == signatureCount ? nil : "EVP_DigestSign"
        }
        if let failedCall { throw .openSSL(.drain(failedCall)) }
        return signature
    }
}

extension OpenSSLPublicKey {
    /// Whether `signature` is a valid EdDSA signature of `message` under this key (with Ed448 context
    /// `context`). False for every failure, including a key that does not sign or a context this OpenSSL
    /// cannot apply; the thread's OpenSSL error queue is left empty.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], context: [UInt8] = []) -> Bool {
        guard let signatureCount = algorithm.signatureByteCount, signature.count == signatureCount,
            let needed = try? OpenSSLEdDSA.contextParameterNeeded(context, algorithm: algorithm),
            let digestContext = EVP_MD_CTX_new()
        else {
            ERR_clear_error()
            return false
        }
        defer { EVP_MD_CTX_free(digestContext) }
        let valid = OpenSSLEdDSA.withContextParameters(context, needed: needed) { parameters in
            guard EVP_DigestVerifyInit_ex(digestContext, nil, nil, nil, nil, key.pointer, parameters) == 1 else {
                return false
            }
            return signature.withUnsafeBytes { signatureBytes in
                message.withUnsafeBytes { bytes in
                    EVP_DigestVerify(
                        digestContext,
                        signatureBytes.baseAddress,
                        signatureBytes.count,
                        bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                        bytes.count
                    ) == 1
                }
            }
        }
        if !valid { ERR_clear_error() }
        return valid
    }
}
