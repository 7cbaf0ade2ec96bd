import MeshCrypto
import MeshUDF

/// Base32 encoding of secret bytes: secrets and seeds as the CLI prints them, and share UDFs
/// (0x90 ‖ threshold and x ‖ value).
///
/// Lengths whose text has 9 to 15 characters (5 to 9 bytes, dashed or not) are left out: Swift keeps such
/// a string inline ("small string"), its characters 9 to 15 in the same word as the tag bits, and
/// `swift_release` tests that word's sign (`test %rdi,%rdi; jle`), which is the tag bit "small", never a
/// character bit; memcheck cannot tell the bits apart and reports it. The encoding arithmetic is the same
/// code for every length.
enum EncodingChecks {
    /// `base32`.
    static func run() {
        for length in [1, 2, 3, 4, 10, 16, 32, 35, 64] {
            _ = Base32.encode(Memcheck.secret(length))
            _ = Base32.encode(Memcheck.secret(length), dashed: false)
        }
        _ = ShareUDF(threshold: 3, x: 2, value: Memcheck.secret(32)).text
    }

    /// `encoding`: base64url (JWK `d`, escrow plaintexts) both ways, padded Base64 (OpenSSH private keys,
    /// PKCS#8 PEM) both ways,
    /// hex (`--show-private`, key files) both ways, and Bech32 in both cases (age secret keys). Every length
    /// mod 3 (Base64) and mod 5 (Bech32) is covered; hex strings are 16 characters or more (see above for
    /// shorter Swift strings).
    static func textEncodings() {
        for length in [1, 2, 3, 4, 5, 8, 31, 32, 33, 56, 57, 64] {
            let secret = Memcheck.secret(length)
            let url = Base64URL.encode(secret)
            _ = Base64URL.decode(secure: url)
            _ = Base64.decode(secure: Base64.encode(secure: secret))
            _ = Bech32.encode(hrp: "age-secret-key-", secure: secret)
            _ = Bech32.encode(hrp: "age-secret-key-", secure: secret, uppercase: true)
            if length >= 8 {
                let hex = Hex.encode(secret)
                _ = Hex.decode(secure: SecureBytes(Array(hex.utf8)))
            }
        }
        // Decoding secret text that holds a bad character: the verdict is the only thing revealed.
        let bad = Memcheck.secret(4)
        _ = Base64URL.decode(secure: bad)
        _ = Base64.decode(secure: bad)
        _ = Hex.decode(secure: bad)
    }
}
