import MeshCrypto
import TestSupport
import Testing

@Suite struct AESKeyWrapTests {
    // RFC 3394 §4.6: wrap 256 bits of key data with a 256-bit KEK.
    static let kek = SecureBytes(Hex.decode("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")!)
    static let keyData = Hex.decode("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f")!
    static let wrapped = Hex.decode("28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21")!

    @Test func matchesRFC3394Section4_6() throws {
        #expect(try AESKeyWrap.wrap(SecureBytes(Self.keyData), kek: Self.kek) == Self.wrapped)
        #expect(try AESKeyWrap.unwrap(Self.wrapped, kek: Self.kek).unprotectedBytes == Self.keyData)
    }

    /// RFC 3394 §4.3 (128 bits of key data) and §4.5 (192 bits), both under the 256-bit KEK above, and 64
    /// bytes of key data (SHA-512 of "meshkey") under SHA-256 of "kek", wrapped with Python's cryptography
    /// 48.0.0 (`aes_key_wrap`): the rounds run in meshkey over single AES blocks, so lengths other than the
    /// RFC's one vector are checked against another implementation.
    @Test(arguments: [
        (
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "00112233445566778899aabbccddeeff",
            "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7"
        ),
        (
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
            "00112233445566778899aabbccddeeff0001020304050607",
            "a8f9bc1612c68b3ff6e6f4fbe30e71e4769c8b80a32cb8958cd5d17d6b254da1"
        ),
        (
            "b794385f2d1ef7ab4d9273d1906381b44f2f6f2588a3efb96a49188331984753",
            "1ed87d6597ec0ff6d2af8e69aef3dd09ddc08ea172df2c99759e9e0eb15ff4ecf9fc39fe4f63c815d9e061f852c8aab9264b448e6ac10bdda01c986e4624c068",
            "1260f10b0e0e524d7de020a22bc303e9170deec48c710bb1da5c6db2d09587cc1e15d91016a520a70e6b2d94e13a53662bffd2ef67bf13d65b2be4fa8b7ba92f8712e389fc3deaa8"
        ),
    ])
    func matchesOtherImplementations(kek: String, keyData: String, wrapped: String) throws {
        let kekBytes = SecureBytes(Hex.decode(kek)!)
        #expect(try AESKeyWrap.wrap(SecureBytes(Hex.decode(keyData)!), kek: kekBytes) == Hex.decode(wrapped)!)
        #expect(try AESKeyWrap.unwrap(Hex.decode(wrapped)!, kek: kekBytes).unprotectedBytes == Hex.decode(keyData)!)
    }

    @Test(arguments: [16, 24, 32, 64])
    func roundTripsRandomKeys(count: Int) throws {
        let kek = SecureRandom.bytes(32)
        let keyData = SecureRandom.bytes(count)
        let wrapped = try AESKeyWrap.wrap(keyData, kek: kek)
        #expect(wrapped.count == count + 8)
        #expect(try AESKeyWrap.unwrap(wrapped, kek: kek) == keyData)
    }

    @Test func modifiedBlobOrWrongKEKFailsTheIntegrityCheck() {
        for index in [0, 7, 8, 39] {
            var modified = Self.wrapped
            modified[index] ^= 0x01
            let error = #expect(throws: KeyWrapError.self) { try AESKeyWrap.unwrap(modified, kek: Self.kek) }
            guard case .integrityCheckFailure? = error else {
                Issue.record("byte \(index): expected integrityCheckFailure, got \(String(describing: error))")
                continue
            }
        }
        var kek = Self.kek
        kek[0] ^= 1
        let error = #expect(throws: KeyWrapError.self) { try AESKeyWrap.unwrap(Self.wrapped, kek: kek) }
        guard case .integrityCheckFailure? = error else {
            Issue.record("wrong KEK: expected integrityCheckFailure, got \(String(describing: error))")
            return
        }
    }

    @Test func refusesBadLengths() {
        #expect(throws: KeyWrapError.self) {
            try AESKeyWrap.wrap(SecureBytes(Self.keyData), kek: SecureBytes(zeros: 16))
        }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.wrap(SecureBytes(zeros: 8), kek: Self.kek) }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.wrap(SecureBytes(zeros: 20), kek: Self.kek) }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.unwrap(Array(Self.wrapped.dropLast()), kek: Self.kek) }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.unwrap(Array(Self.wrapped.prefix(16)), kek: Self.kek) }
    }
}
