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
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.wrap(SecureBytes(Self.keyData), kek: SecureBytes(zeros: 16)) }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.wrap(SecureBytes(zeros: 8), kek: Self.kek) }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.wrap(SecureBytes(zeros: 20), kek: Self.kek) }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.unwrap(Array(Self.wrapped.dropLast()), kek: Self.kek) }
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.unwrap(Array(Self.wrapped.prefix(16)), kek: Self.kek) }
    }
}
