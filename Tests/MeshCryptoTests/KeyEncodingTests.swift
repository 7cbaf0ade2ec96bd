import MeshCrypto
import TestSupport
import Testing

@Suite struct KeyEncodingTests {
    // RFC 8410 §10.3 (version 1 PrivateKeyInfo) and the matching §10.1 public key.
    static let rfc8410PrivatePEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        -----END PRIVATE KEY-----

        """
    // RFC 8410 §10.3, version 2 (OneAsymmetricKey with an attribute and the public key).
    static let rfc8410PrivatePEMVersion2 = """
        -----BEGIN PRIVATE KEY-----
        MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB
        Z9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PRIVATE KEY-----

        """
    static let rfc8410PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PUBLIC KEY-----

        """
    static let rfc8410Public = "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"
    static let rfc8410Secret = "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"

    @Test func rfc8410PrivateKeyDecodesToItsPublicKey() throws {
        let key = try OpenSSLPrivateKey(pemRepresentation: SecureBytes(Array(Self.rfc8410PrivatePEM.utf8)))
        #expect(key.algorithm == .ed25519)
        #expect(Hex.encode(key.publicKey.rawRepresentation) == Self.rfc8410Public)
        #expect(Hex.encode(try key.rawRepresentation().unprotectedBytes) == Self.rfc8410Secret)
        let publicKey = try OpenSSLPublicKey(pemRepresentation: Self.rfc8410PublicPEM)
        #expect(publicKey == key.publicKey)
        #expect(try publicKey.pemRepresentation() == Self.rfc8410PublicPEM)
        #expect(try key.pemRepresentation().unprotectedBytes == Array(Self.rfc8410PrivatePEM.utf8))
    }

    /// OpenSSL 3.0's PKCS#8 parser knows only version 1 (no `[1] publicKey`), so it refuses the RFC 8410
    /// version 2 example ("DECODER routines::unsupported"). Whatever a later OpenSSL does, the result must
    /// be either a clean refusal or the right key.
    @Test func rfc8410VersionTwoPrivateKeyIsRefusedOrDecodedCorrectly() {
        do {
            let key = try OpenSSLPrivateKey(pemRepresentation: SecureBytes(Array(Self.rfc8410PrivatePEMVersion2.utf8)))
            #expect(Hex.encode(key.publicKey.rawRepresentation) == Self.rfc8410Public)
        } catch {
            guard case .malformedEncoding = error else {
                Issue.record("expected malformedEncoding, got \(error)")
                return
            }
        }
    }

    @Test func ed25519PublicKeyInfoHasTheRFC8410Prefix() throws {
        let key = try OpenSSLPrivateKey.generate(.ed25519)
        let der = try key.publicKey.derRepresentation()
        #expect(der.count == 44)
        #expect(Hex.encode(der.prefix(12)) == "302a300506032b6570032100")
        #expect(Array(der.suffix(32)) == key.publicKey.rawRepresentation)
    }

    @Test(arguments: KeyAlgorithm.allCases)
    func roundTripsEveryAlgorithm(algorithm: KeyAlgorithm) throws {
        let key = try OpenSSLPrivateKey.generate(algorithm)
        let raw = try key.rawRepresentation()

        let privateDER = try key.derRepresentation()
        let fromDER = try OpenSSLPrivateKey(derRepresentation: privateDER)
        #expect(fromDER.algorithm == algorithm)
        #expect(try fromDER.rawRepresentation() == raw)
        #expect(fromDER.publicKey == key.publicKey)

        let privatePEM = try key.pemRepresentation()
        #expect(String(decoding: privatePEM.unprotectedBytes, as: UTF8.self).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let fromPEM = try OpenSSLPrivateKey(pemRepresentation: privatePEM)
        #expect(try fromPEM.rawRepresentation() == raw)

        let publicDER = try key.publicKey.derRepresentation()
        #expect(try OpenSSLPublicKey(derRepresentation: publicDER) == key.publicKey)
        let publicPEM = try key.publicKey.pemRepresentation()
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try OpenSSLPublicKey(pemRepresentation: publicPEM) == key.publicKey)

        // A public key is not a private key, and vice versa.
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPrivateKey(derRepresentation: SecureBytes(publicDER)) }
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPublicKey(derRepresentation: privateDER.unprotectedBytes) }
    }

    @Test func refusesMalformedEncryptedAndForeignKeys() throws {
        let key = try OpenSSLPrivateKey.generate(.x25519)
        let der = try key.derRepresentation().unprotectedBytes
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPrivateKey(derRepresentation: SecureBytes(der + [0])) }
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPrivateKey(derRepresentation: SecureBytes(der.dropLast())) }
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPrivateKey(derRepresentation: SecureBytes()) }
        let publicDER = try key.publicKey.derRepresentation()
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPublicKey(derRepresentation: publicDER + [0]) }
        #expect(throws: OpenSSLKeyError.self) { try OpenSSLPublicKey(pemRepresentation: "not a key") }

        // Encrypted PKCS#8 is refused without asking for a passphrase.
        let encrypted = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiNlIMPQx/BTgICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEEWuBNCTOglrUtf9MLLuCo4EQD75
            DowU5ZJ1LJavDPp+fNe+UHZABZZ0B6TrGWlLvt5dBoM3//DyZn+rPE9ZCjxUnBpk
            J5/QmiY19HIAw7mIM68=
            -----END ENCRYPTED PRIVATE KEY-----

            """
        #expect(throws: OpenSSLKeyError.self) {
            try OpenSSLPrivateKey(pemRepresentation: SecureBytes(Array(encrypted.utf8)))
        }

        // An RSA public key decodes in OpenSSL but is not one of ours.
        let rsa = """
            -----BEGIN PUBLIC KEY-----
            MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBALrTFv/0KRfisTMgu9CSiklu0fNnQlCJ
            QXaMaY20wVVAYWldmvJiO0MTKENn62YKmxkvPQwjIIVlxQDu8WXIItECAwEAAQ==
            -----END PUBLIC KEY-----

            """
        let error = #expect(throws: OpenSSLKeyError.self) { try OpenSSLPublicKey(pemRepresentation: rsa) }
        guard case .unsupportedKeyType? = error else {
            Issue.record("expected unsupportedKeyType, got \(String(describing: error))")
            return
        }
    }
}
