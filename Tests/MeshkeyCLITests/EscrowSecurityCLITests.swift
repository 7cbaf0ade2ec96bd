import Foundation
import TestSupport
import Testing

/// The security review through the binary: the non-exportable flag on every path that lets a key leave the store
/// (item 4), recipients named by UDF or by file (item 5), signed sealed documents and labels (item 6), outputs
/// written all or none and no identifier beside the shares of a short secret (item 9). Every refusal leaves the
/// stores byte-for-byte unchanged and creates no output file.
@Suite struct EscrowSecurityCLITests {
    typealias Fixture = StoreCLITests.Fixture

    func run(_ fixture: Fixture, _ arguments: [String], input: String? = nil) throws -> CommandResult {
        try CommandRunner.run(
            arguments + ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile],
            input: input
        )
    }

    func lines(_ result: CommandResult) -> [String] { result.standardOutput.split(separator: "\n").map(String.init) }

    func generate(_ fixture: Fixture, _ algorithm: String, label: String, exportable: Bool = true) throws -> String {
        StoreCLITests.udf(
            try fixture.run(
                ["generate", "--alg", algorithm, "--label", label] + (exportable ? [] : ["--non-exportable"])
            )
        )
    }

    func expectRefused(_ result: CommandResult, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.exitCode == 1, "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(result.standardOutput.isEmpty, sourceLocation: sourceLocation)
        #expect(result.standardError.contains(code), "\(result.standardError)", sourceLocation: sourceLocation)
        #expect(
            result.standardError.split(separator: "\n").count == 1,
            "\(result.standardError)",
            sourceLocation: sourceLocation
        )
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    // MARK: Item 4

    /// The three scenarios of the finding: `escrow seal` of a non-exportable key, `escrow open --import` of it
    /// as exportable, `recrypt split --group-entry` of it in clear. Each now fails with not_exportable and the
    /// store unchanged; with --allow-non-exportable the key travels and arrives non-exportable.
    @Test func nonExportableKeysStayUnlessTheOverrideIsGiven() throws {
        let store = try Fixture()
        let locked = try generate(store, "Ed25519", label: "locked", exportable: false)
        let escrow = try generate(store, "X25519", label: "escrow")
        let entry = store.folder.appendingPathComponent("entry.json").path
        let before = try store.snapshot()
        expectRefused(
            try run(store, ["escrow", "seal", "--offline", "--key", locked, "--out", entry]),
            "not_exportable"
        )
        expectRefused(
            try run(store, ["escrow", "seal", "--offline", "--role", "locked", "--out", entry]),
            "not_exportable"
        )
        expectRefused(
            try run(
                store,
                ["escrow", "seal", "--online", "--to", escrow, "--key", locked, "--unsigned", "--out", entry]
            ),
            "not_exportable"
        )
        let member = store.folder.appendingPathComponent("member.json").path
        let service = store.folder.appendingPathComponent("service.json").path
        expectRefused(
            try run(
                store,
                [
                    "recrypt", "split", "--group-entry", locked, "--service", "svc", "--member-out", member,
                    "--service-out", service,
                ]
            ),
            "not_exportable"
        )
        #expect(!exists(entry) && !exists(member) && !exists(service))
        #expect(try store.snapshot() == before)

        // With the override: sealed, and imported elsewhere as non-exportable.
        let sealed = try run(
            store,
            ["escrow", "seal", "--offline", "--key", locked, "--allow-non-exportable", "--out", entry]
        )
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        let other = try Fixture()
        let imported = try run(
            other,
            ["escrow", "open", entry, "--import"],
            input: lines(sealed).dropFirst().prefix(2).joined(separator: "\n")
        )
        #expect(imported.exitCode == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("non-exportable"))
        #expect(try other.run(["list"]).standardOutput.contains("\(locked)  key  Ed25519  non-exportable  locked"))
        let otherBefore = try other.snapshot()
        let export = try other.run(["export", locked, "--format", "pkcs8", "--private"])
        #expect(
            export.exitCode == 1 && export.standardError.contains("not exportable") && export.standardOutput.isEmpty
        )
        #expect(try other.snapshot() == otherBefore)
        // An exportable key stays exportable through the same path.
        let free = try generate(store, "Ed448", label: "free")
        let second = store.folder.appendingPathComponent("second.json").path
        let sealedFree = try run(store, ["escrow", "seal", "--offline", "--key", free, "--out", second])
        #expect(
            try run(
                other,
                ["escrow", "open", second, "--import"],
                input: lines(sealedFree).dropFirst().prefix(2).joined(separator: "\n")
            ).exitCode == 0
        )
        #expect(try other.run(["list"]).standardOutput.contains("\(free)  key  Ed448  exportable  free"))
        // recrypt split with the override writes both shares.
        let x = try generate(store, "X25519", label: "group", exportable: false)
        let split = try run(
            store,
            [
                "recrypt", "split", "--group-entry", x, "--allow-non-exportable", "--service", "svc",
                "--member-out", member, "--service-out", service,
            ]
        )
        #expect(split.exitCode == 0, "\(split.standardError)")
        #expect(exists(member) && exists(service))
    }

    /// An entry written before 0.2.0 (key set version 1, no flag) is still read; its key is installed
    /// non-exportable, the safe reading of a flag that was not recorded.
    @Test func olderEntriesAreReadAndTheirKeysInstalledNonExportable() throws {
        let store = try Fixture()
        let entry = store.write("legacy.json", LegacyEscrowFixture.entry)
        let listed = try run(store, ["escrow", "open", entry] + LegacyEscrowFixture.shares)
        #expect(listed.exitCode == 0, "\(listed.standardError)")
        #expect(listed.standardOutput.contains("\(LegacyEscrowFixture.keyUDF)  non-exportable"))
        let imported = try run(store, ["escrow", "open", entry, "--import"] + LegacyEscrowFixture.shares)
        #expect(imported.exitCode == 0, "\(imported.standardError)")
        #expect(
            try store.run(["list"]).standardOutput.contains(
                "\(LegacyEscrowFixture.keyUDF)  key  Ed25519  non-exportable  legacy"
            )
        )
        let export = try store.run(["export", LegacyEscrowFixture.keyUDF, "--format", "pkcs8", "--private"])
        #expect(export.exitCode == 1 && export.standardError.contains("not exportable"))
    }

    // MARK: Item 5

    /// `--to` is a UDF and is never read as a file, even when a file of that name exists; `--to-file` reads a
    /// JWK whose kid must be the key's UDF; a profile found by UDF in the store folder gives its escrow key.
    @Test func recipientsByUDFOrByFile() throws {
        let victim = try Fixture()
        let victimKey = try generate(victim, "X25519", label: "escrow")
        let attacker = try Fixture()
        let attackerKey = try generate(attacker, "X25519", label: "attacker")
        let payload = try generate(attacker, "Ed25519", label: "payload")
        // The attacker's public JWK, claiming the victim's UDF as kid, saved under a path used as --to.
        let jwk = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try attacker.run(["export", attackerKey, "--format", "jwk"]).standardOutput.utf8)
            ) as? [String: Any]
        )
        var lying = jwk
        lying["kid"] = victimKey
        let lyingFile = attacker.write(
            "lying.jwk",
            String(decoding: try JSONSerialization.data(withJSONObject: lying), as: UTF8.self)
        )
        let entry = attacker.folder.appendingPathComponent("entry.json").path
        let before = try attacker.snapshot()
        expectRefused(
            try run(
                attacker,
                ["escrow", "seal", "--online", "--to", lyingFile, "--key", payload, "--unsigned", "--out", entry]
            ),
            "not_found"
        )
        expectRefused(
            try run(
                attacker,
                ["escrow", "seal", "--online", "--to-file", lyingFile, "--key", payload, "--unsigned", "--out", entry]
            ),
            "identifier_mismatch"
        )
        #expect(!exists(entry))
        #expect(try attacker.snapshot() == before)
        // The honest JWK: the recipient line and the JWE's kid are the UDF computed from the key.
        let honest = attacker.write(
            "honest.jwk",
            String(decoding: try JSONSerialization.data(withJSONObject: jwk), as: UTF8.self)
        )
        let sealed = try run(
            attacker,
            ["escrow", "seal", "--online", "--to-file", honest, "--key", payload, "--unsigned", "--out", entry]
        )
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        #expect(lines(sealed).contains("recipient X25519 \(attackerKey)"))
        #expect(try CommandRunner.run(["escrow", "inspect", entry]).standardOutput.contains("X25519 \(attackerKey)"))
        // A profile named by its UDF: in its own store, the EscrowEncryption key derived from the seed; in
        // another store, the one its document (copied into that store's folder) publishes.
        let profileUDF = lines(try run(victim, ["profile", "create"])).first ?? ""
        let own = victim.folder.appendingPathComponent("to-own-profile.json").path
        #expect(
            try run(
                victim,
                ["escrow", "seal", "--online", "--to", profileUDF, "--key", victimKey, "--unsigned", "--out", own]
            ).exitCode == 0
        )
        let ownOpened = try run(victim, ["escrow", "open", own, "--with-profile"])
        #expect(ownOpened.exitCode == 0 && ownOpened.standardOutput.contains(victimKey), "\(ownOpened.standardError)")
        let document = victim.store + "/" + profileUDF + ".profile"
        try FileManager.default.copyItem(atPath: document, toPath: attacker.store + "/" + profileUDF + ".profile")
        let viaDocument = attacker.folder.appendingPathComponent("to-profile.json").path
        let keys = try run(
            attacker,
            ["escrow", "seal", "--online", "--to", profileUDF, "--key", payload, "--unsigned", "--out", viaDocument]
        )
        #expect(keys.exitCode == 0, "\(keys.standardError)")
        // The recipient is the profile's EscrowEncryption key (its UDF, not the profile UDF, is the kid).
        let recipientLine = try #require(lines(keys).first { $0.hasPrefix("recipient X448 ") })
        #expect(!recipientLine.contains(profileUDF))
        let opened = try run(victim, ["escrow", "open", viaDocument, "--with-profile"])
        #expect(opened.exitCode == 0, "\(opened.standardError)")
        #expect(opened.standardOutput.contains(payload))
        // By the escrow key's UDF as well.
        let escrowUDF = String(recipientLine.dropFirst("recipient X448 ".count))
        let byKey = attacker.folder.appendingPathComponent("to-escrow-key.json").path
        #expect(
            try run(
                attacker,
                ["escrow", "seal", "--online", "--to", escrowUDF, "--key", payload, "--unsigned", "--out", byKey]
            ).exitCode == 0
        )
        #expect(try run(victim, ["escrow", "open", byKey, "--with-profile"]).exitCode == 0)
    }

    // MARK: Item 6

    /// The attack of the finding: anyone with the victim's public profile seals a key of their own labelled
    /// `ssh` to the victim's EscrowEncryption key. `escrow open --import` now refuses it (unsigned; or signed,
    /// but not by the expected sender) and the store is unchanged; the sender's signed entry is imported, after
    /// the signer's UDF is shown.
    @Test func forgedOnlineEntriesAreNotImported() throws {
        let victim = try Fixture()
        let profileUDF = lines(try run(victim, ["profile", "create"])).first ?? ""
        let document = victim.store + "/" + profileUDF + ".profile"
        #expect(exists(document))
        let attacker = try Fixture()
        let forged = try generate(attacker, "Ed25519", label: "ssh")
        let attackerSigner = try generate(attacker, "Ed448", label: "signer")
        let unsignedEntry = attacker.folder.appendingPathComponent("unsigned.json").path
        let signedEntry = attacker.folder.appendingPathComponent("signed.json").path
        #expect(
            try run(
                attacker,
                [
                    "escrow", "seal", "--online", "--to-file", document, "--key", forged, "--unsigned", "--out",
                    unsignedEntry,
                ]
            ).exitCode == 0
        )
        #expect(
            try run(
                attacker,
                [
                    "escrow", "seal", "--online", "--to-file", document, "--key", forged, "--sign-with", attackerSigner,
                    "--out", signedEntry,
                ]
            ).exitCode == 0
        )
        let sender = try Fixture()
        let senderSigner = try generate(sender, "Ed25519", label: "sender")
        let before = try victim.snapshot()
        expectRefused(try run(victim, ["escrow", "open", unsignedEntry, "--with-profile", "--import"]), "unsigned")
        expectRefused(
            try run(
                victim,
                ["escrow", "open", unsignedEntry, "--with-profile", "--import", "--expect-signer", senderSigner]
            ),
            "unsigned"
        )
        expectRefused(
            try run(
                victim,
                ["escrow", "open", signedEntry, "--with-profile", "--import", "--expect-signer", senderSigner]
            ),
            "signer_mismatch"
        )
        expectRefused(
            try run(victim, ["escrow", "open", signedEntry, "--with-profile", "--expect-signer", senderSigner]),
            "signer_mismatch"
        )
        #expect(try victim.snapshot() == before)
        // Listing without --import shows who signed, and writes nothing.
        let listed = try run(victim, ["escrow", "open", signedEntry, "--with-profile"])
        #expect(lines(listed).first == "signer \(attackerSigner)")
        #expect(try victim.snapshot() == before)
        // A changed signed entry: bad_signature, also for inspect.
        var text = try String(contentsOfFile: signedEntry, encoding: .utf8)
        let range = try #require(text.range(of: "\"ciphertext\": \""))
        let index = range.upperBound
        text.replaceSubrange(index...index, with: text[index] == "A" ? "B" : "A")
        let tampered = attacker.write("tampered.json", text)
        expectRefused(
            try run(victim, ["escrow", "open", tampered, "--with-profile", "--expect-signer", attackerSigner]),
            "bad_signature"
        )
        expectRefused(try CommandRunner.run(["escrow", "inspect", tampered]), "bad_signature")
        // The real sender's signed entry imports with --expect-signer.
        let real = try generate(sender, "Ed25519", label: "ssh")
        let realEntry = sender.folder.appendingPathComponent("real.json").path
        let sealed = try run(
            sender,
            [
                "escrow", "seal", "--online", "--to-file", document, "--key", real, "--sign-with", senderSigner,
                "--out", realEntry,
            ]
        )
        #expect(lines(sealed).last == "signer \(senderSigner)")
        let imported = try run(
            victim,
            ["escrow", "open", realEntry, "--with-profile", "--import", "--expect-signer", senderSigner]
        )
        #expect(imported.exitCode == 0, "\(imported.standardError)")
        #expect(lines(imported).first == "signer \(senderSigner)")
        #expect(try victim.run(["list"]).standardOutput.contains(real))
        // --allow-unsigned is the explicit override.
        let forcedBefore = try victim.snapshot()
        let forced = try run(
            victim,
            ["escrow", "open", unsignedEntry, "--with-profile", "--import", "--allow-unsigned"]
        )
        #expect(forced.exitCode == 0 && lines(forced).first == "unsigned")
        #expect(try victim.snapshot() != forcedBefore)
    }

    /// Sealed recryption shares: signed by the administrator, imported only for the expected signer.
    @Test func sealedRecryptionSharesAreSignedAndChecked() throws {
        let admin = try Fixture()
        let group = try generate(admin, "X25519", label: "group")
        let adminSigner = try generate(admin, "Ed25519", label: "admin")
        let device = try Fixture()
        let deviceKey = try generate(device, "X25519", label: "device")
        let jwk = device.folder.appendingPathComponent("device.jwk").path
        #expect(try device.run(["export", deviceKey, "--format", "jwk", "--out", jwk]).exitCode == 0)
        let member = admin.folder.appendingPathComponent("member.json").path
        let service = admin.folder.appendingPathComponent("service.json").path
        let adminBefore = try admin.snapshot()
        expectRefused(
            try run(
                admin,
                [
                    "recrypt", "split", "--group-entry", group, "--service", "svc", "--member-device", jwk,
                    "--member-out", member, "--service-out", service,
                ]
            ),
            "unsigned"
        )
        #expect(!exists(member) && !exists(service))
        #expect(try admin.snapshot() == adminBefore)
        let split = try run(
            admin,
            [
                "recrypt", "split", "--group-entry", group, "--service", "svc", "--member-device", jwk,
                "--sign-with", adminSigner, "--member-out", member, "--service-out", service,
            ]
        )
        #expect(split.exitCode == 0, "\(split.standardError)")
        let before = try device.snapshot()
        expectRefused(try device.run(["import", "--file", member]), "unsigned")
        expectRefused(try device.run(["import", "--file", member, "--expect-signer", deviceKey]), "signer_mismatch")
        #expect(try device.snapshot() == before)
        let imported = try device.run(["import", "--file", member, "--expect-signer", adminSigner])
        #expect(imported.exitCode == 0, "\(imported.standardError)")
        #expect(imported.standardError.contains("signed by \(adminSigner)"))
        #expect(try device.run(["list"]).standardOutput.contains("  share  X25519"))
    }

    /// A label carrying a newline and `ESC [ 8 m` is refused at input; nothing is stored.
    @Test(arguments: ["ssh\nMAAA-FAKE  key  Ed25519  exportable  trusted", "ssh\u{1B}[8m hidden"])
    func controlCharactersInLabelsAreRefused(_ label: String) throws {
        let store = try Fixture()
        let before = try store.snapshot()
        let result = try store.run(["generate", "--alg", "Ed25519", "--label", label])
        #expect(result.exitCode == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.contains("control character"))
        #expect(!result.standardError.contains("\u{1B}") && result.standardError.split(separator: "\n").count == 1)
        #expect(try store.snapshot() == before)
    }

    // MARK: Item 9

    /// `escrow seal --offline --print` to a path that cannot be written: no entry either (before: an entry
    /// whose shares were never printed).
    @Test func sealWritesTheEntryAndSheetsAllOrNone() throws {
        let store = try Fixture()
        let key = try generate(store, "Ed25519", label: "k")
        let entry = store.folder.appendingPathComponent("entry.json").path
        let pdf = store.folder.appendingPathComponent("no-such-folder/sheets.pdf").path
        let before = try store.snapshot()
        expectRefused(
            try run(store, ["escrow", "seal", "--offline", "--key", key, "--out", entry, "--print", pdf]),
            "sheets.pdf"
        )
        #expect(!exists(entry))
        #expect(try store.snapshot() == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: store.folder.path).allSatisfy {
                !$0.hasPrefix(".meshkey-tmp-")
            }
        )
        // Into a folder that exists, both appear.
        let good = store.folder.appendingPathComponent("sheets.pdf").path
        #expect(
            try run(store, ["escrow", "seal", "--offline", "--key", key, "--out", entry, "--print", good]).exitCode == 0
        )
        #expect(exists(entry) && exists(good))
    }

    /// No identifier beside the shares of a secret shorter than 16 bytes; 16 bytes and more keep it.
    @Test func noIdentifierForShortSecrets() throws {
        let short = try CommandRunner.run(["split", "--bits", "64", "-t", "2", "-n", "3"])
        #expect(short.exitCode == 0)
        let shortLines = lines(short)
        #expect(shortLines.count == 5)
        #expect(shortLines[1].hasPrefix("(no identifier"))
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try CommandRunner.run(["split", "--bits", "120", "--json"]).standardOutput.utf8)
            ) as? [String: Any]
        )
        #expect(json["identifier"] == nil && (json["shares"] as? [String])?.count == 3)
        let long = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try CommandRunner.run(["split", "--bits", "128", "--json"]).standardOutput.utf8)
            ) as? [String: Any]
        )
        #expect((long["identifier"] as? String)?.isEmpty == false)
        // print: all shares given, no identifier on the sheets; --identifier refused.
        let shares = Array(shortLines.suffix(3))
        let sheets = try CommandRunner.run(["print", "--text"] + shares)
        #expect(sheets.exitCode == 0, "\(sheets.standardError)")
        #expect(sheets.standardOutput.contains("Set identifier: (not given)"))
        expectRefused(
            try CommandRunner.run(["print", "--text", "--identifier", "MAAA-BBBB"] + shares),
            "identifier_refused"
        )
        let longShares = (long["shares"] as? [String]) ?? []
        #expect(
            try CommandRunner.run(["print", "--text"] + longShares).standardOutput.contains(
                long["identifier"] as? String ?? "?"
            )
        )
    }
}
