import TestSupport
import Testing

@testable import MeshCrypto

/// Expected failures (a bad signature, a bad tag, a bad wrap, a foreign key) must not leave entries on the
/// thread's OpenSSL error queue, where they would be blamed on the next, unrelated failure.
/// Each test is synchronous, so every call and the final check run on one thread.
@Suite struct OpenSSLErrorQueueTests {
    @Test func expectedFailuresLeaveTheQueueEmpty() throws {
        _ = OpenSSLError.drain("before")
        let key = try OpenSSLPrivateKey.generate(.ed448)
        let signature = try key.signature(for: [1, 2, 3])
        #expect(!key.publicKey.isValidSignature(signature, for: [1, 2, 4]))
        #expect(OpenSSLError.drain("verify").reasons.isEmpty)

        let gcmKey = SecureRandom.bytes(32)
        let nonce = [UInt8](repeating: 7, count: 12)
        let sealed = try AESGCM.seal(SecureBytes([1, 2, 3]), key: gcmKey, nonce: nonce)
        #expect(throws: AEADError.self) {
            try AESGCM.open(ciphertext: sealed.ciphertext, tag: sealed.tag.reversed(), key: gcmKey, nonce: nonce)
        }
        #expect(OpenSSLError.drain("AESGCM.open").reasons.isEmpty)

        let kek = SecureRandom.bytes(32)
        var wrapped = try AESKeyWrap.wrap(SecureRandom.bytes(32), kek: kek)
        wrapped[5] ^= 1
        #expect(throws: KeyWrapError.self) { try AESKeyWrap.unwrap(wrapped, kek: kek) }
        #expect(OpenSSLError.drain("AESKeyWrap.unwrap").reasons.isEmpty)

        let decoded = try OpenSSLPrivateKey(derRepresentation: key.derRepresentation())
        #expect(decoded.publicKey == key.publicKey)
        #expect(OpenSSLError.drain("decode").reasons.isEmpty)
    }

    @Test func realFailuresCarryOpenSSLsReasons() {
        let error = #expect(throws: OpenSSLKeyError.self) {
            try OpenSSLPrivateKey(derRepresentation: SecureBytes([0x30, 0x03, 0x02, 0x01, 0x00]))
        }
        guard case .malformedEncoding(let underlying)? = error else {
            Issue.record("expected malformedEncoding, got \(String(describing: error))")
            return
        }
        #expect(underlying.call == "OSSL_DECODER_from_data")
        #expect(OpenSSLError.drain("after").reasons.isEmpty)
    }
}
