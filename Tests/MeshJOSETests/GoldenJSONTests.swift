import MeshCrypto
import MeshEscrow
import MeshJOSE
import MeshJSON
import Testing

/// The exact bytes the JSON writer gives (compact and pretty), of escrow entries read back and rewritten, of
/// seal signatures and JWKs from fixed keys: a change of JSON implementation must not change one byte.
@Suite struct GoldenJSONTests {
    static let sample =
        #"{"b": [1, -2.5, 1e3, true, false, null, {}], "a": "quote \" slash / back \\ tab \t nl \n ctl \u0001 del \u007f sep \u2028 é 😀", "c": {"z": {}, "y": []}}"#

    @Test func compactAndPrettyForms() throws {
        let value = try #require(JSONValue.parse(Array(Self.sample.utf8)))
        #expect(
            value.serialized
                == #"{"a":"quote \" slash / back \\ tab \t nl \n ctl \u0001 del \u007f sep \u2028 é 😀","b":[1,-2.5,1000,true,false,null,{}],"c":{"y":[],"z":{}}}"#,
            "\(value.serialized)"
        )
        #expect(
            value.pretty() == """
                {
                  "a": "quote \\" slash / back \\\\ tab \\t nl \\n ctl \\u0001 del \\u007f sep \\u2028 é 😀",
                  "b": [
                    1,
                    -2.5,
                    1000,
                    true,
                    false,
                    null,
                    {}
                  ],
                  "c": {
                    "y": [],
                    "z": {}
                  }
                }
                """,
            "\(value.pretty())"
        )
        #expect(JSONValue.parse(Array(value.serialized.utf8)) == value)
    }

    static func fixedKey(_ algorithm: KeyAlgorithm) throws -> OpenSSLPrivateKey {
        try OpenSSLPrivateKey(
            algorithm: algorithm,
            rawRepresentation: SecureBytes((0..<algorithm.privateKeyByteCount).map { UInt8($0 + 1) })
        )
    }

    @Test func jwkAndSealSignature() throws {
        let key = try Self.fixedKey(.ed25519)
        let jwk = OKPKey(publicKey: key.publicKey, kid: "MDD6-KID")
        #expect(
            jwk.publicJSON.serialized
                == #"{"crv":"Ed25519","kid":"MDD6-KID","kty":"OKP","x":"ebVWLo_mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ"}"#,
            "\(jwk.publicJSON.serialized)"
        )
        let signature = try SealSignature.sign(Array("content".utf8), with: try SealSigner(key: key))
        #expect(
            signature.json.serialized
                == #"{"protected":"eyJhbGciOiJFZERTQSIsImp3ayI6eyJjcnYiOiJFZDI1NTE5Iiwia3R5IjoiT0tQIiwieCI6ImViVldMb19tVlBsQWVMRVM2S21McDVBZmhUcm1sYjdYNE9PUkM2MEVsbVEifSwia2lkIjoiTUFZUC03T0VNLUlYTUUtVEJVRi1QUFpXLUZJWEUtUjZTViIsIm1lc2hrZXlfc2VhbCI6MX0","signature":"ErbtSqoysLU9zKvnbzefP2VN_Akf_8ZwpK2UVESC-knE-CUwDVWOoH1B0WnXfGetusdHDJ_kIkSk2bqip4JSCQ"}"#,
            "\(signature.json.serialized)"
        )
    }

    /// An escrow entry (random JWE) read back and written again gives the same bytes.
    @Test func escrowEntriesRewriteToTheSameBytes() throws {
        let key = try Self.fixedKey(.ed25519)
        let keySet = EscrowedKeySet(keys: [
            .init(udf: try EscrowedKeySet.udf(of: key), role: nil, privateKey: key, exportable: true)
        ])
        let offline = try EscrowEntry.sealOffline(keySet, threshold: 2, shareCount: 3, signer: try SealSigner(key: key))
        let document = offline.entry.document
        #expect(try EscrowEntry.parse(document).document == document)
        let text = String(decoding: document, as: UTF8.self)
        #expect(
            text.hasPrefix("{\n  \"OfflineEscrowEntry\": {\n    \"EncryptedData\": {\n      \"ciphertext\": \""),
            "\(text)"
        )
        let recipient = try Self.fixedKey(.x25519)
        let online = try EscrowEntry.sealOnline(keySet, to: [.init(key: recipient.publicKey, kid: "MXXX")])
        #expect(try EscrowEntry.parse(online.document).document == online.document)
    }
}
