import Foundation
import TestSupport
import Testing

/// `meshkey escrow seal | open | inspect` through the binary, with temporary stores.
@Suite struct EscrowCLITests {
    typealias Fixture = StoreCLITests.Fixture

    /// `meshkey <arguments> --store S --passphrase-file P`.
    func run(_ fixture: Fixture, _ arguments: [String], input: String? = nil) throws -> CommandResult {
        try CommandRunner.run(
            arguments + ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile],
            input: input
        )
    }

    func lines(_ result: CommandResult) -> [String] { result.standardOutput.split(separator: "\n").map(String.init) }

    func generate(_ fixture: Fixture, _ algorithm: String, label: String) throws -> String {
        StoreCLITests.udf(try fixture.run(["generate", "--alg", algorithm, "--label", label]))
    }

    func expectFailure(_ result: CommandResult, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.exitCode == 1, sourceLocation: sourceLocation)
        #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
        #expect(result.standardError.contains(code), "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardError.split(separator: "\n").count == 1, sourceLocation: sourceLocation)
    }

    @Test func offlineSealThenOpenWithShares() throws {
        let store = try Fixture()
        let signing = try generate(store, "Ed448", label: "signing")
        let age = try generate(store, "X25519", label: "age")
        let entry = store.folder.appendingPathComponent("offline.json").path
        let sealed = try run(
            store,
            [
                "escrow", "seal", "--offline", "-t", "3", "-n", "5", "--key", signing, "--role", "age",
                "--out", entry,
            ]
        )
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        let output = lines(sealed)
        #expect(output.count == 6)
        let shares = Array(output.dropFirst())
        #expect(shares.allSatisfy { $0.hasPrefix("SA") })
        // The entry file holds no share and no private key text.
        let text = try String(contentsOfFile: entry, encoding: .utf8)
        #expect(text.contains("\"OfflineEscrowEntry\"") && text.contains(output[0]))
        #expect(!shares.contains { text.contains($0) })

        let inspect = try CommandRunner.run(["escrow", "inspect", entry])
        #expect(inspect.exitCode == 0)
        #expect(inspect.standardOutput.contains("OfflineEscrowEntry") && inspect.standardOutput.contains("dir"))

        // Open on an empty store: list only, nothing written.
        let other = try Fixture()
        let before = try other.snapshot()
        let listed = try run(other, ["escrow", "open", entry, shares[4], shares[1], shares[2]])
        #expect(listed.exitCode == 0, "\(listed.standardError)")
        #expect(listed.standardOutput.contains(signing) && listed.standardOutput.contains(age))
        #expect(listed.standardOutput.contains("nothing was written"))
        #expect(try other.snapshot() == before)
        // Shares on standard input, with --import.
        let imported = try run(
            other,
            ["escrow", "open", entry, "--import"],
            input: shares.prefix(3).joined(separator: "\n")
        )
        #expect(imported.exitCode == 0, "\(imported.standardError)")
        let list = try other.run(["list"])
        #expect(list.standardOutput.contains(signing) && list.standardOutput.contains(age))
        // The private key is in neither the entry nor any output; the imported copy is the same key.
        let original = try store.run(["export", age, "--format", "jwk", "--private"]).standardOutput
        let copy = try other.run(["export", age, "--format", "jwk", "--private"]).standardOutput
        let d = try #require(
            (try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])?["d"] as? String
        )
        #expect(copy.contains(d))
        for output in [text, sealed.standardOutput, listed.standardOutput, imported.standardOutput] {
            #expect(!output.contains(d))
        }

        // Too few shares, shares of another entry, a changed ciphertext: one line each, nothing printed.
        expectFailure(try run(other, ["escrow", "open", entry, shares[0], shares[1]]), "insufficient_shares")
        let secondEntry = store.folder.appendingPathComponent("second.json").path
        let second = lines(try run(store, ["escrow", "seal", "--offline", "--key", signing, "--out", secondEntry]))
        expectFailure(try run(other, ["escrow", "open", entry, second[1], second[2]]), "identifier_mismatch")
        var document =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: entry))) as! [String: Any]
        var body = document["OfflineEscrowEntry"] as! [String: Any]
        var jwe = body["EncryptedData"] as! [String: String]
        var ciphertext = Array(jwe["ciphertext"]!)
        ciphertext[5] = ciphertext[5] == "A" ? "B" : "A"
        jwe["ciphertext"] = String(ciphertext)
        body["EncryptedData"] = jwe
        document["OfflineEscrowEntry"] = body
        let tampered = store.write(
            "tampered.json",
            String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
        )
        expectFailure(
            try run(other, ["escrow", "open", tampered, shares[0], shares[1], shares[2]]),
            "authentication_failed"
        )
        // Refusals of the seal command.
        expectFailure(
            try run(store, ["escrow", "seal", "--offline", "--key", signing, "--out", entry]),
            "not overwritten"
        )
        expectFailure(
            try run(store, ["escrow", "seal", "--key", signing, "--out", entry + "2"]),
            "--offline and --online"
        )
    }

    @Test func onlineSealToStoreKeyThenOpen() throws {
        let store = try Fixture()
        let signing = try generate(store, "Ed25519", label: "signing")
        let escrow25519 = try generate(store, "X25519", label: "escrow")
        let escrow448 = try generate(store, "X448", label: "escrow448")
        let entry = store.folder.appendingPathComponent("online.json").path
        let sealed = try run(
            store,
            [
                "escrow", "seal", "--online", "--to", escrow25519, "--to", escrow448,
                "--key", signing, "--sign-with", signing, "--out", entry,
            ]
        )
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        let inspect = try CommandRunner.run(["escrow", "inspect", entry])
        #expect(inspect.standardOutput.contains("ECDH-ES+A256KW X25519 \(escrow25519)"))
        #expect(inspect.standardOutput.contains("ECDH-ES+A256KW X448 \(escrow448)"))
        for key in [escrow25519, escrow448] {
            let opened = try run(store, ["escrow", "open", entry, "--key", key])
            #expect(opened.exitCode == 0, "\(opened.standardError)")
            #expect(opened.standardOutput.contains("signing") && opened.standardOutput.contains(signing))
        }
        // A key that is no recipient, an online entry given shares.
        let stranger = try generate(store, "X25519", label: "stranger")
        expectFailure(try run(store, ["escrow", "open", entry, "--key", stranger]), "wrong_key")
        expectFailure(try run(store, ["escrow", "open", entry, "SAQL-5EUK"]), "wrong_entry_type")
        // A public JWK file as recipient.
        let jwkPath = store.folder.appendingPathComponent("escrow.jwk").path
        #expect(try store.run(["export", escrow25519, "--format", "jwk", "--out", jwkPath]).exitCode == 0)
        let second = store.folder.appendingPathComponent("second.json").path
        #expect(
            try run(
                store,
                ["escrow", "seal", "--online", "--to-file", jwkPath, "--key", signing, "--unsigned", "--out", second]
            ).exitCode == 0
        )
        #expect(try run(store, ["escrow", "open", second, "--key", escrow25519]).exitCode == 0)
    }

    /// The whole story: profile create → keys → sealed online to the profile → profile escrowed → new empty
    /// store → profile recover → escrow open --with-profile --import restores the same key UDFs.
    @Test func profileStoryOnNewHardware() throws {
        let old = try Fixture()
        let created = try run(old, ["profile", "create"])
        #expect(created.exitCode == 0, "\(created.standardError)")
        let profileUDF = lines(created).first ?? ""
        let keys = [try generate(old, "Ed25519", label: "ssh"), try generate(old, "X25519", label: "age")]
        let entry = old.folder.appendingPathComponent("entry.json").path
        let sealed = try run(
            old,
            [
                "escrow", "seal", "--online", "--to-profile", "--sign-with-profile", "--role", "ssh", "--role", "age",
                "--out", entry,
            ]
        )
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        let shares = Array(lines(try run(old, ["profile", "escrow"])).dropFirst())
        #expect(shares.count == 3)

        let new = try Fixture()
        // Before the profile is recovered there is no account seed to open with.
        expectFailure(try run(new, ["escrow", "open", entry, "--with-profile"]), "not_found")
        let recovered = try run(new, ["profile", "recover", "--expect", profileUDF, shares[2], shares[0]])
        #expect(recovered.exitCode == 0, "\(recovered.standardError)")
        // --import needs the expected signer: here the old store's own profile.
        expectFailure(try run(new, ["escrow", "open", entry, "--with-profile", "--import"]), "unsigned")
        let opened = try run(
            new,
            ["escrow", "open", entry, "--with-profile", "--import", "--expect-signer", profileUDF]
        )
        #expect(opened.exitCode == 0, "\(opened.standardError)")
        #expect(lines(opened).first == "signer \(profileUDF)")
        #expect(opened.standardOutput.contains("imported 2 of 2"))
        let list = try new.run(["list"])
        for key in keys { #expect(list.standardOutput.contains(key)) }
    }
}
