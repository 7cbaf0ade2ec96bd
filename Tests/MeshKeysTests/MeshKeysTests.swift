import Foundation
import MeshCrypto
import MeshEscrow
import MeshKeys
import MeshMath
import MeshUDF
import TestSupport
import Testing

@Suite struct KeyFingerprintTests {
    @Test func referenceSPKIHeaders() {
        #expect(
            Hex.encode(KeyFingerprint.referenceSPKI(curve: .ed25519, key: Array(repeating: 0, count: 32)).prefix(16))
                == "302e300706032b657005000323000420"
        )
        #expect(
            Hex.encode(KeyFingerprint.referenceSPKI(curve: .x25519, key: Array(repeating: 0, count: 33)).prefix(16))
                == "302f300706032b656e05000324000421"
        )
        #expect(
            Hex.encode(KeyFingerprint.referenceSPKI(curve: .ed448, key: Array(repeating: 0, count: 57)).prefix(16))
                == "3047300706032b65710500033c000439"
        )
        #expect(
            Hex.encode(KeyFingerprint.referenceSPKI(curve: .x448, key: Array(repeating: 0, count: 57)).prefix(16))
                == "3047300706032b656f0500033c000439"
        )
    }
}

@Suite struct MeshProfileTests {
    static let referenceShares = [
        "SAQC-YE5R-BE3C-37IF-AG43-SGNT-3NLP-VURL-YWEH-FTBE-J755-IN6F-ZPXR-N6O5-3AVQ",
        "SARP-IOIN-ZN5Z-H55S-YNAM-OIQT-LKOU-YUN2-C7SG-EQDQ-BIIQ-HIS6-BV55-2NTT-WL2Q",
    ]

    @Test func referenceSharesGiveThePublishedProfile() throws {
        let recovered = try ShareSet.parse(Self.referenceShares).recover()
        let profile = try MeshProfile(recoveredSecret: recovered.secret)
        #expect(profile.udf == "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V")
        #expect(profile.key(.escrowEncryption).udf == "MAND-BKQ3-XXGY-AYTS-L7VX-OOHW-HT7P")
        #expect(profile.keys.count == 7)
        #expect(profile.key(.commonEncryption).publicKeyExtended.count == 57)
    }

    @Test func nonAccountSeedsAreRefused() {
        let seed = SeedUDF(specifier: .meshProfileDevice, secret: SecureRandom.bytes(32))
        #expect(throws: MeshProfile.ProfileError.self) { try MeshProfile(accountSeed: seed) }
        #expect(throws: MeshProfile.ProfileError.self) { try MeshProfile(recoveredSecret: SecureRandom.bytes(16)) }
        // A seed that lost a character is 34 bytes: refused rather than giving another profile.
        let short = SeedUDF(specifier: .meshProfileAccount, secret: SecureRandom.bytes(31))
        #expect(throws: MeshProfile.ProfileError.self) { try MeshProfile(accountSeed: short) }
    }

    @Test func documentVerifiesAndAnyChangeFails() throws {
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        let document = try ProfileDocument(profile: profile)
        #expect(try ProfileDocument.verify(document.json).profileUDF == profile.udf)
        // Change one byte in the middle of each base64url field: every change must be caught.
        let text = String(decoding: document.json, as: UTF8.self)
        for field in ["\"payload\" : \"", "\"protected\" : \"", "\"signature\" : \""] {
            guard let range = text.range(of: field) else {
                Issue.record("no \(field)")
                continue
            }
            var characters = Array(text)
            let index = text.distance(from: text.startIndex, to: range.upperBound) + 20
            characters[index] = characters[index] == "A" ? "B" : "A"
            #expect(throws: ProfileDocument.DocumentError.self) {
                try ProfileDocument.verify(Array(String(characters).utf8))
            }
        }
        #expect(throws: ProfileDocument.DocumentError.self) { try ProfileDocument.verify(Array("{}".utf8)) }
    }
}

/// Documents that are correctly signed but break the profile rules are refused.
@Suite struct ProfileDocumentRuleTests {
    /// Re-signs `document` after `edit` changes its payload (as a JSON object) and header.
    func resigned(
        _ document: ProfileDocument,
        profile: MeshProfile,
        header: [String: Any]? = nil,
        edit: (inout [String: Any]) -> Void
    ) throws -> [UInt8] {
        let outer = try #require(try JSONSerialization.jsonObject(with: Data(document.json)) as? [String: Any])
        let payloadText = try #require(outer["payload"] as? String)
        var payload = try #require(
            try JSONSerialization.jsonObject(with: Self.base64URL(payloadText)) as? [String: Any]
        )
        edit(&payload)
        let newPayload = Self.base64URL(try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]))
        let newHeader = Self.base64URL(
            try JSONSerialization.data(
                withJSONObject: header ?? ["alg": "EdDSA", "kid": profile.udf],
                options: [.sortedKeys]
            )
        )
        let signature = MeshMath.EdDSA.sign(
            message: Array("\(newHeader).\(newPayload)".utf8),
            secret: profile.key(.profileSignature).privateKey,
            curve: .ed448
        )
        let signed: [String: Any] = [
            "payload": newPayload,
            "signatures": [["protected": newHeader, "signature": Self.base64URL(Data(signature))]],
        ]
        return Array(try JSONSerialization.data(withJSONObject: signed))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64URL(_ text: String) -> Data {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard)!
    }

    @Test func rulesAreEnforcedOnValidSignatures() throws {
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        let document = try ProfileDocument(profile: profile)
        // Unchanged content, re-signed: still valid; with the RFC 9864 name "Ed448": valid too.
        #expect(try ProfileDocument.verify(try resigned(document, profile: profile) { _ in }).profileUDF == profile.udf)
        #expect(throws: Never.self) {
            try ProfileDocument.verify(
                try resigned(document, profile: profile, header: ["alg": "Ed448", "kid": profile.udf]) { _ in }
            )
        }
        let failures: [(String, [String: Any]?, (inout [String: Any]) -> Void)] = [
            ("missing kid", ["alg": "EdDSA"], { _ in }),
            ("unknown alg", ["alg": "ES256", "kid": profile.udf], { _ in }),
            ("critical header", ["alg": "EdDSA", "kid": profile.udf, "crit": ["exp"]], { _ in }),
            (
                "repeated role", nil,
                { payload in
                    var keys = payload["keys"] as! [[String: Any]]
                    keys[1] = keys[0]
                    payload["keys"] = keys
                }
            ),
            (
                "missing role", nil,
                { payload in payload["keys"] = Array((payload["keys"] as! [[String: Any]]).dropLast()) }
            ),
            (
                "unknown role", nil,
                { payload in
                    var keys = payload["keys"] as! [[String: Any]]
                    keys[2]["role"] = "Whatever"
                    payload["keys"] = keys
                }
            ),
            ("wrong type", nil, { payload in payload["type"] = "SomethingElse" }),
        ]
        for (name, header, edit) in failures {
            #expect(throws: ProfileDocument.DocumentError.self, "\(name)") {
                try ProfileDocument.verify(try resigned(document, profile: profile, header: header, edit: edit))
            }
        }
    }
}
