import MeshCrypto

/// OpenSSL primitives called with secret keys: AES-256-GCM, AES key wrap, HMAC and HKDF.
enum OpenSSLChecks {
    /// Fetches the algorithms once with public data.
    static func warmUp() {
        let key = SecureBytes(zeros: 32)
        _ = try? AESGCM.seal(SecureBytes(zeros: 16), key: key, nonce: [UInt8](repeating: 0, count: 12))
        _ = try? AESKeyWrap.wrap(SecureBytes(zeros: 32), kek: key)
        _ = try? HKDF.deriveKey(.sha256, inputKeyMaterial: key, info: [1], outputCount: 32)
    }

    /// `aead`: AES-256-GCM sealing of a secret plaintext under a secret key, then opening the (public)
    /// ciphertext and tag with the secret key; AES-256 key wrap of a secret key under a secret key.
    static func aead() {
        let nonce = [UInt8](repeating: 7, count: 12)
        let key = Memcheck.secret(32)
        guard
            let (ciphertext, tag) = try? AESGCM.seal(
                Memcheck.secret(48),
                key: key,
                nonce: nonce,
                authenticating: [1, 2]
            )
        else { return }
        Memcheck.markPublic(ciphertext)
        Memcheck.markPublic(tag)
        _ = try? AESGCM.open(ciphertext: ciphertext, tag: tag, key: key, nonce: nonce, authenticating: [1, 2])
        _ = try? AESKeyWrap.wrap(Memcheck.secret(32), kek: Memcheck.secret(32))
    }

    /// `hkdf`: HMAC and HKDF (extract-and-expand and expand only) with secret keys, over SHA-256, SHA-512
    /// and SHA3-512.
    static func keyDerivation() {
        for algorithm in DigestAlgorithm.allCases {
            _ = try? HKDF.deriveKey(
                algorithm,
                inputKeyMaterial: Memcheck.secret(35),
                salt: [1, 2, 3],
                info: [4, 5],
                outputCount: 64
            )
            _ = try? HKDF.expand(algorithm, pseudorandomKey: Memcheck.secret(64), info: [6], outputCount: 32)
        }
        _ = HMAC.authenticate(.sha256, key: Memcheck.secret(32), message: [1, 2, 3])
        _ = HMAC.authenticate(.sha512, key: Memcheck.secret(200), message: [1, 2, 3])
    }
}
