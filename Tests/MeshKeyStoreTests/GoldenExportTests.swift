import Foundation
import MeshCrypto
import Testing

@testable import MeshKeyStore

/// The exact bytes of exports (JWK, OpenSSH, age) of fixed keys, and of the store's own files read and written
/// again: a change of JSON or text encoder must not change one byte of them.
@Suite struct GoldenExportTests {
    static func fixedKey(_ algorithm: KeyAlgorithm) throws -> OpenSSLPrivateKey {
        try OpenSSLPrivateKey(
            algorithm: algorithm,
            rawRepresentation: SecureBytes((0..<algorithm.privateKeyByteCount).map { UInt8($0 + 1) })
        )
    }

    static func text(_ bytes: SecureBytes) -> String { String(decoding: bytes.unprotectedBytes, as: UTF8.self) }

    @Test func exportsOfFixedKeys() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let ed = try store.add(key: try Self.fixedKey(.ed25519))
        let x = try store.add(key: try Self.fixedKey(.x25519))
        func export(_ udf: String, _ format: ExportFormat, _ secret: Bool) throws -> String {
            Self.text(try store.export(udf: udf, format: format, includePrivate: secret))
        }
        let golden_jwk_public = try export(ed.udf, .jwk, false)
        #expect(
            golden_jwk_public
                == "{\"crv\": \"Ed25519\", \"kid\": \"MAYP-7OEM-IXME-TBUF-PPZW-FIXE-R6SV\", \"kty\": \"OKP\", \"x\": \"ebVWLo_mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ\"}\n",
            "\(golden_jwk_public)"
        )
        let golden_jwk_private = try export(ed.udf, .jwk, true)
        #expect(
            golden_jwk_private
                == "{\"crv\": \"Ed25519\", \"d\": \"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA\", \"kid\": \"MAYP-7OEM-IXME-TBUF-PPZW-FIXE-R6SV\", \"kty\": \"OKP\", \"x\": \"ebVWLo_mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ\"}\n",
            "\(golden_jwk_private)"
        )
        let golden_jwk_x = try export(x.udf, .jwk, true)
        #expect(
            golden_jwk_x
                == "{\"crv\": \"X25519\", \"d\": \"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA\", \"kid\": \"MBXA-UGSK-Z43Y-Y54O-GM6I-YBJ4-6AQT\", \"kty\": \"OKP\", \"x\": \"B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9_AsrhtHHw\"}\n",
            "\(golden_jwk_x)"
        )
        let golden_ssh = try export(ed.udf, .openssh, false)
        #expect(
            golden_ssh
                == "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk MAYP-7OEM-IXME-TBUF-PPZW-FIXE-R6SV\n",
            "\(golden_ssh)"
        )
        let golden_age = try export(x.udf, .age, false)
        #expect(golden_age == "age1q73he0q5yzfu3d64msd3p6rvksnrwjk3d2598mgtmlqt9wrdr37q2vrn72\n", "\(golden_age)")
        let golden_age_secret = try export(x.udf, .age, true)
        #expect(
            golden_age_secret == "AGE-SECRET-KEY-1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5Z5TPWXQERGD3C8G7RUSQGPQYEE\n",
            "\(golden_age_secret)"
        )
        let golden_spki = try export(ed.udf, .pkcs8, false)
        #expect(
            golden_spki
                == "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAebVWLo/mVPlAeLES6KmLp5AfhTrmlb7X4OORC60ElmQ=\n-----END PUBLIC KEY-----\n",
            "\(golden_spki)"
        )
        // The OpenSSH private key holds a random check integer (bytes 0 to 7 of the private section): the rest
        // is fixed. Its base64 lines are compared with that part masked.
        let pem = try export(ed.udf, .openssh, true)
        let lines = pem.split(separator: "\n").map(String.init)
        #expect(
            lines.first == "-----BEGIN OPENSSH PRIVATE KEY-----" && lines.last == "-----END OPENSSH PRIVATE KEY-----"
        )
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count <= 70 })
        let blob = try #require(Data(base64Encoded: lines.dropFirst().dropLast().joined()))
        var masked = Array(blob)
        // magic, cipher, KDF, KDF options, key count, public blob, section length: 98 bytes.
        let sectionStart = 98
        for index in sectionStart..<(sectionStart + 8) { masked[index] = 0 }
        #expect(
            Hex.encode(Digest.hash(.sha256, masked))
                == "d0c8fbcc243109979bb16314933de2277e08c7a6605effb70fe39af41ae43f0e",
            "\(Hex.encode(masked))"
        )
        #expect(masked[sectionStart - 4..<sectionStart] == [0, 0, 0, 0xA8])
    }

    /// The store header and an entry file, read and written again, give the same bytes.
    @Test func storeFilesRewriteToTheSameBytes() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entry = try store.add(key: try Self.fixedKey(.ed448), label: "golden \"label\" / é")
        let entryBytes = Array(try Data(contentsOf: URL(fileURLWithPath: temporary.file(entry.udf))))
        let file = try #require(StoreJSON.decode(EntryFile.self, entryBytes))
        #expect(StoreJSON.encode(file) == entryBytes, "\(String(decoding: entryBytes, as: UTF8.self))")
        let headerBytes = Array(try Data(contentsOf: URL(fileURLWithPath: temporary.path + "/store.json")))
        let header = try #require(StoreJSON.decode(StoreHeader.self, headerBytes))
        #expect(StoreJSON.encode(header) == headerBytes)
        let escapes = EntryFile(
            format: 3,
            udf: "MAAA",
            type: "key",
            algorithm: "Ed448",
            label: "a\u{0}b\u{8}c\u{c}d\u{1f}e\u{7f}f\u{85}g\u{2028}h\u{2029}i/j\\k\"l\tm\nn\ro é😀",
            exportable: false,
            created: "c",
            publicKey: nil,
            group: "ab",
            store: nil,
            generation: nil,
            sealed: SealedBox(alg: "A256GCM", nonce: "01", ciphertext: "02", tag: "03")
        )
        let escapesText = String(decoding: StoreJSON.encode(escapes), as: UTF8.self)
        #expect(
            escapesText == #"""
                {
                  "algorithm" : "Ed448",
                  "created" : "c",
                  "exportable" : false,
                  "format" : 3,
                  "group" : "ab",
                  "label" : "a\u0000b\bc\fd\u001fe\#u{7f}f\#u{85}g\#u{2028}h\#u{2029}i/j\\k\"l\tm\nn\ro é😀",
                  "sealed" : {
                    "alg" : "A256GCM",
                    "ciphertext" : "02",
                    "nonce" : "01",
                    "tag" : "03"
                  },
                  "type" : "key",
                  "udf" : "MAAA"
                }

                """#,
            "\(escapesText)"
        )
        let sample = EntryFile(
            format: 3,
            udf: "MAAA",
            type: "key",
            algorithm: "Ed448",
            label: "a/b \"c\"",
            exportable: true,
            created: "2026-12-02T06:30:00Z",
            publicKey: "00ff",
            group: nil,
            store: "0011",
            generation: 2,
            sealed: SealedBox(alg: "A256GCM", nonce: "01", ciphertext: "02", tag: "03")
        )
        #expect(
            Hex.encode(Digest.hash(.sha256, StoreJSON.encode(sample)))
                == "a33906a595e0758f96e96de4e0dc34b4c3d3e0208e79209d459022d39c4a9585",
            "\(String(decoding: StoreJSON.encode(sample), as: UTF8.self))"
        )
    }
}
