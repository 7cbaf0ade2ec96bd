import Foundation
import MeshCrypto
import MeshJOSE
import MeshJSON
import Testing

@Suite struct Base64URLTests {
    @Test func roundTripsAndStrictness() {
        for count in 0...40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == bytes)
            #expect(Base64URL.decode(secure: SecureBytes(Array(text.utf8))) == SecureBytes(bytes))
            #expect(Base64URL.encode(SecureBytes(bytes)) == SecureBytes(Array(text.utf8)))
        }
        #expect(Base64URL.decode("AQ==") == nil)  // padding
        #expect(Base64URL.decode("A") == nil)  // impossible length
        #expect(Base64URL.decode("AQ+/") == nil)  // standard alphabet
        #expect(Base64URL.decode("AQ B") == nil)  // whitespace
        #expect(Base64URL.decode("AR") == nil)  // non-zero unused bits
        #expect(Base64URL.decode("AQ") == [1])
    }
}

@Suite struct ConcatKDFTests {
    /// RFC 7518 Appendix C: ECDH-ES (P-256) with A128GCM, apu "Alice", apv "Bob".
    @Test func rfc7518AppendixC() {
        let z = SecureBytes(
            [
                158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110,
                163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
            ] as [UInt8]
        )
        let key = ConcatKDF.deriveKey(
            sharedSecret: z,
            algorithmID: "A128GCM",
            partyUInfo: Array("Alice".utf8),
            partyVInfo: Array("Bob".utf8),
            byteCount: 16
        )
        #expect(Base64URL.encode(key.unprotectedBytes) == "VqqN6vgjbSBcIijNcacQGg")
    }

    /// RFC 8037 Appendix A.6: ECDH-ES with X25519. The RFC gives the ephemeral key, its JWK `x` and the
    /// shared secret Z; the derived keys below (A128GCM as in A.6, and ECDH-ES+A256KW with 256 bits) were
    /// computed independently with pyca/cryptography's ConcatKDFHash.
    @Test func rfc8037AppendixA6() throws {
        let ephemeral = try OpenSSLPrivateKey(
            algorithm: .x25519,
            rawRepresentation: SecureBytes(
                Hex.decode("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")!
            )
        )
        #expect(
            Base64URL.encode(ephemeral.publicKey.rawRepresentation) == "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"
        )
        let bob = try OpenSSLPublicKey(
            algorithm: .x25519,
            rawRepresentation:
                Hex.decode("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")!
        )
        let z = try KeyAgreement.sharedSecret(privateKey: ephemeral, peerPublicKey: bob)
        #expect(Hex.encode(z.unprotectedBytes) == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")
        let direct = ConcatKDF.deriveKey(sharedSecret: z, algorithmID: "A128GCM", byteCount: 16)
        #expect(Hex.encode(direct.unprotectedBytes) == "ea3ff64f86e83c4e53d05e804aee7a5e")
        let info = ConcatKDF.otherInfo(algorithmID: "A128GCM", partyUInfo: [], partyVInfo: [], keyDataLengthBits: 128)
        #expect(Hex.encode(info) == "000000074131323847434d000000000000000000000080")
    }

    @Test func longerOutputExtendsShorter() {
        let z = SecureRandom.bytes(32)
        let short = ConcatKDF.deriveKey(sharedSecret: z, otherInfo: [1, 2, 3], byteCount: 16)
        let long = ConcatKDF.deriveKey(sharedSecret: z, otherInfo: [1, 2, 3], byteCount: 80)
        #expect(long.count == 80)
        #expect(long.slice(0..<16) == short)
    }
}

@Suite struct JWETests {
    static let plaintext = SecureBytes(Array("{\"type\":\"EscrowedKeySet\",\"keys\":[]}".utf8))

    /// RFC 7516 Appendix A.1: the A256GCM content encryption (its RSA-OAEP key management is not
    /// supported, so the CEK is given), with AAD = ASCII(BASE64URL(protected)).
    @Test func rfc7516AppendixA1ContentEncryption() throws {
        let cek = SecureBytes(
            [
                177, 161, 244, 128, 84, 143, 225, 115, 63, 180, 3, 255, 107, 154, 212, 246, 138, 7, 110, 91,
                112, 46, 34, 105, 47, 130, 203, 46, 122, 234, 64, 252,
            ] as [UInt8]
        )
        let compact =
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AAAA.48V1_ALb6US04U3b."
            + "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6jiSdiwkIr3ajwQzaBtQD_A.XFBoMYUZodetZdvTiFvSkQ"
        let jwe = try JWE.parse(compact)
        #expect(jwe.iv == [227, 197, 117, 252, 2, 219, 233, 68, 180, 225, 77, 219])
        let plaintext = try AESGCM.open(
            ciphertext: jwe.ciphertext,
            tag: jwe.tag,
            key: cek,
            nonce: jwe.iv,
            authenticating: Array(jwe.protectedText.utf8)
        )
        #expect(
            String(decoding: plaintext.unprotectedBytes, as: UTF8.self)
                == "The true sign of intelligence is not knowledge but imagination."
        )
        // The generic decryptor refuses RSA-OAEP as an algorithm, not as a wrong key.
        #expect(throws: JOSEError.unsupportedAlgorithm("RSA-OAEP")) { try jwe.decrypt(with: .direct(cek)) }
    }

    @Test func directRoundTrip() throws {
        let key = SecureRandom.bytes(32)
        let jwe = try JWE.encryptDirect(Self.plaintext, key: key)
        #expect(jwe.protectedHeader["alg"] == .string("dir") && jwe.protectedHeader["enc"] == .string("A256GCM"))
        let reparsed = try JWE.parse(jwe.json.serialized)
        #expect(try reparsed.decrypt(with: .direct(key)) == Self.plaintext)
        #expect(throws: JOSEError.authenticationFailed) { try reparsed.decrypt(with: .direct(SecureRandom.bytes(32))) }
        #expect(throws: JOSEError.wrongKey("a dir key for A256GCM is 32 bytes, not 16")) {
            try reparsed.decrypt(with: .direct(SecureRandom.bytes(16)))
        }
    }

    @Test(arguments: [KeyAlgorithm.x25519, .x448])
    func agreementRoundTrip(_ algorithm: KeyAlgorithm) throws {
        let first = try OpenSSLPrivateKey.generate(algorithm)
        let second = try OpenSSLPrivateKey.generate(.x448)
        let jwe = try JWE.encrypt(
            Self.plaintext,
            to: [
                .init(key: first.publicKey, kid: "first"),
                .init(key: second.publicKey, kid: "second"),
            ]
        )
        let reparsed = try JWE.parse(jwe.json.serialized)
        #expect(reparsed.recipients.count == 2)
        #expect(reparsed.recipients[0].header["kid"] == .string("first"))
        #expect(reparsed.recipients[0].header["epk"]?["crv"] == .string(algorithm.rawValue))
        #expect(reparsed.recipients[0].encryptedKey.count == 40)
        #expect(try reparsed.decrypt(with: .agreement(first)) == Self.plaintext)
        #expect(try reparsed.decrypt(with: .agreement(second)) == Self.plaintext)
        let stranger = try OpenSSLPrivateKey.generate(algorithm)
        #expect(throws: JOSEError.wrongKey("no recipient's encrypted key unwraps with this \(algorithm.rawValue) key"))
        {
            try reparsed.decrypt(with: .agreement(stranger))
        }
        #expect(throws: JOSEError.self) { try reparsed.decrypt(with: .direct(SecureRandom.bytes(32))) }
    }

    /// A JWE's JSON with one member changed.
    static func changed(_ jwe: JWE, _ body: (inout [String: JSONValue]) -> Void) -> JWE? {
        guard var members = jwe.json.objectValue else { return nil }
        body(&members)
        return try? JWE.parse(json: .object(members))
    }

    static func protected(_ header: [String: JSONValue]) -> JSONValue {
        .string(Base64URL.encode(Array(JSONValue.object(header).serialized.utf8)))
    }

    static func flip(_ text: JSONValue?) -> JSONValue {
        var bytes = Base64URL.decode(text?.stringValue ?? "") ?? []
        bytes[bytes.count / 2] ^= 1
        return .string(Base64URL.encode(bytes))
    }

    /// Every tampering case gives its own error, and no plaintext.
    @Test func tampering() throws {
        let recipient = try OpenSSLPrivateKey.generate(.x25519)
        let jwe = try JWE.encrypt(Self.plaintext, to: [.init(key: recipient.publicKey, kid: "r")])
        let key = JWE.DecryptionKey.agreement(recipient)
        let cases: [(String, (inout [String: JSONValue]) -> Void, JOSEError)] = [
            (
                "crit",
                {
                    $0["protected"] = Self.protected([
                        "enc": .string("A256GCM"), "crit": .array([.string("exp")]),
                        "exp": .number(1),
                    ])
                }, .unsupportedCritical(["exp"])
            ),
            (
                "enc", { $0["protected"] = Self.protected(["enc": .string("A128GCM")]) },
                .unsupportedEncryption("A128GCM")
            ),
            (
                "alg",
                { members in
                    var recipients = members["recipients"]!.arrayValue!
                    var entry = recipients[0].objectValue!
                    var header = entry["header"]!.objectValue!
                    header["alg"] = .string("ECDH-ES+A128KW")
                    entry["header"] = .object(header)
                    recipients[0] = .object(entry)
                    members["recipients"] = .array(recipients)
                }, .unsupportedAlgorithm("ECDH-ES+A128KW")
            ),
            (
                "duplicate alg",
                { $0["protected"] = Self.protected(["enc": .string("A256GCM"), "alg": .string("dir")]) },
                .duplicateHeaderParameter("alg")
            ),
            (
                "protected header",
                { $0["protected"] = Self.protected(["enc": .string("A256GCM"), "cty": .string("x")]) },
                .authenticationFailed
            ),
            (
                "zip", { $0["protected"] = Self.protected(["enc": .string("A256GCM"), "zip": .string("DEF")]) },
                .unsupportedEncryption("compression zip=DEF")
            ),
            (
                "duplicate member",
                { $0["protected"] = .string(Base64URL.encode(Array(#"{"enc":"A256GCM","enc":"A128GCM"}"#.utf8))) },
                .malformedProtectedHeader
            ),
            (
                "protected header text", { $0["protected"] = .string("eyJlbmMiOiJBMjU2R0NNIn1") },
                .malformedProtectedHeader
            ),
            ("ciphertext", { $0["ciphertext"] = Self.flip($0["ciphertext"]) }, .authenticationFailed),
            ("tag", { $0["tag"] = Self.flip($0["tag"]) }, .authenticationFailed),
            (
                "truncated tag",
                {
                    $0["tag"] = .string(
                        Base64URL.encode(Array((Base64URL.decode($0["tag"]!.stringValue!)!).prefix(12)))
                    )
                },
                .invalidTag(12)
            ),
            ("iv", { $0["iv"] = Self.flip($0["iv"]) }, .authenticationFailed),
            ("short iv", { $0["iv"] = .string("AAAA") }, .invalidIV(3)),
            ("aad added", { $0["aad"] = .string("YWFk") }, .authenticationFailed),
            (
                "encrypted key",
                { members in
                    var recipients = members["recipients"]!.arrayValue!
                    var entry = recipients[0].objectValue!
                    entry["encrypted_key"] = Self.flip(entry["encrypted_key"])
                    recipients[0] = .object(entry)
                    members["recipients"] = .array(recipients)
                }, .wrongKey("no recipient's encrypted key unwraps with this X25519 key")
            ),
        ]
        for (name, change, expected) in cases {
            var thrown: JOSEError?
            if let altered = Self.changed(jwe, change) {
                do {
                    let plaintext = try altered.decrypt(with: key)
                    Issue.record("\(name): decrypted \(plaintext.count) bytes")
                } catch { thrown = error }
            } else {
                do {
                    _ = try JWE.parse(
                        json: {
                            var m = jwe.json.objectValue!
                            change(&m)
                            return .object(m)
                        }()
                    )
                } catch { thrown = error }
            }
            #expect(thrown == expected, "\(name): \(String(describing: thrown))")
        }
        // The codes differ between the cases that are distinguishable.
        let codes = Set(cases.map(\.2.code))
        #expect(codes.count == 9)
        // The untouched JWE still opens.
        #expect(try jwe.decrypt(with: key) == Self.plaintext)
    }

    @Test func strictParsing() {
        #expect(throws: JOSEError.malformed("the compact serialization has 5 parts, this has 3")) {
            try JWE.parse("a.b.c")
        }
        // RFC 7516 §7.2.1: a member the JWE JSON serialization does not define is ignored, not refused.
        #expect(throws: Never.self) {
            try JWE.parse(#"{"protected":"e30","iv":"","ciphertext":"","tag":"","extra":1}"#)
        }
        // The members it defines are still checked.
        #expect(throws: JOSEError.malformed("iv is not base64url")) {
            try JWE.parse(#"{"protected":"e30","iv":"*","ciphertext":"","tag":"","extra":1}"#)
        }
        #expect(throws: JOSEError.malformed("both recipients and flattened header/encrypted_key")) {
            try JWE.parse(#"{"protected":"e30","iv":"","ciphertext":"","tag":"","header":{},"recipients":[{}]}"#)
        }
        #expect(throws: JOSEError.malformed("the text is not JSON")) { try JWE.parse("{nope") }
    }

    // MARK: Interoperability with joserfc

    static var fixtures: JSONValue { JSONValue.parse(Array(JoserfcFixtures.json.utf8))! }

    @Test(arguments: ["X25519", "X448"])
    func decryptsJoserfc(_ curve: String) throws {
        let fixture = try #require(Self.fixtures[curve])
        let jwkValue = try #require(fixture["jwk"])
        let jwk = try OKPKey(json: jwkValue)
        let key = JWE.DecryptionKey.agreement(try jwk.privateKey())
        let text = try #require(fixture["plaintext"]?.stringValue)
        let expected = SecureBytes(Array(text.utf8))
        let compact = try #require(fixture["compact"]?.stringValue)
        #expect(try JWE.parse(compact).decrypt(with: key) == expected)
        let generalValue = try #require(fixture["general"])
        let general = try JWE.parse(json: generalValue)
        #expect(general.aadText != nil)
        #expect(general.recipients[0].header["apu"] != nil)
        #expect(try general.decrypt(with: key) == expected)
    }

    // MARK: RFC 7516 §7.2.1 with jwcrypto's JWEs

    static var jwcrypto: JSONValue { JSONValue.parse(Array(JwcryptoFixtures.json.utf8))! }

    static func jwcryptoKey(_ curve: String) throws -> JWE.DecryptionKey {
        .agreement(try OKPKey(json: try #require(jwcrypto["keys"]?[curve])).privateKey())
    }

    static func jwcryptoCase(_ name: String) throws -> (jwe: JSONValue, plaintext: SecureBytes) {
        let fixture = try #require(jwcrypto[name])
        return (try #require(fixture["jwe"]), SecureBytes(Array(try #require(fixture["plaintext"]?.stringValue).utf8)))
    }

    /// `alg` in the protected header with `enc` in the shared unprotected one, and `alg` shared with `enc`
    /// per recipient: both open (before, `enc` outside the protected header was refused).
    @Test(arguments: [("encUnprotected", "X25519"), ("encPerRecipient", "X448")])
    func headerParametersInAnyOfTheThreeHeaders(_ name: String, _ curve: String) throws {
        let fixture = try Self.jwcryptoCase(name)
        let jwe = try JWE.parse(json: fixture.jwe)
        #expect(jwe.protectedHeader["enc"] == nil)
        #expect(try jwe.decrypt(with: Self.jwcryptoKey(curve)) == fixture.plaintext)
        // Repeating a parameter in a second header is still refused.
        var members = try #require(fixture.jwe.objectValue)
        var shared = members["unprotected"]?.objectValue ?? [:]
        shared["enc"] = .string("A256GCM")
        shared["alg"] = .string(JWE.agreementAlgorithm)
        members["unprotected"] = .object(shared)
        let repeated = try JWE.parse(json: .object(members))
        #expect(throws: JOSEError.self) { try repeated.decrypt(with: Self.jwcryptoKey(curve)) }
        do { _ = try repeated.decrypt(with: Self.jwcryptoKey(curve)) } catch {
            #expect((error as? JOSEError)?.code == "duplicate_header_parameter")
        }
    }

    /// Members of the JWE object and of recipient objects that RFC 7516 does not define are ignored, for
    /// either recipient (before: `malformed_jwe`, unknown member).
    @Test func unknownMembersAreIgnored() throws {
        let fixture = try Self.jwcryptoCase("unknownMembers")
        #expect(fixture.jwe["x-extension"] != nil)
        #expect(fixture.jwe["recipients"]?.arrayValue?[0]["x-note"] != nil)
        let jwe = try JWE.parse(json: fixture.jwe)
        #expect(try jwe.decrypt(with: Self.jwcryptoKey("X25519")) == fixture.plaintext)
        #expect(try jwe.decrypt(with: Self.jwcryptoKey("X448")) == fixture.plaintext)
        // From text too (as `escrow open` reads an entry).
        #expect(try JWE.parse(fixture.jwe.serialized).decrypt(with: Self.jwcryptoKey("X25519")) == fixture.plaintext)
    }

    /// A broken recipient after the one that opens does not change the outcome; the broken one itself is
    /// still refused for its own key (strictness kept), and a broken recipient before it still stops.
    @Test func recipientsAfterTheOpeningOneDoNotMatter() throws {
        let fixture = try Self.jwcryptoCase("brokenLaterRecipient")
        let jwe = try JWE.parse(json: fixture.jwe)
        #expect(try jwe.decrypt(with: Self.jwcryptoKey("X25519")) == fixture.plaintext)
        #expect(throws: JOSEError.duplicateHeaderParameter("alg")) { try jwe.decrypt(with: Self.jwcryptoKey("X448")) }
        var members = try #require(fixture.jwe.objectValue)
        members["recipients"] = .array(try #require(members["recipients"]?.arrayValue).reversed())
        let reversed = try JWE.parse(json: .object(members))
        #expect(throws: JOSEError.duplicateHeaderParameter("alg")) {
            try reversed.decrypt(with: Self.jwcryptoKey("X25519"))
        }
    }

    @Test func decryptsJoserfcDirect() throws {
        let fixture = try #require(Self.fixtures["dir"])
        let keyText = try #require(fixture["key"]?.stringValue)
        let key = SecureBytes(try #require(Base64URL.decode(keyText)))
        let compact = try #require(fixture["compact"]?.stringValue)
        let text = try #require(fixture["plaintext"]?.stringValue)
        #expect(try JWE.parse(compact).decrypt(with: .direct(key)) == SecureBytes(Array(text.utf8)))
    }
}

@Suite struct SecretJSONTests {
    /// Found by fuzzing (jwe_escrow_entry): a number beyond Double's range was read as infinity, which
    /// `serialized` writes as `inf`, not JSON. Such numbers are refused.
    @Test func numbersOutOfRangeAreRefused() {
        for text in ["\n55e5555555555555555555555555", "1e400", "-1e309", "[1e999]", "{\"a\":-2e308}"] {
            #expect(JSONValue.parse(Array(text.utf8)) == nil, "\(text)")
            #expect(SecretJSON.parse(SecureBytes(Array(text.utf8)), secretMember: "d") == nil, "\(text)")
        }
        // In range (underflow reads as zero): written back as JSON that reads the same.
        for text in ["1e308", "-1.5e-400", "0", "123456789012345678901234567890", "[0.1,-2.5e-7]"] {
            let value = JSONValue.parse(Array(text.utf8))
            #expect(value != nil && JSONValue.parse(Array(value!.serialized.utf8)) == value, "\(text)")
        }
    }

    @Test func secretsStayOutOfTheTree() throws {
        let text =
            #"{"keys":[{"d":"c2VjcmV0","kty":"OKP"},{"d":"b3RoZXI"}],"n":-1.5e2,"s":"a\"\u00e9\ud83d\ude00","t":[true,false,null]}"#
        let (value, secrets) = try #require(SecretJSON.parse(SecureBytes(Array(text.utf8)), secretMember: "d"))
        #expect(secrets.count == 2)
        #expect(
            SecretJSON.secret(value["keys"]?.arrayValue?[1]["d"], in: secrets) == SecureBytes(Array("b3RoZXI".utf8))
        )
        #expect(!value.serialized.contains("c2VjcmV0"))
        #expect(value["n"] == .number(-150))
        #expect(value["s"] == .string("a\"é😀"))
        #expect(value["t"] == .array([.bool(true), .bool(false), .null]))
        // Without secret members the parser agrees with Foundation's decoder.
        let plain = #"{"a":[1,2.5,-3e-2,{"b":null}],"n":-1.5e2,"s":"a\"\u00e9\ud83d\ude00\n","t":true}"#
        #expect(
            JSONValue.parse(Array(plain.utf8)) == (try JSONDecoder().decode(JSONValue.self, from: Data(plain.utf8)))
        )
    }

    @Test func strictness() {
        for text in [
            #"{"a":1,"a":2}"#, #"{"d":{"secret_index":0}}"#, #"{"d":"a\u0062"}"#, #"{"a":01}"#, "[1,]", "{} x",
            #"{"a":"\ud800"}"#, String(repeating: "[", count: 40) + String(repeating: "]", count: 40), #"{"a":tru}"#,
        ] {
            #expect(SecretJSON.parse(SecureBytes(Array(text.utf8)), secretMember: "d") == nil, "\(text)")
        }
    }
}
