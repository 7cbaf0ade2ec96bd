import Foundation
import MeshCrypto
import TestSupport
import Testing

/// `meshkey device …` through the binary: the device enrolment story and tampering with each stored record.
@Suite struct DeviceCLITests {
    typealias Fixture = StoreCLITests.Fixture

    static func options(_ fixture: Fixture) -> [String] {
        ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
    }

    static func run(_ fixture: Fixture, _ arguments: [String], input: String? = nil) throws -> CommandResult {
        try CommandRunner.run(arguments + options(fixture), input: input)
    }

    @discardableResult
    static func ok(
        _ fixture: Fixture,
        _ arguments: [String],
        input: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [String] {
        let result = try run(fixture, arguments, input: input)
        #expect(result.exitCode == 0, "\(arguments): \(result.standardError)", sourceLocation: sourceLocation)
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    /// The composite key of `role` in a connection record file (JWS JSON; payload keys[].jwk.x).
    static func compositeKey(connection path: String, role: String) throws -> [UInt8] {
        let outer = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        )
        let payloadText = try #require(outer["payload"] as? String)
        let payload = try #require(Base64URL.decode(payloadText))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
        let keys = try #require(object["keys"] as? [[String: Any]])
        let key = try #require(keys.first { $0["role"] as? String == role })
        let jwk = try #require(key["jwk"] as? [String: Any])
        let x = try #require(jwk["x"] as? String)
        return try #require(Base64URL.decode(x))
    }

    /// A store with a recovered profile and an administrator device `laptop`, the account seed purged.
    struct Story {
        let a = try! Fixture()
        let b = try! Fixture()
        var profile = ""
        var shares: [String] = []
        var laptop = ""

        init() throws {
            profile = try DeviceCLITests.ok(a, ["profile", "create"])[0]
            shares = Array(try DeviceCLITests.ok(a, ["profile", "escrow", "-t", "2", "-n", "3"]).dropFirst())
            try DeviceCLITests.ok(b, ["profile", "recover", "--expect", profile, shares[0], shares[2]])
            let enrolled = try DeviceCLITests.ok(b, ["device", "enroll", "--name", "laptop"])
            laptop = String(enrolled[0].split(separator: " ")[2])
            try DeviceCLITests.ok(b, ["profile", "purge", shares[1], shares[2]])
        }
    }

    @Test func recoverEnrolPurgeThenTheDeviceWorksAndEnrolsAnother() throws {
        let story = try Story()
        let b = story.b
        // The account seed is gone from B; the device seed and activation seed are sealed entries.
        let list = try Self.ok(b, ["store", "list"]).joined(separator: "\n")
        #expect(!list.contains("MeshProfileAccount"))
        #expect(list.contains("MeshProfileDevice") && list.contains("MeshActivationAccount"))

        // device sign: a standard Ed448 signature under the connection's composite Signature key (OpenSSL).
        let message = b.write("message.txt", "meshkey device story\n")
        let signatureText = try Self.ok(b, ["device", "sign", "--in", message])[0]
        let signature = try #require(Base64URL.decode(signatureText))
        let composite = try Self.compositeKey(connection: "\(b.store)/\(story.laptop).connection", role: "Signature")
        let key = try OpenSSLPublicKey(algorithm: .ed448, rawRepresentation: composite)
        #expect(key.isValidSignature(signature, for: Array("meshkey device story\n".utf8)))
        #expect(!key.isValidSignature(signature, for: Array("meshkey device story!\n".utf8)))
        // The base Signature key does not verify it: the key is the composite.
        let verified = try Self.ok(b, ["device", "verify", "--expect", story.profile])
        #expect(verified[0].contains("laptop \(story.laptop)") && verified[0].hasSuffix("verified"))

        // device encrypt / decrypt with the composite encryption key.
        let jwe = try Self.ok(b, ["device", "encrypt", "--to", "laptop"], input: "for the laptop").joined(
            separator: "\n"
        )
        let decrypted = try Self.run(b, ["device", "decrypt"], input: jwe)
        #expect(decrypted.exitCode == 0 && decrypted.standardOutput == "for the laptop")

        // A second device C requests, is enrolled from B (no account seed: B's administrator grant), accepts.
        let c = try Fixture()
        let request = c.folder.appendingPathComponent("request.json").path
        let requested = try Self.ok(c, ["device", "request", "--out", request])
        let phone = String(requested[0].split(separator: " ")[1])
        let answer = b.folder.appendingPathComponent("answer.json").path
        try Self.ok(b, ["device", "enroll", "--name", "phone", "--request", request, "--out", answer])
        let accepted = try Self.ok(c, ["device", "accept", answer, "--expect", story.profile])
        #expect(accepted[0].contains("phone \(phone)"))
        #expect(try Self.ok(c, ["device", "verify", "--expect", story.profile])[0].hasSuffix("verified"))
        #expect(try Self.ok(b, ["device", "verify", "--expect", story.profile, "phone"])[0].hasSuffix("verified"))
        let signedByCText = try Self.ok(c, ["device", "sign", "--in", message])[0]
        let signedByC = try #require(Base64URL.decode(signedByCText))
        let cKey = try OpenSSLPublicKey(
            algorithm: .ed448,
            rawRepresentation: try Self.compositeKey(connection: "\(c.store)/\(phone).connection", role: "Signature")
        )
        #expect(cKey.isValidSignature(signedByC, for: Array("meshkey device story\n".utf8)))

        // C is revoked, then refused by name; the laptop still verifies.
        try Self.ok(b, ["device", "revoke", "phone"])
        let refused = try Self.run(b, ["device", "verify", "--expect", story.profile, "phone"])
        #expect(refused.exitCode == 1 && refused.standardOutput.isEmpty)
        #expect(refused.standardError.hasPrefix("meshkey device verify: device_revoked: device phone"))
        let listing = try Self.ok(b, ["device", "list"])
        #expect(listing.contains { $0.hasPrefix("phone") && $0.contains("revoked") })
        #expect(listing.contains { $0.hasPrefix("laptop") && $0.contains("active") })
        #expect(listing.last?.contains("catalog version 3") == true)
        #expect(try Self.ok(b, ["device", "verify", "--expect", story.profile, "laptop"])[0].hasSuffix("verified"))
    }

    /// Each stored record changed by one character is refused by name, and verify writes nothing.
    @Test func tamperedRecordsAreRefusedByName() throws {
        let story = try Story()
        let b = story.b
        let cases: [(file: String, code: String)] = [
            // The code names the record (then _signature, _malformed, …).
            ("\(story.laptop).device", "device_profile_"),
            ("\(story.laptop).connection", "connection_device_signature"),
            ("\(story.laptop).service", "connection_service_signature"),
            ("\(story.profile).devices", "catalog_"),
            ("\(story.profile).profile", "account_profile_invalid"),
            ("\(story.laptop).activation", "activation_"),
        ]
        for (file, code) in cases {
            let path = "\(b.store)/\(file)"
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            var text = String(decoding: original, as: UTF8.self)
            // Change one character inside the signed payload (base64url, after `"payload": "`), or, in the
            // catalog chain, inside the first version's payload (the second dot-separated part).
            let marker =
                file.hasSuffix(".devices")
                ? "\"catalog\" : [\n    \""
                : file.hasSuffix(".activation") ? "\"ciphertext\": \"" : "\"payload\" : \""
            let start = try #require(text.range(of: marker), "\(file): \(text.prefix(200))").upperBound
            var index = text.index(start, offsetBy: file.hasSuffix(".devices") ? 0 : 20)
            if file.hasSuffix(".devices") {
                let dot = try #require(text[index...].firstIndex(of: "."))
                index = text.index(after: dot)
            }
            index = text.index(index, offsetBy: 20)
            let replacement: Character = text[index] == "A" ? "B" : "A"
            text.replaceSubrange(index...index, with: String(replacement))
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let before = try b.snapshot()
            let result = try Self.run(b, ["device", "verify", "--expect", story.profile])
            #expect(result.exitCode == 1, "\(file)")
            #expect(
                result.standardError.hasPrefix("meshkey device verify: \(code)"),
                "\(file): \(result.standardError)"
            )
            #expect(try b.snapshot() == before)
            try original.write(to: URL(fileURLWithPath: path))
            #expect(try Self.run(b, ["device", "verify", "--expect", story.profile]).exitCode == 0)
        }
        // A tampered activation in an answer is refused by the device, which then holds no activation.
        let c = try Fixture()
        let request = c.folder.appendingPathComponent("request.json").path
        try Self.ok(c, ["device", "request", "--out", request])
        let answer = b.folder.appendingPathComponent("answer.json").path
        try Self.ok(b, ["device", "enroll", "--name", "phone", "--request", request, "--out", answer])
        var object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: answer))) as? [String: Any]
        )
        let activationText = try #require(object["activation"] as? String)
        var jwe = try #require(try JSONSerialization.jsonObject(with: Data(activationText.utf8)) as? [String: Any])
        let ciphertextText = try #require(jwe["ciphertext"] as? String)
        var ciphertext = Array(ciphertextText)
        ciphertext[5] = ciphertext[5] == "A" ? "B" : "A"
        jwe["ciphertext"] = String(ciphertext)
        object["activation"] = String(decoding: try JSONSerialization.data(withJSONObject: jwe), as: UTF8.self)
        let tampered = c.write(
            "tampered-answer.json",
            String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        )
        let before = try c.snapshot()
        let refused = try Self.run(c, ["device", "accept", tampered, "--expect", story.profile])
        #expect(
            refused.exitCode == 1
                && refused.standardError.hasPrefix("meshkey device accept: activation_undecryptable:"),
            "\(refused.standardError)"
        )
        #expect(try c.snapshot() == before)
        try Self.ok(c, ["device", "accept", answer, "--expect", story.profile])
    }

    /// A connection for this very device, signed by another account's AdministratorSignature key (another
    /// administrator enrolled the same device profile), is refused: only the key in the expected profile
    /// document counts, whatever the record's kid says.
    @Test func aConnectionSignedByAnotherAdministratorIsRefused() throws {
        let story = try Story()
        let b = story.b
        let x = try Fixture()
        let other = try Self.ok(x, ["profile", "create"])[0]
        let answer = x.folder.appendingPathComponent("answer.json").path
        try Self.ok(
            x,
            ["device", "enroll", "--name", "laptop", "--request", "\(b.store)/\(story.laptop).device", "--out", answer]
        )
        #expect(try Self.ok(x, ["device", "verify", "--expect", other, "laptop"])[0].hasSuffix("verified"))
        let path = "\(b.store)/\(story.laptop).connection"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data(contentsOf: URL(fileURLWithPath: "\(x.store)/\(story.laptop).connection")).write(
            to: URL(fileURLWithPath: path)
        )
        let refused = try Self.run(b, ["device", "verify", "--expect", story.profile])
        #expect(refused.exitCode == 1)
        #expect(
            refused.standardError.hasPrefix("meshkey device verify: connection_device_signature:"),
            "\(refused.standardError)"
        )
        // The answer of the other account is refused by the device too: it is not the account it joins.
        let accept = try Self.run(b, ["device", "accept", answer, "--expect", story.profile])
        #expect(accept.exitCode == 1 && accept.standardError.contains("profile_mismatch"), "\(accept.standardError)")
        try original.write(to: URL(fileURLWithPath: path))
        #expect(try Self.run(b, ["device", "verify", "--expect", story.profile]).exitCode == 0)
    }
}
