import MeshCrypto
import MeshEscrow
import MeshKeys
import MeshMath
import Testing

/// The exact bytes of the key files and the signed profile document, from fixed keys: a change of JSON
/// writer must not change one byte of them.
@Suite struct GoldenKeyFileTests {
    static func bytes(_ count: Int, from start: UInt8 = 1) -> SecureBytes {
        SecureBytes((0..<count).map { UInt8(truncatingIfNeeded: Int(start) + $0) })
    }

    static func sha256(_ bytes: [UInt8]) -> String { Hex.encode(Digest.hash(.sha256, bytes)) }

    @Test func scalarKeyFiles() throws {
        let standard = ScalarKeyFile(curve: .x25519, isScalar: false, privateBytes: Self.bytes(32))
        #expect(
            String(decoding: standard.json.unprotectedBytes, as: UTF8.self) == """
                {
                  "Private" : "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA",
                  "crv" : "X25519"
                }

                """
        )
        let share = ScalarKeyFile(curve: .ed448, isScalar: true, privateBytes: Self.bytes(56, from: 0), x: 3)
        #expect(
            String(decoding: share.json.unprotectedBytes, as: UTF8.self) == """
                {
                  "Private" : "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc",
                  "crv" : "Ed448z",
                  "x" : 3
                }

                """
        )
        let read = try ScalarKeyFile(json: share.json)
        #expect(read.curve == .ed448 && read.isScalar && read.x == 3 && read.privateBytes == share.privateBytes)
    }

    @Test func keyComposite() throws {
        let part = try CurveScalar(canonical: Self.bytes(32, from: 0).reversedForTest, curve: .ed25519)
        let composite = KeyComposite(
            curve: .ed25519,
            groupPublic: Self.bytes(32).unprotectedBytes,
            part: part,
            service: "recrypt/service \"one\""
        )
        let text = String(decoding: composite.json.unprotectedBytes, as: UTF8.self)
        #expect(
            text == """
                {
                  "Part" : {
                    "Private" : "Hx4dHBsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA",
                    "crv" : "Ed25519z"
                  },
                  "Public" : {
                    "Public" : "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA",
                    "crv" : "Ed25519"
                  },
                  "Service" : "recrypt\\/service \\"one\\""
                }

                """,
            "\(text)"
        )
    }

    /// Foundation's escapes, which the key files have: every control character, DEL, the line and paragraph
    /// separators, a solidus, non-ASCII.
    @Test func keyFileEscapes() throws {
        let part = try CurveScalar(canonical: Self.bytes(32, from: 0).reversedForTest, curve: .ed25519)
        let service = "a\u{0}b\u{8}c\u{c}d\u{1f}e\u{7f}f\u{85}g\u{2028}h\u{2029}i/j\\k\"l\tm\nn\ro é😀"
        let composite = KeyComposite(curve: .ed25519, groupPublic: [1], part: part, service: service)
        let text = String(decoding: composite.json.unprotectedBytes, as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first { $0.contains("Service") })
        #expect(
            line == #"  "Service" : "a\u0000b\bc\fd\u001fe\#u{7f}f\#u{85}g\#u{2028}h\#u{2029}i\/j\\k\"l\tm\nn\ro é😀""#,
            "\(line)"
        )
    }

    @Test func keyOverlay() {
        let overlay = KeyOverlay(curve: .x448, udf: "MAAA-BBBB", baseUDF: "MCCC-DDDD", overlayPrivate: Self.bytes(56))
        let text = String(decoding: overlay.json, as: UTF8.self)
        #expect(
            text == """
                {
                  "BaseUDF" : "MCCC-DDDD",
                  "Overlay" : {
                    "Private" : "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg",
                    "crv" : "X448"
                  },
                  "UDF" : "MAAA-BBBB"
                }
                """,
            "\(text)"
        )
    }

    /// The reference profile (the shares of MeshKeysTests) signs the same document every time (EdDSA is
    /// deterministic).
    @Test func profileDocument() throws {
        let recovered = try ShareSet.parse(MeshProfileTests.referenceShares).recover()
        let profile = try MeshProfile(recoveredSecret: recovered.secret)
        let document = try ProfileDocument(profile: profile)
        let text = String(decoding: document.json, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"payload\" : \"eyJrZXlzIjpb"), "\(text)")
        #expect(
            Self.sha256(document.json) == "178c725ba13b5d0677045f7a5244cab2b57651ee73c488fb1dfc7b9a55238dd1",
            "\(text)"
        )
        #expect(try ProfileDocument.verify(document.json).json == document.json)
    }
}

extension SecureBytes {
    /// The bytes in reverse order (a small little-endian scalar from an ascending run).
    var reversedForTest: SecureBytes { SecureBytes(unprotectedBytes.reversed()) }
}
