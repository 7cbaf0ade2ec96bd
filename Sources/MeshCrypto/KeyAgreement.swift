internal import COpenSSL

/// X25519 and X448 Diffie–Hellman (RFC 7748) through `EVP_PKEY_derive`.
public enum KeyAgreement {
    /// The shared secret of `privateKey` and `peerPublicKey` (32 bytes for X25519, 56 for X448), in
    /// secure memory. OpenSSL refuses (and this throws) when the result is all zeros, i.e. when the peer
    /// sent a small-order point (RFC 7748 §6).
    public static func sharedSecret(
        privateKey: OpenSSLPrivateKey,
        peerPublicKey: OpenSSLPublicKey
    ) throws(OpenSSLKeyError) -> SecureBytes {
        guard !privateKey.algorithm.isEdwards else {
            throw .operationNotSupported(algorithm: privateKey.algorithm, operation: "agree on a shared secret")
        }
        guard privateKey.algorithm == peerPublicKey.algorithm else {
            throw .algorithmMismatch(privateKey.algorithm, peerPublicKey.algorithm)
        }
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, privateKey.key.pointer, nil) else {
            throw .openSSL(.drain("EVP_PKEY_CTX_new_from_pkey"))
        }
        defer { EVP_PKEY_CTX_free(context) }
        try check(EVP_PKEY_derive_init(context), "EVP_PKEY_derive_init")
        try check(EVP_PKEY_derive_set_peer(context, peerPublicKey.key.pointer), "EVP_PKEY_derive_set_peer")
        var count = 0
        try check(EVP_PKEY_derive(context, nil, &count), "EVP_PKEY_derive")
        var failed = false
        let secret = SecureBytes(count: count) { buffer in
            var written = buffer.count
            failed = EVP_PKEY_derive(context, buffer.baseAddress, &written) != 1 || written != buffer.count
        }
        if failed { throw .openSSL(.drain("EVP_PKEY_derive")) }
        return secret
    }

    private static func check(_ result: Int32, _ call: String) throws(OpenSSLKeyError) {
        if result != 1 { throw .openSSL(.drain(call)) }
    }
}
