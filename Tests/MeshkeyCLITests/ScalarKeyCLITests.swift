import Foundation
import MeshCrypto
import TestSupport
import Testing

/// `meshkey overlay|recrypt|threshold …`, run as a user would, cross-checked with OpenSSL.
@Suite struct ScalarKeyCLITests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: url,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        return url
    }

    /// Runs meshkey, requires exit code 0, returns the output lines.
    func run(_ arguments: [String]) throws -> [String] {
        let result = try CommandRunner.run(arguments)
        #expect(result.exitCode == 0, "\(arguments): \(result.standardError)")
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    /// Generates a key with `key generate --out` and returns its public key (hex).
    func generate(_ algorithm: String, _ path: String) throws -> String {
        try run(["key", "generate", "--alg", algorithm, "--out", path])[1]
    }

    /// OpenSSL's X25519 / X448 of a PEM private key and a public key (hex, extended: the parity byte is dropped).
    func openSSLAgreement(_ pemPath: String, _ publicHex: String, _ algorithm: KeyAlgorithm) throws -> String {
        let key = try OpenSSLPrivateKey(
            pemRepresentation: SecureBytes(Array(try Data(contentsOf: URL(fileURLWithPath: pemPath))))
        )
        let peer = try OpenSSLPublicKey(
            algorithm: algorithm,
            rawRepresentation: Array(Hex.decode(publicHex)!.dropLast())
        )
        return Hex.encode(try KeyAgreement.sharedSecret(privateKey: key, peerPublicKey: peer).unprotectedBytes)
    }

    @Test(arguments: ["X25519", "X448", "Ed25519", "Ed448"]) func overlayCreateVerifyApply(algorithm: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let basePublic = try generate(algorithm, path("base.pem"))
        let created = try run([
            "overlay", "create", "--alg", algorithm, "--base-public", basePublic, "--out", path("overlay.json"),
        ])
        let (udf, composite) = (created[0], created[1])
        let mode = try FileManager.default.attributesOfItem(atPath: path("overlay.json"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(
            try run([
                "overlay", "verify", "--overlay", path("overlay.json"), "--base-public", basePublic, "--published",
                composite,
            ]) == [udf]
        )
        let applied = try run([
            "overlay", "apply", "--overlay", path("overlay.json"), "--base-key", path("base.pem"),
            "--published", composite, "--out", path("composite.json"),
        ])
        #expect(applied == [udf, composite])
        // Another base key is refused, and nothing is written.
        let otherPublic = try generate(algorithm, path("other.pem"))
        let wrong = try CommandRunner.run([
            "overlay", "apply", "--overlay", path("overlay.json"), "--base-key", path("other.pem"),
            "--out", path("wrong.json"),
        ])
        #expect(wrong.exitCode == 1 && wrong.standardError.contains("BaseUDF"))
        #expect(!FileManager.default.fileExists(atPath: path("wrong.json")))
        #expect(
            try CommandRunner.run([
                "overlay", "verify", "--overlay", path("overlay.json"), "--base-public", otherPublic,
            ]).exitCode == 1
        )
        if algorithm.hasPrefix("X") {
            // A peer agrees with the composite public key as with any key (OpenSSL). The composite key file
            // (an X…z scalar) split into two additive shares gives the same value through the commands.
            let peerPublic = try generate(algorithm, path("peer.pem"))
            _ = try run([
                "threshold", "split", "--key", path("composite.json"), "--shares", "2", "--out-prefix", path("c"),
            ])
            let partials = try (1...2).map {
                try run(["threshold", "partial", "--share", path("c-\($0).json"), "--ephemeral", peerPublic])[0]
            }
            let agreement = try run(["threshold", "combine", "--alg", algorithm] + partials)[0]
            #expect(
                agreement == (try openSSLAgreement(path("peer.pem"), composite, algorithm == "X448" ? .x448 : .x25519))
            )
        }
    }

    @Test(arguments: ["X25519", "X448"]) func recryptAndThresholdAgreeWithOpenSSL(algorithm: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        let keyAlgorithm: KeyAlgorithm = algorithm == "X448" ? .x448 : .x25519
        let groupPublic = try generate(algorithm, path("group.pem"))
        let ephemeral = try generate(algorithm, path("ephemeral.pem"))
        let expected = try openSSLAgreement(path("ephemeral.pem"), groupPublic, keyAlgorithm)

        let split = try run([
            "recrypt", "split", "--group-key", path("group.pem"), "--service", "svc@example.com",
            "--member-out", path("member.json"), "--service-out", path("service.json"),
        ])
        #expect(split[1] == groupPublic)
        let member = try run(["recrypt", "partial", "--key", path("member.json"), "--ephemeral", ephemeral])[0]
        let service = try run(["recrypt", "partial", "--key", path("service.json"), "--ephemeral", ephemeral])[0]
        #expect(try run(["recrypt", "combine", "--alg", algorithm, member, service]) == [expected])

        _ = try run([
            "threshold", "split", "--key", path("group.pem"), "--shares", "5", "--threshold", "3", "--out-prefix",
            path("s"),
        ])
        let quorum = [1, 3, 5]
        let partials = try quorum.map {
            try run([
                "threshold", "partial", "--share", path("s-\($0).json"), "--ephemeral", ephemeral, "--quorum", "1,3,5",
            ])[0]
        }
        #expect(try run(["threshold", "combine", "--alg", algorithm] + partials) == [expected])
        // Two of three are not enough.
        let short = try run(["threshold", "combine", "--alg", algorithm] + Array(partials.prefix(2)))
        #expect(short != [expected])
        // A Shamir share without its quorum is refused.
        #expect(
            try CommandRunner.run(["threshold", "partial", "--share", path("s-1.json"), "--ephemeral", ephemeral])
                .exitCode == 1
        )

        _ = try run(["threshold", "split", "--key", path("group.pem"), "--shares", "3", "--out-prefix", path("a")])
        let additive = try (1...3).map {
            try run(["threshold", "partial", "--share", path("a-\($0).json"), "--ephemeral", ephemeral])[0]
        }
        #expect(try run(["threshold", "combine", "--alg", algorithm] + additive) == [expected])
        // An invalid ephemeral (wrong length) is refused.
        #expect(
            try CommandRunner.run(["recrypt", "partial", "--key", path("member.json"), "--ephemeral", "00"]).exitCode
                == 1
        )
    }
}

/// Recryption with the shares in key stores: Docs/recryption-demo.sh (three parties, three stores, CLI only),
/// Edwards recryption through the commands, and the share options refused when mixed up.
@Suite struct RecryptionStoreCLITests {
    @Test(arguments: ["X25519", "X448"]) func threePartyDemoAgreesWithOpenSSL(algorithm: String) throws {
        let result = try CommandRunner.runScript("Docs/recryption-demo.sh", arguments: [algorithm])
        #expect(result.exitCode == 0, "\(result.standardOutput)\n\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        // The script's own check printed both values; compare them here as well.
        let combined = lines.first { $0.hasPrefix("m·E + s·E → ") }.map { String($0.dropFirst("m·E + s·E → ".count)) }
        let expected = lines.first { $0.hasPrefix("\(algorithm)(e, G) = ") }.map {
            String($0.dropFirst("\(algorithm)(e, G) = ".count))
        }
        #expect(combined != nil && combined == expected && combined!.count == (algorithm == "X448" ? 112 : 64))
        #expect(result.standardOutput.contains("service importing the member's file: meshkey store import: not_found"))
    }

    @Test(arguments: ["Ed25519", "Ed448"]) func edwardsRecryptionEqualsTheWholeKey(algorithm: String) throws {
        let cli = ScalarKeyCLITests()
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        _ = try cli.generate(algorithm, path("group.pem"))
        let ephemeral = try cli.generate(algorithm, path("ephemeral.pem"))
        _ = try cli.run([
            "recrypt", "split", "--group-key", path("group.pem"), "--service", "svc",
            "--member-out", path("member.json"), "--service-out", path("service.json"),
        ])
        let member = try cli.run(["recrypt", "partial", "--key", path("member.json"), "--ephemeral", ephemeral])[0]
        let service = try cli.run(["recrypt", "partial", "--key", path("service.json"), "--ephemeral", ephemeral])[0]
        #expect(member != service)
        // The whole group key as a single share gives g·E directly.
        _ = try cli.run(["threshold", "split", "--key", path("group.pem"), "--shares", "2", "--out-prefix", path("t")])
        let whole = try cli.run([
            "recrypt", "combine", "--alg", algorithm,
            try cli.run(["threshold", "partial", "--share", path("t-1.json"), "--ephemeral", ephemeral])[0],
            try cli.run(["threshold", "partial", "--share", path("t-2.json"), "--ephemeral", ephemeral])[0],
        ])
        #expect(try cli.run(["recrypt", "combine", "--alg", algorithm, member, service]) == whole)
        #expect(whole[0].count == (algorithm == "Ed448" ? 114 : 64))
    }

    @Test func shareOptionsAreExclusiveAndChecked() throws {
        let both = try CommandRunner.run([
            "recrypt", "partial", "--key", "a.json", "--share", "MAAA", "--ephemeral", "00",
        ])
        #expect(both.exitCode == 1 && both.standardError.contains("one of them"))
        let neither = try CommandRunner.run([
            "recrypt", "split", "--service", "s", "--member-out", "/nonexistent/a", "--service-out", "/nonexistent/b",
        ])
        #expect(neither.exitCode == 1 && neither.standardError.contains("--group-key FILE or --group-entry UDF"))
    }
}
