import Foundation
import MeshCrypto
import TestSupport
import Testing

@Suite struct StandardKeysTests {
    // RFC 8032 §7.1 TEST 1.
    static let ed25519Secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let ed25519Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    static let ed25519Signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    // RFC 8032 §7.4 "Blank".
    static let ed448Secret =
        "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b"
    static let ed448Public =
        "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180"
    static let ed448Signature =
        "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4dbb61149f05a7363268c71d95808ff2e652600"
    // RFC 8032 §7.4 "1 octet (with context)".
    static let ed448ContextSecret =
        "c4eab05d357007c632f3dbb48489924d552b08fe0c353a0d4a1f00acda2c463afbea67c5e8d2877c5e3bc397a659949ef8021e954e0a12274e"
    static let ed448ContextSignature =
        "d4f8f6131770dd46f40867d6fd5d5055de43541f8c5e35abbcd001b32a89f7d2151f7647f11d8ca2ae279fb842d607217fce6e042f6815ea000c85741de5c8da1144a6a1aba7f96de42505d7a7298524fda538fccbbb754f578c1cad10d54d0d5428407e85dcbc98a49155c13764e66c3c00"

    static func privateKey(_ algorithm: KeyAlgorithm, _ hex: String) throws -> OpenSSLPrivateKey {
        try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: SecureBytes(Hex.decode(hex)!))
    }

    @Test func ed25519MatchesRFC8032Test1() throws {
        let key = try Self.privateKey(.ed25519, Self.ed25519Secret)
        #expect(Hex.encode(key.publicKey.rawRepresentation) == Self.ed25519Public)
        #expect(Hex.encode(try key.rawRepresentation().unprotectedBytes) == Self.ed25519Secret)
        let signature = try key.signature(for: [])
        #expect(Hex.encode(signature) == Self.ed25519Signature)
        let publicKey = try OpenSSLPublicKey(algorithm: .ed25519, rawRepresentation: Hex.decode(Self.ed25519Public)!)
        #expect(publicKey == key.publicKey)
        #expect(publicKey.isValidSignature(signature, for: []))
        #expect(!publicKey.isValidSignature(signature, for: [0]))
    }

    @Test func ed448MatchesRFC8032Blank() throws {
        let key = try Self.privateKey(.ed448, Self.ed448Secret)
        #expect(Hex.encode(key.publicKey.rawRepresentation) == Self.ed448Public)
        #expect(Hex.encode(try key.rawRepresentation().unprotectedBytes) == Self.ed448Secret)
        let signature = try key.signature(for: [])
        #expect(Hex.encode(signature) == Self.ed448Signature)
        let publicKey = try OpenSSLPublicKey(algorithm: .ed448, rawRepresentation: Hex.decode(Self.ed448Public)!)
        #expect(publicKey.isValidSignature(signature, for: []))
        #expect(!publicKey.isValidSignature(signature, for: [0]))
    }

    /// Ed448 with a context: byte-exact where OpenSSL supports contexts (3.2+); refused (never ignored)
    /// where it does not.
    @Test func ed448ContextIsAppliedOrRefused() throws {
        let key = try Self.privateKey(.ed448, Self.ed448ContextSecret)
        let context = Array("foo".utf8)
        let signature = Hex.decode(Self.ed448ContextSignature)!
        if OpenSSLEdDSA.supportsEd448Context {
            #expect(Hex.encode(try key.signature(for: [0x03], context: context)) == Self.ed448ContextSignature)
            #expect(key.publicKey.isValidSignature(signature, for: [0x03], context: context))
            #expect(!key.publicKey.isValidSignature(signature, for: [0x03]))
        } else {
            #expect(throws: OpenSSLKeyError.self) { try key.signature(for: [0x03], context: context) }
            #expect(!key.publicKey.isValidSignature(signature, for: [0x03], context: context))
        }
        // Without a context the same key signs as plain Ed448, and a context-bound signature does not verify.
        #expect(!key.publicKey.isValidSignature(signature, for: [0x03]))
        let ed25519 = try Self.privateKey(.ed25519, Self.ed25519Secret)
        #expect(throws: OpenSSLKeyError.self) { try ed25519.signature(for: [], context: context) }
        #expect(throws: OpenSSLKeyError.self) { try key.signature(for: [], context: [UInt8](repeating: 1, count: 256)) }
    }

    @Test(arguments: [KeyAlgorithm.ed25519, .ed448])
    func generatedKeysSignAndVerify(algorithm: KeyAlgorithm) throws {
        let key = try OpenSSLPrivateKey.generate(algorithm)
        #expect(key.algorithm == algorithm)
        #expect(key.publicKey.rawRepresentation.count == algorithm.publicKeyByteCount)
        #expect(try key.rawRepresentation().count == algorithm.privateKeyByteCount)
        let message = SecureRandom.bytes(100).unprotectedBytes
        let signature = try key.signature(for: message)
        #expect(signature.count == algorithm.signatureByteCount)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        var modified = message
        modified[42] ^= 0x10
        #expect(!key.publicKey.isValidSignature(signature, for: modified))
        var badSignature = signature
        badSignature[0] ^= 1
        #expect(!key.publicKey.isValidSignature(badSignature, for: message))
        #expect(!key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        let other = try OpenSSLPrivateKey.generate(algorithm)
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        // Reimporting the raw seed gives the same key.
        let reimported = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: key.rawRepresentation())
        #expect(reimported.publicKey == key.publicKey)
    }

    @Test func x25519MatchesRFC7748Section6_1() throws {
        let alice = try Self.privateKey(.x25519, "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
        let bob = try Self.privateKey(.x25519, "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
        #expect(
            Hex.encode(alice.publicKey.rawRepresentation)
                == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
        )
        #expect(
            Hex.encode(bob.publicKey.rawRepresentation)
                == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
        )
        let shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
        let bobPublic = try OpenSSLPublicKey(
            algorithm: .x25519,
            rawRepresentation: Hex.decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")!
        )
        #expect(
            Hex.encode(try KeyAgreement.sharedSecret(privateKey: alice, peerPublicKey: bobPublic).unprotectedBytes)
                == shared
        )
        #expect(
            Hex.encode(try KeyAgreement.sharedSecret(privateKey: bob, peerPublicKey: alice.publicKey).unprotectedBytes)
                == shared
        )
    }

    @Test func x448MatchesRFC7748Section6_2() throws {
        let alice = try Self.privateKey(
            .x448,
            "9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b"
        )
        let bob = try Self.privateKey(
            .x448,
            "1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d"
        )
        #expect(
            Hex.encode(alice.publicKey.rawRepresentation)
                == "9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0"
        )
        #expect(
            Hex.encode(bob.publicKey.rawRepresentation)
                == "3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609"
        )
        let shared =
            "07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d"
        #expect(
            Hex.encode(try KeyAgreement.sharedSecret(privateKey: alice, peerPublicKey: bob.publicKey).unprotectedBytes)
                == shared
        )
        #expect(
            Hex.encode(try KeyAgreement.sharedSecret(privateKey: bob, peerPublicKey: alice.publicKey).unprotectedBytes)
                == shared
        )
    }

    @Test(arguments: [KeyAlgorithm.x25519, .x448])
    func generatedKeysAgreePairwise(algorithm: KeyAlgorithm) throws {
        let alice = try OpenSSLPrivateKey.generate(algorithm)
        let bob = try OpenSSLPrivateKey.generate(algorithm)
        let carol = try OpenSSLPrivateKey.generate(algorithm)
        let ab = try KeyAgreement.sharedSecret(privateKey: alice, peerPublicKey: bob.publicKey)
        let ba = try KeyAgreement.sharedSecret(privateKey: bob, peerPublicKey: alice.publicKey)
        let ac = try KeyAgreement.sharedSecret(privateKey: alice, peerPublicKey: carol.publicKey)
        #expect(ab.count == algorithm.publicKeyByteCount)
        #expect(ab == ba)
        #expect(ab != ac)
        let reimported = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: alice.rawRepresentation())
        #expect(try KeyAgreement.sharedSecret(privateKey: reimported, peerPublicKey: bob.publicKey) == ab)
    }

    @Test func agreementRefusesSmallOrderPointsAndMixedKeys() throws {
        let x25519 = try OpenSSLPrivateKey.generate(.x25519)
        let zero = try OpenSSLPublicKey(algorithm: .x25519, rawRepresentation: [UInt8](repeating: 0, count: 32))
        #expect(throws: OpenSSLKeyError.self) { try KeyAgreement.sharedSecret(privateKey: x25519, peerPublicKey: zero) }
        let x448 = try OpenSSLPrivateKey.generate(.x448)
        #expect(throws: OpenSSLKeyError.self) {
            try KeyAgreement.sharedSecret(privateKey: x25519, peerPublicKey: x448.publicKey)
        }
        let ed25519 = try OpenSSLPrivateKey.generate(.ed25519)
        #expect(throws: OpenSSLKeyError.self) {
            try KeyAgreement.sharedSecret(privateKey: ed25519, peerPublicKey: ed25519.publicKey)
        }
        #expect(throws: OpenSSLKeyError.self) { try x25519.signature(for: [1, 2, 3]) }
        #expect(!x25519.publicKey.isValidSignature([UInt8](repeating: 0, count: 64), for: []))
    }

    @Test func rawImportRefusesWrongLengths() {
        for algorithm in KeyAlgorithm.allCases {
            #expect(throws: OpenSSLKeyError.self) {
                try OpenSSLPrivateKey(
                    algorithm: algorithm,
                    rawRepresentation: SecureBytes(zeros: algorithm.privateKeyByteCount + 1)
                )
            }
            #expect(throws: OpenSSLKeyError.self) {
                try OpenSSLPublicKey(
                    algorithm: algorithm,
                    rawRepresentation: [UInt8](repeating: 9, count: algorithm.publicKeyByteCount - 1)
                )
            }
        }
        #expect(KeyAlgorithm(rawValue: "Ed448") == .ed448)
        #expect(KeyAlgorithm.x448.rawValue == "X448")
    }

    @Test func descriptionsShowNoKeyMaterial() throws {
        let key = try Self.privateKey(.ed25519, Self.ed25519Secret)
        #expect(String(describing: key) == "OpenSSLPrivateKey(Ed25519)")
        #expect(!String(reflecting: key).contains("9d61"))
    }
}

/// OpenSSL 3.0's `EVP_PKEY_get_raw_private_key` leaves unwiped copies of the key in freed heap (,
/// item 8): keys made from raw bytes or generated never call it; a key decoded from PKCS#8 calls it once,
/// when it is decoded, and never again.
@Suite struct RawPrivateKeyGetterTests {
    @Test(arguments: KeyAlgorithm.allCases)
    func keysFromRawBytesNeverCallTheGetter(_ algorithm: KeyAlgorithm) throws {
        let raw = SecureRandom.bytes(algorithm.privateKeyByteCount)
        let key = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: raw)
        #expect(key.privateKeyGetterCalls == 0)
        #expect(try key.rawRepresentation() == raw)
        _ = try key.rawRepresentation()
        _ = try key.derRepresentation()
        _ = try key.pemRepresentation()
        if algorithm.isEdwards {
            let signature = try key.signature(for: [1, 2, 3])
            #expect(key.publicKey.isValidSignature(signature, for: [1, 2, 3]))
        } else {
            let peer = try OpenSSLPrivateKey.generate(algorithm)
            #expect(
                try KeyAgreement.sharedSecret(privateKey: key, peerPublicKey: peer.publicKey)
                    == KeyAgreement.sharedSecret(privateKey: peer, peerPublicKey: key.publicKey)
            )
        }
        #expect(key.privateKeyGetterCalls == 0)
    }

    @Test(arguments: KeyAlgorithm.allCases)
    func generatedKeysNeverCallTheGetterAndMatchTheirRawBytes(_ algorithm: KeyAlgorithm) throws {
        let key = try OpenSSLPrivateKey.generate(algorithm)
        let raw = try key.rawRepresentation()
        #expect(raw.count == algorithm.privateKeyByteCount)
        #expect(key.privateKeyGetterCalls == 0)
        // The same bytes give the same public key through OpenSSL.
        let again = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: raw)
        #expect(again.publicKey == key.publicKey)
        // X25519/X448 scalars are clamped as OpenSSL's own key generation clamps them.
        if algorithm == .x25519 { #expect(raw[0] & 7 == 0 && raw[31] & 0xC0 == 0x40) }
        if algorithm == .x448 { #expect(raw[0] & 3 == 0 && raw[55] & 0x80 == 0x80) }
    }

    /// A PKCS#8 form other than OpenSSL's own (here with an empty attributes set) is decoded by OpenSSL,
    /// and the raw key is then read out once.
    @Test(arguments: KeyAlgorithm.allCases)
    func keysDecodedByOpenSSLCallTheGetterOnce(_ algorithm: KeyAlgorithm) throws {
        let original = try OpenSSLPrivateKey.generate(algorithm)
        var der = try original.derRepresentation().unprotectedBytes + [0xA0, 0x00]
        der[1] += 2
        let decoded = try OpenSSLPrivateKey(derRepresentation: SecureBytes(der))
        #expect(decoded.privateKeyGetterCalls == 1)
        #expect(try decoded.rawRepresentation() == original.rawRepresentation())
        _ = try decoded.rawRepresentation()
        _ = try decoded.derRepresentation()
        #expect(decoded.privateKeyGetterCalls == 1)
        #expect(decoded.publicKey == original.publicKey)
    }
}

/// The PKCS#8 form OpenSSL writes is read without OpenSSL's decoder (which leaves copies of the key in
/// freed heap, Docs/security.md §6e); other forms still go through OpenSSL, and what OpenSSL refuses stays
/// refused.
@Suite struct PKCS8WithoutOpenSSLTests {
    @Test(arguments: KeyAlgorithm.allCases)
    func theCanonicalFormsNeedNoGetterCall(_ algorithm: KeyAlgorithm) throws {
        let original = try OpenSSLPrivateKey.generate(algorithm)
        let pem = try original.pemRepresentation()
        let fromPEM = try OpenSSLPrivateKey(pemRepresentation: pem)
        #expect(fromPEM.privateKeyGetterCalls == 0)
        #expect(try fromPEM.rawRepresentation() == original.rawRepresentation())
        #expect(fromPEM.publicKey == original.publicKey)
        let fromDER = try OpenSSLPrivateKey(derRepresentation: try original.derRepresentation())
        #expect(fromDER.privateKeyGetterCalls == 0)
        #expect(fromDER.publicKey == original.publicKey)
        // CRLF line ends and trailing blank lines are the same key, read the same way.
        let crlf =
            String(decoding: pem.unprotectedBytes, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
            + "\r\n  \n"
        let fromCRLF = try OpenSSLPrivateKey(pemRepresentation: SecureBytes(Array(crlf.utf8)))
        #expect(fromCRLF.privateKeyGetterCalls == 0 && fromCRLF.publicKey == original.publicKey)
    }

    @Test func otherFormsGoThroughOpenSSLAndRefusalsStay() throws {
        let original = try OpenSSLPrivateKey.generate(.ed25519)
        let der = try original.derRepresentation().unprotectedBytes
        // An empty attributes set [0] after the key: not the canonical form, so OpenSSL decides.
        var withAttributes = der + [0xA0, 0x00]
        withAttributes[1] += 2
        let key = try OpenSSLPrivateKey(derRepresentation: SecureBytes(withAttributes))
        #expect(key.privateKeyGetterCalls == 1)
        #expect(key.publicKey == original.publicKey)
        // Trailing bytes, truncation, a changed OID and a wrong inner length are refused.
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPrivateKey(derRepresentation: SecureBytes(der + [0])) }
        #expect(throws: OpenSSLKeyError.self) {
            try OpenSSLPrivateKey(derRepresentation: SecureBytes(Array(der.dropLast())))
        }
        var otherOID = der
        otherOID[11] = 0x72
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPrivateKey(derRepresentation: SecureBytes(otherOID)) }
        var badLength = der
        badLength[15] = 0x1F
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPrivateKey(derRepresentation: SecureBytes(badLength)) }
        // PEM with a bad character, or text after the footer, is refused.
        let pem = String(decoding: try original.pemRepresentation().unprotectedBytes, as: UTF8.self)
        let badCharacter = pem.replacingOccurrences(of: "MC4CAQAw", with: "MC4C!QAw")
        #expect(throws: OpenSSLKeyError.self) {
            try OpenSSLPrivateKey(pemRepresentation: SecureBytes(Array(badCharacter.utf8)))
        }
        #expect(throws: OpenSSLKeyError.self) {
            try OpenSSLPrivateKey(pemRepresentation: SecureBytes(Array((pem + "junk\n").utf8)))
        }
        #expect(throws: OpenSSLKeyError.self) {
            try OpenSSLPrivateKey(
                pemRepresentation: SecureBytes(Array(pem.replacingOccurrences(of: "PRIVATE", with: "PUBLIC").utf8))
            )
        }
    }
}
