import MeshCrypto
import TestSupport
import Testing

@Suite struct AESGCMTests {
    // McGrew–Viega, "The Galois/Counter Mode of Operation", test cases 14–16 (AES-256).
    static let key15 = SecureBytes(Hex.decode("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")!)
    static let nonce15 = Hex.decode("cafebabefacedbaddecaf888")!
    static let plaintext15 = Hex.decode(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
    )!
    static let ciphertext15 = Hex.decode(
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
    )!
    static let aad16 = Hex.decode("feedfacedeadbeeffeedfacedeadbeefabaddad2")!

    @Test func matchesGCMTestCase14() throws {
        let sealed = try AESGCM.seal(
            SecureBytes(zeros: 16),
            key: SecureBytes(zeros: 32),
            nonce: [UInt8](repeating: 0, count: 12)
        )
        #expect(Hex.encode(sealed.ciphertext) == "cea7403d4d606b6e074ec5d3baf39d18")
        #expect(Hex.encode(sealed.tag) == "d0d1c8a799996bf0265b98b5d48ab919")
    }

    @Test func matchesGCMTestCase15() throws {
        let sealed = try AESGCM.seal(SecureBytes(Self.plaintext15), key: Self.key15, nonce: Self.nonce15)
        #expect(sealed.ciphertext == Self.ciphertext15)
        #expect(Hex.encode(sealed.tag) == "b094dac5d93471bdec1a502270e3cc6c")
        let opened = try AESGCM.open(
            ciphertext: sealed.ciphertext,
            tag: sealed.tag,
            key: Self.key15,
            nonce: Self.nonce15
        )
        #expect(opened.unprotectedBytes == Self.plaintext15)
    }

    @Test func matchesGCMTestCase16WithAssociatedData() throws {
        let plaintext = Array(Self.plaintext15.prefix(60))
        let sealed = try AESGCM.seal(
            SecureBytes(plaintext),
            key: Self.key15,
            nonce: Self.nonce15,
            authenticating: Self.aad16
        )
        #expect(sealed.ciphertext == Array(Self.ciphertext15.prefix(60)))
        #expect(Hex.encode(sealed.tag) == "76fc6ece0f4e1768cddf8853bb2d551b")
        let opened = try AESGCM.open(
            ciphertext: sealed.ciphertext,
            tag: sealed.tag,
            key: Self.key15,
            nonce: Self.nonce15,
            authenticating: Self.aad16
        )
        #expect(opened.unprotectedBytes == plaintext)
    }

    @Test(arguments: [0, 1, 15, 16, 17, 1000])
    func roundTripsRandomData(count: Int) throws {
        let key = SecureRandom.bytes(32)
        let nonce = SecureRandom.bytes(12).unprotectedBytes
        let plaintext = SecureRandom.bytes(count)
        let aad = SecureRandom.bytes(count % 7).unprotectedBytes
        let sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce, authenticating: aad)
        #expect(sealed.ciphertext.count == count)
        #expect(sealed.tag.count == 16)
        let opened = try AESGCM.open(
            ciphertext: sealed.ciphertext,
            tag: sealed.tag,
            key: key,
            nonce: nonce,
            authenticating: aad
        )
        #expect(opened == plaintext)
    }

    @Test func tamperingIsAnAuthenticationFailure() throws {
        let sealed = try AESGCM.seal(
            SecureBytes(Self.plaintext15),
            key: Self.key15,
            nonce: Self.nonce15,
            authenticating: Self.aad16
        )
        func expectAuthenticationFailure(
            ciphertext: [UInt8] = sealed.ciphertext,
            tag: [UInt8] = sealed.tag,
            key: SecureBytes = Self.key15,
            nonce: [UInt8] = Self.nonce15,
            aad: [UInt8] = Self.aad16,
            sourceLocation: SourceLocation = #_sourceLocation
        ) {
            let error = #expect(throws: AEADError.self, sourceLocation: sourceLocation) {
                try AESGCM.open(ciphertext: ciphertext, tag: tag, key: key, nonce: nonce, authenticating: aad)
            }
            guard case .authenticationFailure? = error else {
                Issue.record(
                    "expected authenticationFailure, got \(String(describing: error))",
                    sourceLocation: sourceLocation
                )
                return
            }
        }
        var ciphertext = sealed.ciphertext
        ciphertext[0] ^= 1
        expectAuthenticationFailure(ciphertext: ciphertext)
        expectAuthenticationFailure(ciphertext: Array(sealed.ciphertext.dropLast()))
        var tag = sealed.tag
        tag[15] ^= 0x80
        expectAuthenticationFailure(tag: tag)
        var aad = Self.aad16
        aad[3] ^= 4
        expectAuthenticationFailure(aad: aad)
        expectAuthenticationFailure(aad: [])
        var nonce = Self.nonce15
        nonce[11] ^= 1
        expectAuthenticationFailure(nonce: nonce)
        var key = Self.key15
        key[31] ^= 1
        expectAuthenticationFailure(key: key)
    }

    @Test func refusesBadLengths() {
        let key = SecureBytes(zeros: 32)
        let nonce = [UInt8](repeating: 0, count: 12)
        #expect(throws: AEADError.self) {
            try AESGCM.seal(SecureBytes(zeros: 1), key: SecureBytes(zeros: 16), nonce: nonce)
        }
        #expect(throws: AEADError.self) { try AESGCM.seal(SecureBytes(zeros: 1), key: key, nonce: [0, 1, 2]) }
        #expect(throws: AEADError.self) {
            try AESGCM.open(ciphertext: [1], tag: [UInt8](repeating: 0, count: 12), key: key, nonce: nonce)
        }
    }
}
