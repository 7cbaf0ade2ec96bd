import Foundation
import TestSupport
import Testing

/// One table of bad inputs for every command. Each case asserts the exit code (1 for input errors,
/// 64 for usage errors), the named error, that no secret in play appears on standard output or standard
/// error (dashed and plain Base32, lower- and upper-case hex), and that every file under the fixtures' folders
/// (stores, entries, documents, key files) is unchanged, with no output file created.
///
/// Tests run as root here, so a folder or file with mode 000 is still readable: the "unreadable store" cases
/// are the looser-permission refusals instead (store folder 0755, store.json 0644). "Disk full" is a file-size
/// limit: the command runs under `/bin/sh -c 'trap "" XFSZ; ulimit -f 1; exec …'`, so a write past 512 bytes
/// fails with EFBIG instead of killing the process with SIGXFSZ.
@Suite struct BadInputMatrixTests {
    typealias Fixture = StoreCLITests.Fixture

    struct Case {
        let label: String
        let arguments: [String]
        var input: String? = nil
        var exitCode: Int32 = 1
        let message: String
        /// Secrets (Base32) that must appear in no output.
        var secrets: [String] = []
        /// False where the command reports on standard output by design (vectors verify, store verify).
        var standardOutputEmpty = true
        var diskFull = false
        var before: (() -> Void)? = nil
        var after: (() -> Void)? = nil
    }

    struct Result {
        let exitCode: Int32
        let standardOutput: String
        let standardError: String
    }

    /// Every regular file under the folders, with its bytes and mode.
    static func snapshot(_ folders: [URL]) -> [String: String] {
        var result: [String: String] = [:]
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            while let name = walker.nextObject() as? String {
                let path = folder.path + "/" + name
                let attributes = (try? FileManager.default.attributesOfItem(atPath: path)) ?? [:]
                let mode = (attributes[.posixPermissions] as? Int).map { String($0, radix: 8) } ?? "?"
                if attributes[.type] as? FileAttributeType == .typeDirectory {
                    result[path] = "dir " + mode
                } else {
                    let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
                    result[path] = mode + " " + data.base64EncodedString()
                }
            }
        }
        return result
    }

    /// Runs meshkey, through the shell with a file-size limit when `diskFull`.
    static func run(_ arguments: [String], input: String?, diskFull: Bool) throws -> Result {
        let result = try CommandRunner.run(arguments, input: input, diskFull: diskFull)
        return Result(
            exitCode: result.exitCode,
            standardOutput: result.standardOutput,
            standardError: result.standardError
        )
    }

    /// The forms in which a secret could leak: dashed and plain Base32, hex.
    static func forms(of base32: String) -> [String] {
        let plain = base32.replacingOccurrences(of: "-", with: "")
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var value = 0
        var bytes: [UInt8] = []
        for character in plain {
            guard let index = alphabet.firstIndex(of: character) else { continue }
            value = (value << 5) | index
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        return [base32, plain, plain.lowercased(), hex, hex.uppercased()]
    }

    static func lines(_ result: CommandResult) -> [String] {
        result.standardOutput.split(separator: "\n").map(String.init)
    }

    /// Changes one character of a share (at `index`, past the type characters).
    static func tamper(_ share: String, at index: Int = 12) -> String {
        var characters = Array(share)
        characters[index] = characters[index] == "K" ? "L" : "K"
        return String(characters)
    }

    @Test func everyCommandRefusesBadInputAndChangesNothing() throws {
        // --- Shared fixture: one store (scrypt 2^10) with a profile, keys and an offline escrow entry; a
        // tampered store; a broken store; split sets; key, overlay and threshold files.
        let fixture = try Fixture()
        let folder = fixture.folder
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let storeOptions = ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile]
        func setup(_ arguments: [String], input: String? = nil) throws -> [String] {
            let result = try CommandRunner.run(arguments, input: input)
            #expect(result.exitCode == 0, "setup \(arguments): \(result.standardError)")
            return Self.lines(result)
        }
        let profile = try setup(["profile", "create", "--exportable"] + storeOptions)[0]
        let seed = try setup(["store", "export", profile, "--format", "udf", "--private"] + storeOptions)[0]
        let profileShares = Array(try setup(["profile", "escrow", "-t", "2", "-n", "3"] + storeOptions).dropFirst())
        let locked = try setup(
            ["store", "generate", "--alg", "Ed25519", "--non-exportable", "--label", "locked"] + storeOptions
        )[0]
        let x25519 = try setup(["store", "generate", "--alg", "X25519", "--label", "age"] + storeOptions)[0]
        let entrySetup = try setup(
            ["escrow", "seal", "--offline", "-t", "2", "-n", "3", "--key", x25519, "--out", path("entry.json")]
                + storeOptions
        )
        let entryShares = Array(entrySetup.dropFirst())
        _ = try setup(
            ["escrow", "seal", "--offline", "--key", x25519, "--out", path("other-entry.json")] + storeOptions
        )
        let online = try setup(
            [
                "escrow", "seal", "--online", "--to", x25519, "--key", locked, "--allow-non-exportable", "--unsigned",
                "--out", path("online.json"),
            ] + storeOptions
        )
        #expect(online.count == 3)
        let stranger = try setup(["store", "generate", "--alg", "X25519", "--label", "stranger"] + storeOptions)[0]
        let otherEntryShares = Array(
            try setup(
                [
                    "escrow", "seal", "--offline", "--key", locked, "--allow-non-exportable", "--out",
                    path("third-entry.json"),
                ] + storeOptions
            ).dropFirst()
        )

        func splitSet(_ arguments: [String]) throws -> (secret: String, shares: [String]) {
            let object = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(try CommandRunner.run(["split", "--json"] + arguments).standardOutput.utf8)
                ) as? [String: Any]
            )
            return (try #require(object["secret"] as? String), try #require(object["shares"] as? [String]))
        }
        let a = try splitSet(["-t", "3", "-n", "5"])  // 32-byte secret, 3 of 5
        let b = try splitSet(["-t", "2", "-n", "3"])  // same length, another threshold
        let c = try splitSet(["-t", "3", "-n", "5"])  // same shape, another secret
        let short = try splitSet(["-t", "3", "-n", "5", "--bits", "128"])
        let sheetText = try CommandRunner.run(["print", a.shares[0], "--text"]).standardOutput
        let sheetFirst = String(
            try #require(sheetText.split(separator: "\n").first { $0.hasPrefix("  1  ") }).dropFirst(5).prefix(19)
        )
        let cIdentifier = try #require(
            (try JSONSerialization.jsonObject(
                with: Data(
                    try CommandRunner.run(["recover", "--json"] + Array(c.shares.prefix(3))).standardOutput.utf8
                )
            ) as? [String: Any])?["identifier"] as? String
        )

        // Files.
        let existing = fixture.write("existing.out", "keep me\n")
        let empty = fixture.write("empty", "")
        let big = fixture.write("big-secret", String(repeating: "x", count: 65))
        let garbageJSON = fixture.write("garbage.json", "{\"not\": \"an entry\"")
        let wrongPassphrase = fixture.write("wrong-passphrase", "not it\n")
        let document = try String(contentsOfFile: fixture.store + "/" + profile + ".profile", encoding: .utf8)
        let documentFile = fixture.write("profile.json", document)
        var documentBytes = Data(document.utf8)
        let signatureAt = try #require(documentBytes.range(of: Data("\"signature\"".utf8))).upperBound + 8
        documentBytes[signatureAt] =
            documentBytes[signatureAt] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let tamperedDocument = fixture.write("profile-tampered.json", String(decoding: documentBytes, as: UTF8.self))
        let entryText = try String(contentsOfFile: path("entry.json"), encoding: .utf8)
        var entryObject = try #require(try JSONSerialization.jsonObject(with: Data(entryText.utf8)) as? [String: Any])
        var body = try #require(entryObject["OfflineEscrowEntry"] as? [String: Any])
        var jwe = try #require(body["EncryptedData"] as? [String: String])
        var ciphertext = Array(try #require(jwe["ciphertext"]))
        ciphertext[5] = ciphertext[5] == "A" ? "B" : "A"
        jwe["ciphertext"] = String(ciphertext)
        body["EncryptedData"] = jwe
        entryObject["OfflineEscrowEntry"] = body
        let tamperedEntry = fixture.write(
            "entry-tampered.json",
            String(decoding: try JSONSerialization.data(withJSONObject: entryObject), as: UTF8.self)
        )
        let basePublic = try setup(["key", "generate", "--alg", "X25519", "--out", path("base.pem")])[1]
        _ = try setup(["key", "generate", "--alg", "X25519", "--out", path("other.pem")])
        _ = try setup([
            "overlay", "create", "--alg", "X25519", "--base-public", basePublic, "--out", path("overlay.json"),
        ])
        _ = try setup([
            "threshold", "split", "--key", path("base.pem"), "--shares", "3", "--threshold", "2", "--out-prefix",
            path("th"),
        ])
        let vectorFile = try #require(Paths.vectorFiles.first).path
        // The security review (secret inputs from files and standard input, input caps, PNG header limits).
        let shareAsSeed = fixture.write("share-as-seed", a.shares[0] + "\n")
        let badShareLine = fixture.write("bad-share-line", a.shares[0] + "\nS!\n")
        func bigEndian(_ value: UInt32) -> [UInt8] {
            [UInt8(value >> 24), UInt8(value >> 16 & 255), UInt8(value >> 8 & 255), UInt8(value & 255)]
        }
        let hugePNG = path("huge.png")
        try Data(
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian(13) + Array("IHDR".utf8) + bigEndian(20_000)
                + bigEndian(20_000)
                + [8, 0, 0, 0, 0] + bigEndian(0)
        ).write(to: URL(fileURLWithPath: hugePNG))
        // The paper and recovery review: --scan names what an unreadable file is (PNG and JPEG are read).
        let textScan = fixture.write("shares-scan.txt", a.shares[0] + "\n")
        let gifScan = fixture.write("scan.gif", "GIF89a\u{1}\u{0}\u{1}\u{0}")
        let damagedJPEG = path("damaged.jpg")
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array(repeating: 0x41, count: 14)).write(
            to: URL(fileURLWithPath: damagedJPEG)
        )
        let hugeJPEG = path("huge.jpg")
        try Data([0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0x4E, 0x20, 0x4E, 0x20, 1, 1, 0x11, 0]).write(
            to: URL(fileURLWithPath: hugeJPEG)
        )
        let overSixteenMiB = String(repeating: "A", count: (16 << 20) + 1)

        // A second store with a tampered entry, a third whose header is not JSON.
        let tamperedStore = try Fixture()
        let tamperedOptions = ["--store", tamperedStore.store, "--passphrase-file", tamperedStore.passphraseFile]
        let victim = try setup(["store", "generate", "--alg", "Ed25519"] + tamperedOptions)[0]
        // Made before the victim is damaged: a store none of whose entries opens refuses writes.
        let foreignDevice = try setup(["store", "generate", "--alg", "X25519"] + tamperedOptions)[0]
        let victimFile = URL(fileURLWithPath: tamperedStore.store + "/" + victim + ".json")
        var victimBytes = try Data(contentsOf: victimFile)
        let tagRange = try #require(victimBytes.range(of: Data("\"tag\" : \"".utf8)))
        victimBytes[tagRange.upperBound] =
            victimBytes[tagRange.upperBound] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try victimBytes.write(to: victimFile)
        // A recryption share sealed to a key of the tampered store, not of the fixture store.
        _ = try setup(
            ["store", "export", foreignDevice, "--format", "jwk", "--out", path("foreign.jwk")] + tamperedOptions
        )
        _ = try setup(["store", "export", locked, "--format", "jwk", "--out", path("ed25519.jwk")] + storeOptions)
        _ = try setup([
            "recrypt", "split", "--group-key", path("base.pem"), "--service", "x", "--member-device",
            path("foreign.jwk"), "--unsigned",
            "--member-out", path("sealed-member.json"), "--service-out", path("plain-service.json"),
        ])
        let brokenStore = try Fixture(create: false)
        try FileManager.default.createDirectory(
            atPath: brokenStore.store,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700]
        )
        _ = FileManager.default.createFile(
            atPath: brokenStore.store + "/store.json",
            contents: Data("{\"format\": ".utf8),
            attributes: [.posixPermissions: 0o600]
        )
        // A store folder normally holds its lock file; so does this one, else opening it would add one.
        _ = FileManager.default.createFile(
            atPath: brokenStore.store + "/lock",
            contents: nil,
            attributes: [.posixPermissions: 0o600]
        )
        let brokenOptions = ["--store", brokenStore.store, "--passphrase-file", brokenStore.passphraseFile]
        let missingStore = ["--store", path("no-store-here"), "--passphrase-file", fixture.passphraseFile]
        // The security review: an unprotected store; a protected store whose header was swapped for an unprotected one
        // with a planted key; one whose header asks for scrypt r = 9; one with a forged key commitment;
        // a passphrase file others can read.
        let openStore = try Fixture(create: false)
        _ = try setup(["store", "init", "--kdf-cost", "10", "--insecure-no-passphrase", "--store", openStore.store])
        _ = try setup(["store", "generate", "--alg", "Ed25519", "--unprotected", "--store", openStore.store])
        let swappedStore = try Fixture()
        let swappedOptions = ["--store", swappedStore.store, "--passphrase-file", swappedStore.passphraseFile]
        _ = try setup(["store", "generate", "--alg", "Ed25519"] + swappedOptions)
        _ = FileManager.default.createFile(
            atPath: swappedStore.store + "/store.json",
            contents: Data(
                "{\"created\":\"2026-12-03T00:00:00Z\",\"format\":1,\"master_key_unprotected\":\"\(String(repeating: "07", count: 32))\",\"protection\":\"none\"}\n"
                    .utf8
            ),
            attributes: [.posixPermissions: 0o600]
        )
        func editedHeaderStore(_ edit: (String) -> String) throws -> Fixture {
            let store = try Fixture()
            let header = try String(contentsOfFile: store.store + "/store.json", encoding: .utf8)
            let changed = edit(header)
            #expect(changed != header)
            try Data(changed.utf8).write(to: URL(fileURLWithPath: store.store + "/store.json"))
            return store
        }
        let costlyStore = try editedHeaderStore { $0.replacingOccurrences(of: "\"r\" : 8", with: "\"r\" : 9") }
        let forgedStore = try editedHeaderStore { text in
            guard let range = text.range(of: "\"commitment\" : \"") else { return text }
            let first = text[range.upperBound]
            return text.replacingCharacters(
                in: range.upperBound..<text.index(after: range.upperBound),
                with: first == "a" ? "b" : "a"
            )
        }
        let loosePassphrase = fixture.write("loose-passphrase", "open sesame\n")
        chmod(loosePassphrase, 0o644)

        // The security review: a signed online entry and a tampered copy, a JWK whose kid names another key, a short secret's shares.
        _ = try setup(
            [
                "escrow", "seal", "--online", "--to", x25519, "--key", x25519, "--sign-with", locked, "--out",
                path("signed-online.json"),
            ] + storeOptions
        )
        var signedText = try String(contentsOfFile: path("signed-online.json"), encoding: .utf8)
        let cipherStart = try #require(signedText.range(of: "\"ciphertext\": \"")).upperBound
        signedText.replaceSubrange(cipherStart...cipherStart, with: signedText[cipherStart] == "A" ? "B" : "A")
        let tamperedSigned = fixture.write("tampered-signed.json", signedText)
        var lyingJWK = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("foreign.jwk"))))
                as? [String: Any]
        )
        lyingJWK["kid"] = x25519
        let lying = fixture.write(
            "lying.jwk",
            String(decoding: try JSONSerialization.data(withJSONObject: lyingJWK), as: UTF8.self)
        )
        let tiny = try splitSet(["-t", "2", "-n", "3", "--bits", "64"])

        // Verifiable share sets: a 35-byte secret with a commitment document, another split, and a
        // re-shared epoch 2 left pending.
        let vs = try splitSet(["-t", "3", "-n", "5", "--bits", "280", "--commitments", path("vss.json")])
        let vsOther = try splitSet(["-t", "3", "-n", "5", "--bits", "280"])
        let vsNew = Array(
            try setup(
                [
                    "share", "reshare", "--commitments", path("vss.json"), "-t", "3", "-n", "5", "--output",
                    path("vss2.json"),
                ]
                    + Array(vs.shares.prefix(3))
            ).dropFirst()
        )
        let vss = path("vss.json")
        let pending = path("vss2.json.pending")
        let grouped = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    try CommandRunner.run(
                        ["split", "--json", "--group", "2of3", "--group", "1of1", "--groups-needed", "2"])
                        .standardOutput.utf8
                )
            ) as? [String: Any]
        )
        let vsGroupSecret = try #require(grouped["secret"] as? String)
        let vsGroups = try #require(grouped["groups"] as? [[String: Any]]).map { $0["shares"] as? [String] ?? [] }

        let s = storeOptions
        let cases: [Case] = [
            // split
            Case(label: "split threshold 1", arguments: ["split", "-t", "1"], message: "invalid_parameters"),
            Case(label: "split k > n", arguments: ["split", "-t", "4", "-n", "3"], message: "invalid_parameters"),
            Case(label: "split n 16", arguments: ["split", "-t", "3", "-n", "16"], message: "invalid_parameters"),
            Case(
                label: "split malformed secret",
                arguments: ["split", "--secret", "ABC0"],
                message: "invalid_character"
            ),
            Case(label: "split truncated secret", arguments: ["split", "--secret", "ABC"], message: "invalid_length"),
            Case(
                label: "split missing secret file",
                arguments: ["split", "--secret-file", path("nope")],
                message: "cannot open"
            ),
            Case(label: "split empty secret file", arguments: ["split", "--secret-file", empty], message: "empty"),
            Case(label: "split 65-byte secret file", arguments: ["split", "--secret-file", big], message: "64 bytes"),
            Case(label: "split --bits 7", arguments: ["split", "--bits", "7"], exitCode: 64, message: "--bits"),
            Case(
                label: "split two secret sources",
                arguments: ["split", "--bits", "128", "--secret", "MFRGG"],
                exitCode: 64,
                message: "Error"
            ),
            // The paper and recovery review: --secret takes only canonical UDF/Base32 text; recover --output and --out.
            Case(
                label: "split --secret password",
                arguments: ["split", "--secret", "hunter2"],
                message: "not_canonical"
            ),
            Case(
                label: "split --secret with spaces",
                arguments: ["split", "--secret", "NB2W 45DF OIZA"],
                message: "not_canonical"
            ),
            Case(
                label: "split --secret - password",
                arguments: ["split", "--secret", "-"],
                input: "hunter2\n",
                message: "not_canonical"
            ),
            Case(
                label: "split --secret-prompt without a terminal",
                arguments: ["split", "--secret-prompt"],
                message: "no_terminal"
            ),
            Case(
                label: "split --secret-prompt and --secret",
                arguments: ["split", "--secret-prompt", "--secret", "MFRGG"],
                exitCode: 64,
                message: "Error"
            ),
            Case(
                label: "recover --output base64",
                arguments: ["recover", "--output", "base64"] + a.shares.prefix(3),
                exitCode: 64,
                message: "--output",
                secrets: [a.secret]
            ),
            Case(
                label: "recover --output raw --json",
                arguments: ["recover", "--output", "raw", "--json"] + a.shares.prefix(3),
                exitCode: 64,
                message: "--output raw",
                secrets: [a.secret]
            ),
            Case(
                label: "recover --out existing file",
                arguments: ["recover", "--out", existing] + a.shares.prefix(3),
                message: "file_exists",
                secrets: [a.secret]
            ),
            Case(label: "split non-number", arguments: ["split", "-t", "three"], exitCode: 64, message: "three"),
            Case(
                label: "split unknown option",
                arguments: ["split", "--secrets", "x"],
                exitCode: 64,
                message: "--secrets"
            ),
            // recover
            Case(
                label: "recover malformed",
                arguments: [
                    "recover",
                    a.shares[0].replacingOccurrences(of: "O", with: "0").replacingOccurrences(of: "Q", with: "0") + "0",
                    a.shares[1], a.shares[2],
                ],
                message: "invalid_character: share 1",
                secrets: [a.secret]
            ),
            Case(
                label: "recover truncated",
                arguments: ["recover", String(a.shares[0].dropLast(5)), a.shares[1], a.shares[2]],
                message: "invalid_length: share 1",
                secrets: [a.secret]
            ),
            Case(
                label: "recover too short",
                arguments: ["recover", "SA", a.shares[1]],
                message: "invalid_length",
                secrets: [a.secret]
            ),
            Case(
                label: "recover a seed as share",
                arguments: ["recover", seed, a.shares[1]],
                message: "wrong_type",
                secrets: [seed, a.secret]
            ),
            Case(
                label: "recover one share",
                arguments: ["recover", a.shares[0]],
                message: "insufficient_shares",
                secrets: [a.secret]
            ),
            Case(label: "recover empty input", arguments: ["recover"], input: "\n \n", message: "insufficient_shares"),
            Case(
                label: "recover duplicate",
                arguments: ["recover", a.shares[0], a.shares[0], a.shares[1]],
                message: "duplicate_share",
                secrets: [a.secret]
            ),
            Case(
                label: "recover mixed threshold",
                arguments: ["recover", a.shares[0], a.shares[1], b.shares[2]],
                message: "mixed_threshold",
                secrets: [a.secret, b.secret]
            ),
            Case(
                label: "recover mixed length",
                arguments: ["recover", a.shares[0], a.shares[1], short.shares[2]],
                message: "mixed_length",
                secrets: [a.secret, short.secret]
            ),
            Case(
                label: "recover foreign share",
                arguments: ["recover", a.shares[0], a.shares[1], a.shares[2], a.shares[3], c.shares[4]],
                message: "inconsistent_shares: share 5",
                secrets: [a.secret, c.secret]
            ),
            Case(
                label: "recover tampered share",
                arguments: ["recover", a.shares[0], Self.tamper(a.shares[1]), a.shares[2], a.shares[3], a.shares[4]],
                message: "inconsistent_shares: share 2",
                secrets: [a.secret]
            ),
            Case(
                label: "recover bad line on stdin",
                arguments: ["recover"],
                input: a.shares[0] + "\n\nS!\n" + a.shares[2] + "\n",
                message: "line 3",
                secrets: [a.secret]
            ),
            Case(
                label: "recover wrong identifier",
                arguments: ["recover", "--identifier", cIdentifier] + Array(a.shares.prefix(3)),
                message: "identifier_mismatch",
                secrets: [a.secret]
            ),
            Case(
                label: "recover missing scan image",
                arguments: ["recover", "--scan", path("nope.png")],
                message: "nope.png"
            ),
            // print
            Case(
                label: "print mixed sets",
                arguments: ["print", "--text", a.shares[0], b.shares[1]],
                message: "mixed_set: share 2",
                secrets: [a.secret, b.secret]
            ),
            Case(
                label: "print repeated x",
                arguments: ["print", "--text", a.shares[0], a.shares[0]],
                message: "x",
                secrets: [a.secret]
            ),
            Case(
                label: "print over an existing file",
                arguments: ["print", "--out", existing] + Array(a.shares.prefix(3)),
                message: "existing.out",
                secrets: [a.secret]
            ),
            Case(
                label: "print wrong identifier",
                arguments: ["print", "--text", "--identifier", cIdentifier] + Array(a.shares.prefix(3)),
                message: "identifier",
                secrets: [a.secret]
            ),
            Case(
                label: "print malformed share",
                arguments: ["print", "--text", "SAQC-0000"],
                message: "invalid_character"
            ),
            Case(
                label: "print disk full",
                arguments: ["print", "--out", path("sheets.pdf")] + Array(a.shares.prefix(3)),
                message: "sheets.pdf",
                secrets: [a.secret],
                diskFull: true
            ),
            Case(
                label: "print bad paper",
                arguments: ["print", "--text", "--paper", "b5", a.shares[0]],
                exitCode: 64,
                message: "b5"
            ),
            // key
            Case(label: "key generate without --alg", arguments: ["key", "generate"], exitCode: 64, message: "--alg"),
            Case(
                label: "key generate lower-case alg",
                arguments: ["key", "generate", "--alg", "ed448"],
                exitCode: 64,
                message: "ed448"
            ),
            Case(
                label: "key generate over an existing file",
                arguments: ["key", "generate", "--alg", "Ed25519", "--out", existing],
                message: "File exists"
            ),
            Case(
                label: "key generate into a missing folder",
                arguments: ["key", "generate", "--alg", "Ed25519", "--out", path("nope/key.pem")],
                message: "cannot create"
            ),
            Case(
                label: "key derive without --seed",
                arguments: ["key", "derive", "--alg", "Ed25519"],
                exitCode: 64,
                message: "--seed"
            ),
            Case(
                label: "key derive share as seed",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed", a.shares[0]],
                message: "wrong_type",
                secrets: [a.secret]
            ),
            Case(
                label: "key derive malformed seed",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed", "ZAA0-FKAT"],
                message: "invalid_character"
            ),
            Case(
                label: "key derive truncated seed",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed", "ZA"],
                message: "invalid_length"
            ),
            // profile derive / verify
            Case(
                label: "profile derive seed and shares",
                arguments: ["profile", "derive", "--seed", seed, profileShares[0]],
                exitCode: 64,
                message: "Error",
                secrets: [seed]
            ),
            Case(
                label: "profile derive truncated seed",
                arguments: ["profile", "derive", "--seed", String(seed.dropLast(5))],
                message: "32 secret bytes",
                secrets: [seed]
            ),
            Case(
                label: "profile derive foreign shares",
                arguments: ["profile", "derive"] + Array(a.shares.prefix(3)),
                message: "not_a_seed",
                secrets: [a.secret]
            ),
            Case(
                label: "profile derive document exists",
                arguments: ["profile", "derive", "--seed", seed, "--document", existing],
                message: "File exists",
                secrets: [seed]
            ),
            Case(
                label: "profile derive document disk full",
                arguments: ["profile", "derive", "--seed", seed, "--document", path("doc.json")],
                message: "doc.json",
                secrets: [seed],
                diskFull: true
            ),
            Case(
                label: "profile verify missing",
                arguments: ["profile", "verify", path("nope.json")],
                message: "cannot open"
            ),
            Case(label: "profile verify empty", arguments: ["profile", "verify", empty], message: "is empty"),
            Case(
                label: "profile verify malformed",
                arguments: ["profile", "verify", garbageJSON],
                message: "garbage.json"
            ),
            Case(
                label: "profile verify tampered",
                arguments: ["profile", "verify", tamperedDocument],
                message: "profile-tampered.json"
            ),
            Case(
                label: "profile verify wrong expect",
                arguments: ["profile", "verify", documentFile, "--expect", "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V"],
                message: "not MARP"
            ),
            // profile create / escrow / recover / purge on the store
            Case(
                label: "profile recover foreign shares",
                arguments: ["profile", "recover"] + Array(a.shares.prefix(3)) + s,
                message: "not_a_seed",
                secrets: [a.secret]
            ),
            Case(
                label: "profile recover wrong expect",
                arguments: ["profile", "recover", "--expect", "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V"]
                    + profileShares.prefix(2) + s,
                message: "profile_mismatch",
                secrets: [seed]
            ),
            Case(
                label: "profile recover one share",
                arguments: ["profile", "recover", profileShares[0]] + s,
                message: "insufficient_shares",
                secrets: [seed]
            ),
            Case(
                label: "profile recover wrong passphrase",
                arguments: ["profile", "recover"] + profileShares.prefix(2) + [
                    "--store", fixture.store, "--passphrase-file", wrongPassphrase,
                ],
                message: "wrong passphrase",
                secrets: [seed]
            ),
            Case(
                label: "profile purge foreign shares",
                arguments: ["profile", "purge"] + Array(c.shares.prefix(3)) + s,
                message: "shares_mismatch",
                secrets: [c.secret, seed]
            ),
            Case(
                label: "profile purge tampered shares",
                arguments: ["profile", "purge", profileShares[0], Self.tamper(profileShares[1]), profileShares[2]] + s,
                message: "inconsistent_shares",
                secrets: [seed]
            ),
            Case(
                label: "profile escrow k > n",
                arguments: ["profile", "escrow", "-t", "5", "-n", "3"] + s,
                message: "invalid_parameters",
                secrets: [seed]
            ),
            Case(
                label: "profile escrow unknown profile",
                arguments: ["profile", "escrow", "--profile", "MAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"] + s,
                message: "not_found",
                secrets: [seed]
            ),
            Case(
                label: "profile create loose store folder",
                arguments: ["profile", "create"] + s,
                message: "0755",
                before: { chmod(fixture.store, 0o755) },
                after: { chmod(fixture.store, 0o700) }
            ),
            Case(
                label: "profile create no store",
                arguments: ["profile", "create"] + missingStore,
                message: "no key store here"
            ),
            // store
            Case(
                label: "store list wrong passphrase",
                arguments: ["store", "list", "--store", fixture.store, "--passphrase-file", wrongPassphrase],
                message: "wrong passphrase"
            ),
            Case(
                label: "store list missing passphrase file",
                arguments: ["store", "list", "--store", fixture.store, "--passphrase-file", path("nope")],
                message: "nope"
            ),
            Case(
                label: "store list no store",
                arguments: ["store", "list"] + missingStore,
                message: "no key store here"
            ),
            Case(
                label: "store list loose store.json",
                arguments: ["store", "list"] + s,
                message: "0644",
                before: { chmod(fixture.store + "/store.json", 0o644) },
                after: { chmod(fixture.store + "/store.json", 0o600) }
            ),
            Case(
                label: "store status malformed header",
                arguments: ["store", "status"] + brokenOptions,
                message: "store.json"
            ),
            Case(
                label: "store list malformed header",
                arguments: ["store", "list"] + brokenOptions,
                message: "store.json"
            ),
            Case(
                label: "store export tampered entry",
                arguments: ["store", "export", victim, "--format", "openssh"] + tamperedOptions,
                message: victim
            ),
            Case(
                label: "store verify tampered entry",
                arguments: ["store", "verify"] + tamperedOptions,
                message: victim,
                standardOutputEmpty: false
            ),
            Case(
                label: "store import missing file",
                arguments: ["store", "import", "--file", path("nope.pem")] + s,
                message: "nope.pem"
            ),
            Case(
                label: "store import malformed",
                arguments: ["store", "import", "hello"] + s,
                message: "neither a seed UDF"
            ),
            Case(
                label: "store import duplicate seed",
                arguments: ["store", "import", seed] + s,
                message: "already in the store",
                secrets: [seed]
            ),
            Case(
                label: "store import truncated seed",
                arguments: ["store", "import", String(seed.prefix(14))] + s,
                message: "at least 16",
                secrets: [seed]
            ),
            Case(
                label: "store export over an existing file",
                arguments: ["store", "export", x25519, "--format", "jwk", "--out", existing] + s,
                message: "existing.out"
            ),
            Case(
                label: "store export not exportable",
                arguments: ["store", "export", locked, "--format", "pkcs8", "--private"] + s,
                message: "not exportable"
            ),
            Case(
                label: "store show unknown",
                arguments: ["store", "show", "MAAA-BBBB-CCCC"] + s,
                message: "no such entry"
            ),
            Case(
                label: "store init existing",
                arguments: ["store", "init", "--kdf-cost", "10"] + s,
                message: "already exists"
            ),
            Case(
                label: "store generate bad alg",
                arguments: ["store", "generate", "--alg", "RSA"] + s,
                message: "--alg must be"
            ),
            Case(
                label: "store passwd wrong passphrase",
                arguments: [
                    "store", "passwd", "--new-passphrase-file", empty, "--store", fixture.store, "--passphrase-file",
                    wrongPassphrase,
                ],
                message: "wrong passphrase"
            ),
            Case(
                label: "store unknown subcommand",
                arguments: ["store", "frobnicate"],
                exitCode: 64,
                message: "frobnicate"
            ),
            // store delete of an account seed: the paper and recovery review
            Case(
                label: "store delete account seed without proof",
                arguments: ["store", "delete", profile] + s,
                message: "proof_required"
            ),
            Case(
                label: "store delete account seed foreign shares",
                arguments: [
                    "store", "delete", profile, "--share", c.shares[0], "--share", c.shares[1], "--share", c.shares[2],
                ] + s,
                message: "shares_mismatch",
                secrets: [c.secret, seed]
            ),
            Case(
                label: "store delete account seed --force with foreign shares",
                arguments: [
                    "store", "delete", profile, "--force", "--share", c.shares[0], "--share", c.shares[1], "--share",
                    c.shares[2],
                ] + s,
                message: "shares_mismatch",
                secrets: [c.secret, seed]
            ),
            Case(
                label: "store delete key entry given shares",
                arguments: ["store", "delete", x25519, "--share", profileShares[0], "--share", profileShares[1]] + s,
                message: "invalid_input",
                secrets: [seed]
            ),
            // store: the security review (header swap, unprotected stores, scrypt caps, passphrase file mode)
            Case(
                label: "store list unprotected store without --unprotected",
                arguments: ["store", "list", "--store", openStore.store],
                message: "unprotected_store"
            ),
            Case(
                label: "store list unprotected store given a passphrase",
                arguments: ["store", "list", "--store", openStore.store, "--passphrase-file", fixture.passphraseFile],
                message: "unprotected_store"
            ),
            Case(
                label: "store list --unprotected on a protected store",
                arguments: ["store", "list", "--unprotected", "--store", fixture.store],
                message: "passphrase_required"
            ),
            Case(
                label: "store list --unprotected with a passphrase file",
                arguments: ["store", "list", "--unprotected"] + s,
                message: "exclude each other"
            ),
            Case(
                label: "store init --unprotected",
                arguments: ["store", "init", "--unprotected", "--store", path("new-store")],
                message: "--insecure-no-passphrase"
            ),
            Case(
                label: "store generate swapped header",
                arguments: ["store", "generate", "--alg", "Ed25519"] + swappedOptions,
                message: "unprotected_store"
            ),
            Case(
                label: "profile create swapped header",
                arguments: ["profile", "create"] + swappedOptions,
                message: "unprotected_store"
            ),
            Case(
                label: "store generate swapped header --unprotected",
                arguments: ["store", "generate", "--alg", "Ed25519", "--unprotected", "--store", swappedStore.store],
                message: "header_mismatch"
            ),
            Case(
                label: "store passwd swapped header --unprotected",
                arguments: [
                    "store", "passwd", "--unprotected", "--store", swappedStore.store,
                    "--new-passphrase-file", swappedStore.passphraseFile,
                ],
                message: "tampered_entry"
            ),
            Case(
                label: "store list scrypt r 9",
                arguments: [
                    "store", "list", "--store", costlyStore.store, "--passphrase-file", costlyStore.passphraseFile,
                ],
                message: "scrypt was not run"
            ),
            Case(
                label: "store list forged key commitment",
                arguments: [
                    "store", "list", "--store", forgedStore.store, "--passphrase-file", forgedStore.passphraseFile,
                ],
                message: "header_mismatch"
            ),
            Case(
                label: "store list loose passphrase file",
                arguments: ["store", "list", "--store", fixture.store, "--passphrase-file", loosePassphrase],
                message: "insecure_permissions"
            ),
            Case(
                label: "store passwd loose new passphrase file",
                arguments: ["store", "passwd", "--new-passphrase-file", loosePassphrase] + s,
                message: "insecure_permissions"
            ),
            // escrow
            Case(
                label: "escrow inspect missing",
                arguments: ["escrow", "inspect", path("nope.json")],
                message: "nope.json"
            ),
            Case(
                label: "escrow inspect malformed",
                arguments: ["escrow", "inspect", garbageJSON],
                message: "malformed_entry"
            ),
            Case(
                label: "escrow open one share",
                arguments: ["escrow", "open", path("entry.json"), entryShares[0]] + s,
                message: "insufficient_shares"
            ),
            Case(
                label: "escrow open shares of another entry",
                arguments: ["escrow", "open", path("entry.json")] + otherEntryShares.prefix(2) + s,
                message: "identifier_mismatch"
            ),
            Case(
                label: "escrow open tampered entry",
                arguments: ["escrow", "open", tamperedEntry] + entryShares.prefix(2) + s,
                message: "authentication_failed"
            ),
            Case(
                label: "escrow open tampered share",
                arguments: [
                    "escrow", "open", path("entry.json"), entryShares[0], entryShares[1], Self.tamper(entryShares[2]),
                ] + s,
                message: "inconsistent_shares"
            ),
            Case(
                label: "escrow open online with wrong key",
                arguments: ["escrow", "open", path("online.json"), "--key", stranger] + s,
                message: "wrong_key"
            ),
            Case(
                label: "escrow open --import wrong passphrase",
                arguments: ["escrow", "open", path("entry.json"), "--import"] + entryShares.prefix(2)
                    + ["--store", fixture.store, "--passphrase-file", wrongPassphrase],
                message: "wrong passphrase"
            ),
            Case(
                label: "escrow seal over an existing file",
                arguments: ["escrow", "seal", "--offline", "--key", x25519, "--out", path("entry.json")] + s,
                message: "not overwritten"
            ),
            Case(
                label: "escrow seal unknown key",
                arguments: ["escrow", "seal", "--offline", "--key", "MAAA-BBBB-CCCC", "--out", path("new-entry.json")]
                    + s,
                message: "MAAA-BBBB-CCCC"
            ),
            Case(
                label: "escrow seal disk full",
                arguments: ["escrow", "seal", "--offline", "--key", x25519, "--out", path("full-entry.json")] + s,
                message: "full-entry.json",
                diskFull: true
            ),
            // overlay, recrypt, threshold
            Case(
                label: "overlay create bad hex",
                arguments: ["overlay", "create", "--alg", "X25519", "--base-public", "zz", "--out", path("o2.json")],
                message: "hex"
            ),
            Case(
                label: "overlay create truncated key",
                arguments: [
                    "overlay", "create", "--alg", "X25519", "--base-public", String(basePublic.dropLast(2)), "--out",
                    path("o2.json"),
                ],
                message: "bytes"
            ),
            Case(
                label: "overlay verify missing",
                arguments: ["overlay", "verify", "--overlay", path("nope.json"), "--base-public", basePublic],
                message: "nope.json"
            ),
            Case(
                label: "overlay apply wrong key",
                arguments: [
                    "overlay", "apply", "--overlay", path("overlay.json"), "--base-key", path("other.pem"), "--out",
                    path("c.json"),
                ],
                message: "BaseUDF"
            ),
            Case(
                label: "overlay apply malformed overlay",
                arguments: [
                    "overlay", "apply", "--overlay", garbageJSON, "--base-key", path("base.pem"), "--out",
                    path("c.json"),
                ],
                message: "not a KeyOverlay"
            ),
            Case(
                label: "recrypt split missing key",
                arguments: [
                    "recrypt", "split", "--group-key", path("nope.pem"), "--service", "x", "--member-out",
                    path("m.json"), "--service-out", path("s.json"),
                ],
                message: "nope.pem"
            ),
            Case(
                label: "recrypt partial bad ephemeral",
                arguments: ["recrypt", "partial", "--key", path("th-1.json"), "--ephemeral", "00"],
                message: "invalid_point"
            ),
            Case(
                label: "store import share sealed to another store",
                arguments: ["store", "import", "--file", path("sealed-member.json"), "--allow-unsigned"] + s,
                message: "not_found"
            ),
            Case(
                label: "store import malformed sealed share",
                arguments: ["store", "import", "--file", garbageJSON] + s,
                message: "malformed_entry"
            ),
            Case(
                label: "recrypt partial --share of a key entry",
                arguments: ["recrypt", "partial", "--share", x25519, "--ephemeral", basePublic] + s,
                message: "not a share"
            ),
            Case(
                label: "recrypt split sealed to an Ed25519 key",
                arguments: [
                    "recrypt", "split", "--group-key", path("base.pem"), "--service", "x", "--member-device",
                    path("ed25519.jwk"),
                    "--member-out", path("m.json"), "--service-out", path("s.json"),
                ],
                message: "X25519 or X448"
            ),
            Case(
                label: "recrypt combine bad partial",
                arguments: ["recrypt", "combine", "--alg", "X25519", "zz", "zz"],
                message: "hex"
            ),
            Case(
                label: "threshold split one share",
                arguments: [
                    "threshold", "split", "--key", path("base.pem"), "--shares", "1", "--out-prefix", path("t2"),
                ],
                exitCode: 64,
                message: "2"
            ),
            Case(
                label: "threshold split t > n",
                arguments: [
                    "threshold", "split", "--key", path("base.pem"), "--shares", "3", "--threshold", "5",
                    "--out-prefix", path("t2"),
                ],
                exitCode: 64,
                message: "threshold"
            ),
            Case(
                label: "threshold split over existing",
                arguments: [
                    "threshold", "split", "--key", path("base.pem"), "--shares", "3", "--out-prefix", path("th"),
                ],
                message: "th-1.json"
            ),
            Case(
                label: "threshold split second file exists",
                arguments: [
                    "threshold", "split", "--key", path("base.pem"), "--shares", "3", "--out-prefix", path("tp"),
                ],
                message: "tp-2.json",
                before: { _ = fixture.write("tp-2.json", "taken\n") },
                after: { try? FileManager.default.removeItem(atPath: path("tp-2.json")) }
            ),
            Case(
                label: "recrypt split service file exists",
                arguments: [
                    "recrypt", "split", "--group-key", path("base.pem"), "--service", "x", "--member-out",
                    path("m.json"), "--service-out", existing,
                ],
                message: "existing.out"
            ),
            Case(
                label: "profile create disk full",
                arguments: ["profile", "create"] + s,
                message: "File too large",
                diskFull: true
            ),
            Case(
                label: "profile recover disk full",
                arguments: ["profile", "recover"] + profileShares.prefix(2) + tamperedOptions,
                message: "File too large",
                secrets: [seed],
                diskFull: true
            ),
            Case(
                label: "threshold partial quorum without own x",
                arguments: [
                    "threshold", "partial", "--share", path("th-1.json"), "--ephemeral", basePublic, "--quorum", "2,3",
                ],
                message: "quorum"
            ),
            Case(
                label: "threshold partial missing share",
                arguments: ["threshold", "partial", "--share", path("nope.json"), "--ephemeral", basePublic],
                message: "nope.json"
            ),
            Case(
                label: "threshold combine without --alg",
                arguments: ["threshold", "combine", "00"],
                exitCode: 64,
                message: "--alg"
            ),
            // vectors
            Case(
                label: "vectors verify without files",
                arguments: ["vectors", "verify"],
                exitCode: 64,
                message: "files"
            ),
            Case(
                label: "vectors verify missing file",
                arguments: ["vectors", "verify", vectorFile, path("nope.json")],
                message: "nope.json",
                standardOutputEmpty: false
            ),
            Case(
                label: "vectors verify malformed file",
                arguments: ["vectors", "verify", garbageJSON],
                message: "garbage.json",
                standardOutputEmpty: false
            ),
            // verifiable share sets
            Case(
                label: "share verify tampered share",
                arguments: ["share", "verify", "--commitments", vss, Self.tamper(vs.shares[1])],
                message: "share_mismatch: share 1",
                secrets: [vs.secret]
            ),
            Case(
                label: "share verify share of another split",
                arguments: ["share", "verify", "--commitments", vss, vsOther.shares[0]],
                message: "share_mismatch: share 1",
                secrets: [vs.secret, vsOther.secret]
            ),
            Case(
                label: "share verify share of another kind of set",
                arguments: ["share", "verify", "--commitments", vss, a.shares[0]],
                message: "foreign_share: share 1",
                secrets: [a.secret]
            ),
            Case(
                label: "share verify share of the old epoch",
                arguments: ["share", "verify", "--commitments", pending, vs.shares[3]],
                message: "wrong_epoch: share 1",
                secrets: [vs.secret]
            ),
            Case(
                label: "share verify missing document",
                arguments: ["share", "verify", "--commitments", path("nope.json"), vs.shares[0]],
                message: "nope.json",
                secrets: [vs.secret]
            ),
            Case(
                label: "share verify malformed document",
                arguments: ["share", "verify", "--commitments", garbageJSON, vs.shares[0]],
                message: "invalid_commitments",
                secrets: [vs.secret]
            ),
            Case(
                label: "share verify without --commitments",
                arguments: ["share", "verify", vs.shares[0]],
                exitCode: 64,
                message: "--commitments"
            ),
            Case(
                label: "recover foreign share at the threshold with commitments",
                arguments: ["recover", "--commitments", vss, vs.shares[0], vsOther.shares[2], vs.shares[4]],
                message: "share_mismatch: share 2",
                secrets: [vs.secret, vsOther.secret]
            ),
            Case(
                label: "recover mixed epochs",
                arguments: ["recover", "--commitments", pending, vs.shares[0], vsNew[1], vs.shares[2], vsNew[3]],
                message: "mixed_epochs",
                secrets: [vs.secret]
            ),
            Case(
                label: "profile recover foreign share with commitments",
                arguments: ["profile", "recover", "--commitments", vss, vs.shares[0], vsOther.shares[1], vs.shares[2]]
                    + s,
                message: "share_mismatch: share 2",
                secrets: [vs.secret, vsOther.secret]
            ),
            Case(
                label: "split commitments for a 16-byte secret",
                arguments: ["split", "--bits", "128", "--commitments", path("short.json")],
                message: "commitments_unavailable"
            ),
            Case(
                label: "split commitments over an existing file",
                arguments: ["split", "--commitments", existing],
                message: "file_exists"
            ),
            Case(
                label: "split commitments signed with an X25519 key",
                arguments: ["split", "--commitments", path("signed.json"), "--sign-key", path("base.pem")],
                message: "invalid_key"
            ),
            Case(
                label: "split --sign-key without --commitments",
                arguments: ["split", "--sign-key", path("base.pem")],
                exitCode: 64,
                message: "--commitments"
            ),
            Case(
                label: "share recreate an index never issued",
                arguments: ["share", "recreate", "--commitments", vss, "--index", "6"] + Array(vs.shares.prefix(3)),
                message: "invalid_index",
                secrets: [vs.secret]
            ),
            Case(
                label: "share extend an issued index",
                arguments: ["share", "extend", "--commitments", vss, "--index", "2"] + Array(vs.shares.suffix(3)),
                message: "invalid_index",
                secrets: [vs.secret]
            ),
            Case(
                label: "share extend bad index list",
                arguments: ["share", "extend", "--commitments", vss, "--index", "6,x"] + Array(vs.shares.prefix(3)),
                message: "invalid_index",
                secrets: [vs.secret]
            ),
            Case(
                label: "share extend from a tampered share",
                arguments: [
                    "share", "extend", "--commitments", vss, "--index", "6", vs.shares[0], Self.tamper(vs.shares[1]),
                    vs.shares[2],
                ],
                message: "share_mismatch: share 2",
                secrets: [vs.secret]
            ),
            Case(
                label: "share reshare too few shares",
                arguments: ["share", "reshare", "--commitments", vss, "-t", "2", "-n", "3", "--output", path("r.json")]
                    + Array(vs.shares.prefix(2)),
                message: "insufficient_shares",
                secrets: [vs.secret]
            ),
            Case(
                label: "share reshare output exists",
                arguments: ["share", "reshare", "--commitments", vss, "-t", "2", "-n", "3", "--output", existing]
                    + Array(vs.shares.prefix(3)),
                message: "file_exists",
                secrets: [vs.secret]
            ),
            Case(
                label: "share confirm a current document",
                arguments: ["share", "confirm", "--commitments", vss] + Array(vs.shares.prefix(3)),
                message: "not_pending",
                secrets: [vs.secret]
            ),
            Case(
                label: "share confirm with old shares",
                arguments: ["share", "confirm", "--commitments", pending] + Array(vs.shares.prefix(3)),
                message: "wrong_epoch",
                secrets: [vs.secret]
            ),
            // groups of holders
            Case(
                label: "split bad --group",
                arguments: ["split", "--group", "2x3", "--groups-needed", "1"],
                message: "invalid_parameters"
            ),
            Case(
                label: "split group k > n",
                arguments: ["split", "--group", "4of3", "--groups-needed", "1"],
                message: "invalid_parameters"
            ),
            Case(
                label: "split more groups needed than groups",
                arguments: ["split", "--group", "2of3", "--group", "1of1", "--groups-needed", "3"],
                message: "invalid_parameters"
            ),
            Case(
                label: "split --group without --groups-needed",
                arguments: ["split", "--group", "2of3"],
                exitCode: 64,
                message: "--groups-needed"
            ),
            Case(
                label: "recover grouped set with a short group",
                arguments: ["recover", "--group", vsGroups[0][1], "--group", vsGroups[1][0]],
                message: "group 1 has 1 share, 2 needed",
                secrets: [vsGroupSecret]
            ),
            Case(
                label: "recover --group with loose shares",
                arguments: ["recover", "--group", vsGroups[1][0], vs.shares[0]],
                message: "invalid_parameters",
                secrets: [vs.secret]
            ),
            // secret inputs from files or standard input, and their limits
            Case(
                label: "key derive --seed and --seed-file",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed", seed, "--seed-file", "-"],
                exitCode: 64,
                message: "--seed-file",
                secrets: [seed]
            ),
            Case(
                label: "key derive missing seed file",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed-file", path("nope")],
                message: "cannot_open"
            ),
            Case(
                label: "key derive empty seed file",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed-file", empty],
                message: "empty_input"
            ),
            Case(
                label: "key derive blank seed on stdin",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed-file", "-"],
                input: "\n \n",
                message: "empty_input"
            ),
            Case(
                label: "key derive share in the seed file",
                arguments: ["key", "derive", "--alg", "Ed25519", "--seed-file", shareAsSeed],
                message: "wrong_type",
                secrets: [a.secret]
            ),
            Case(
                label: "profile derive --seed and --seed-file",
                arguments: ["profile", "derive", "--seed", seed, "--seed-file", "-"],
                exitCode: 64,
                message: "--seed-file",
                secrets: [seed]
            ),
            Case(
                label: "profile derive seed file and shares",
                arguments: ["profile", "derive", "--seed-file", shareAsSeed, "--shares-file", badShareLine],
                exitCode: 64,
                message: "Error"
            ),
            Case(
                label: "profile derive missing shares file",
                arguments: ["profile", "derive", "--shares-file", path("nope")],
                message: "cannot_open"
            ),
            Case(
                label: "profile recover missing shares file",
                arguments: ["profile", "recover", "--shares-file", path("nope")] + s,
                message: "cannot_open"
            ),
            Case(
                label: "overlay create missing seed file",
                arguments: [
                    "overlay", "create", "--alg", "X25519", "--base-public", basePublic, "--seed-file", path("nope"),
                    "--out", path("o3.json"),
                ],
                message: "cannot_open"
            ),
            Case(
                label: "overlay create --seed and --seed-file",
                arguments: [
                    "overlay", "create", "--alg", "X25519", "--base-public", basePublic, "--seed", seed, "--seed-file",
                    "-", "--out", path("o3.json"),
                ],
                exitCode: 64,
                message: "--seed-file",
                secrets: [seed]
            ),
            Case(label: "print no shares", arguments: ["print", "--text"], input: "", message: "insufficient_shares"),
            Case(
                label: "print missing shares file",
                arguments: ["print", "--text", "--shares-file", path("nope")],
                message: "cannot_open"
            ),
            Case(
                label: "print bad line in shares file",
                arguments: ["print", "--text", "--shares-file", badShareLine],
                message: "share 2",
                secrets: [a.secret]
            ),
            Case(
                label: "print more labels than shares",
                arguments: ["print", "--text", "--label", "A", "--label", "B", "--shares-file", "-"],
                input: a.shares[0] + "\n",
                message: "invalid_parameters",
                secrets: [a.secret]
            ),
            Case(
                label: "print --total below the shares read",
                arguments: ["print", "--text", "--total", "2", "--shares-file", "-"],
                input: a.shares.prefix(3).joined(separator: "\n"),
                message: "invalid_parameters",
                secrets: [a.secret]
            ),
            Case(
                label: "print standard input over 16 MiB",
                arguments: ["print", "--text"],
                input: overSixteenMiB,
                message: "input_too_large"
            ),
            Case(
                label: "recover standard input over 16 MiB",
                arguments: ["recover"],
                input: overSixteenMiB,
                message: "input_too_large"
            ),
            Case(
                label: "recover missing shares file",
                arguments: ["recover", "--shares-file", path("nope")],
                message: "cannot_open"
            ),
            Case(
                label: "recover bad line in shares file",
                arguments: ["recover", "--shares-file", badShareLine],
                message: "bad-share-line line 2",
                secrets: [a.secret]
            ),
            Case(
                label: "recover scan of a 20000 x 20000 PNG",
                arguments: ["recover", "--scan", hugePNG],
                message: "image_too_large"
            ),
            Case(
                label: "recover scan of a non-PNG",
                arguments: ["recover", "--scan", garbageJSON],
                message: "not_an_image"
            ),
            Case(
                label: "recrypt combine missing partial file",
                arguments: ["recrypt", "combine", "--alg", "X25519", "--partial-file", path("nope")],
                message: "cannot_open"
            ),
            Case(
                label: "threshold combine nothing on stdin",
                arguments: ["threshold", "combine", "--alg", "X25519"],
                input: "",
                message: "at least two"
            ),
            Case(
                label: "threshold combine standard input over 16 MiB",
                arguments: ["threshold", "combine", "--alg", "X25519"],
                input: overSixteenMiB,
                message: "input_too_large"
            ),
            Case(
                label: "vectors verify standard input over 16 MiB",
                arguments: ["vectors", "verify", "-"],
                input: overSixteenMiB,
                message: "input_too_large",
                standardOutputEmpty: false
            ),
            Case(
                label: "store list passphrase file - with nothing",
                arguments: ["store", "list", "--store", fixture.store, "--passphrase-file", "-"],
                input: "",
                message: "standard input is empty"
            ),
            // usage
            // The security review: the exportable flag, recipients, signatures, labels, all-or-none outputs, short-secret identifiers.
            Case(
                label: "escrow seal non-exportable key",
                arguments: ["escrow", "seal", "--offline", "--key", locked, "--out", path("ne.json")] + s,
                message: "not_exportable"
            ),
            Case(
                label: "escrow seal online unsigned",
                arguments: ["escrow", "seal", "--online", "--to", x25519, "--key", x25519, "--out", path("ne.json")]
                    + s,
                message: "unsigned"
            ),
            Case(
                label: "escrow seal --to a file path",
                arguments: [
                    "escrow", "seal", "--online", "--to", path("foreign.jwk"), "--key", x25519, "--unsigned", "--out",
                    path("ne.json"),
                ] + s,
                message: "not_found"
            ),
            Case(
                label: "escrow seal --to-file kid of another key",
                arguments: [
                    "escrow", "seal", "--online", "--to-file", lying, "--key", x25519, "--unsigned", "--out",
                    path("ne.json"),
                ] + s,
                message: "identifier_mismatch"
            ),
            Case(
                label: "escrow seal --print unwritable",
                arguments: [
                    "escrow", "seal", "--offline", "--key", x25519, "--out", path("ne.json"), "--print",
                    path("no-dir/s.pdf"),
                ] + s,
                message: "s.pdf"
            ),
            Case(
                label: "escrow open --import online without expected signer",
                arguments: ["escrow", "open", path("online.json"), "--key", x25519, "--import"] + s,
                message: "unsigned"
            ),
            Case(
                label: "escrow open unsigned entry, signer expected",
                arguments: ["escrow", "open", path("online.json"), "--key", x25519, "--expect-signer", locked] + s,
                message: "unsigned"
            ),
            Case(
                label: "escrow open signed by another",
                arguments: ["escrow", "open", path("signed-online.json"), "--key", x25519, "--expect-signer", x25519]
                    + s,
                message: "signer_mismatch"
            ),
            Case(
                label: "escrow open tampered signed entry",
                arguments: ["escrow", "open", tamperedSigned, "--key", x25519, "--expect-signer", locked] + s,
                message: "bad_signature"
            ),
            Case(
                label: "escrow inspect tampered signed entry",
                arguments: ["escrow", "inspect", tamperedSigned],
                message: "bad_signature"
            ),
            Case(
                label: "recrypt split non-exportable group entry",
                arguments: [
                    "recrypt", "split", "--group-entry", locked, "--service", "x", "--member-out", path("m.json"),
                    "--service-out", path("s.json"),
                ] + s,
                message: "not_exportable"
            ),
            Case(
                label: "recrypt split sealed unsigned",
                arguments: [
                    "recrypt", "split", "--group-key", path("base.pem"), "--service", "x", "--member-device",
                    path("foreign.jwk"),
                    "--member-out", path("m.json"), "--service-out", path("s.json"),
                ],
                message: "unsigned"
            ),
            Case(
                label: "store import sealed share without expected signer",
                arguments: ["store", "import", "--file", path("sealed-member.json")] + s,
                message: "unsigned"
            ),
            Case(
                label: "store generate label with escape sequence",
                arguments: ["store", "generate", "--alg", "Ed25519", "--label", "a\u{1B}[8mb"] + s,
                message: "control character"
            ),
            Case(
                label: "store generate label with newline",
                arguments: ["store", "generate", "--alg", "Ed25519", "--label", "a\nMAAA  key"] + s,
                message: "control character"
            ),
            Case(
                label: "print --label with an escape sequence",
                arguments: ["print", "--text", "--label", "x\u{1B}]0;owned\u{07}"] + a.shares.prefix(3),
                message: "invalid_label",
                secrets: [a.secret]
            ),
            Case(
                label: "print --identifier for a short secret",
                arguments: ["print", "--text", "--identifier", "MAAA-BBBB"] + tiny.shares,
                message: "identifier_refused",
                secrets: [tiny.secret]
            ),
            // The paper and recovery review: --scan wherever shares are taken; unreadable images named by what they are.
            Case(
                label: "recover scan of a text file",
                arguments: ["recover", "--scan", textScan],
                message: "not_an_image",
                secrets: [a.secret]
            ),
            Case(
                label: "recover scan of a GIF",
                arguments: ["recover", "--scan", gifScan],
                message: "unsupported_image"
            ),
            Case(
                label: "recover scan of a damaged JPEG",
                arguments: ["recover", "--scan", damagedJPEG],
                message: "unreadable_image"
            ),
            Case(
                label: "recover scan of a 20000 x 20000 JPEG",
                arguments: ["recover", "--scan", hugeJPEG],
                message: "image_too_large"
            ),
            Case(
                label: "profile recover scan of a text file",
                arguments: ["profile", "recover", "--scan", textScan] + s,
                message: "not_an_image",
                secrets: [a.secret]
            ),
            Case(
                label: "profile derive scan of a GIF",
                arguments: ["profile", "derive", "--scan", gifScan],
                message: "unsupported_image"
            ),
            Case(
                label: "profile derive --seed and --scan",
                arguments: ["profile", "derive", "--seed", seed, "--scan", gifScan],
                exitCode: 64,
                message: "not both",
                secrets: [seed]
            ),
            Case(
                label: "profile purge scan of a damaged JPEG",
                arguments: ["profile", "purge", "--yes", "--scan", damagedJPEG] + s,
                message: "unreadable_image"
            ),
            Case(
                label: "escrow open scan of a 20000 x 20000 JPEG",
                arguments: ["escrow", "open", path("entry.json"), "--scan", hugeJPEG],
                message: "image_too_large"
            ),
            Case(
                label: "escrow open online entry with --scan",
                arguments: ["escrow", "open", path("online.json"), "--key", x25519, "--scan", gifScan] + s,
                message: "wrong_entry_type"
            ),
            // The sheet's text as printed: a non-Base32 character named at its printed
            // position, a line without its check, the whole check cut off.
            Case(
                label: "recover sheet text with a non-Base32 character",
                arguments: ["recover"],
                input: sheetText.replacingOccurrences(
                    of: "  1  " + sheetFirst,
                    with: "  1  " + String(sheetFirst.prefix(6)) + "0" + String(sheetFirst.dropFirst(7))
                ) + "\n" + a.shares[1] + "\n",
                message: "line 1, character 7: '0' is not a Base32 character",
                secrets: [a.secret]
            ),
            Case(
                label: "recover printed line without its check",
                arguments: ["recover", sheetFirst + "\ncheck: ABCD", a.shares[1], a.shares[2]],
                message: "line 1 has no 2-character check after it",
                secrets: [a.secret]
            ),
            Case(
                label: "recover sheet text cut before the whole check",
                arguments: ["recover"],
                input: String(
                    sheetText.prefix(upTo: sheetText.range(of: "     check:", options: .backwards)!.upperBound)
                ) + "\n",
                message: "the whole-share check is missing",
                secrets: [a.secret]
            ),
            Case(label: "unknown command", arguments: ["frobnicate"], exitCode: 64, message: "frobnicate"),
            // the paper and recovery review: --passphrase-fd (descriptor 913 is not open in the child; -1 never is)
            Case(
                label: "store list --passphrase-fd not open",
                arguments: ["store", "list", "--store", fixture.store, "--passphrase-fd", "913"],
                message: "bad_fd"
            ),
            Case(
                label: "store list --passphrase-fd negative",
                arguments: ["store", "list", "--store", fixture.store, "--passphrase-fd=-1"],
                message: "bad_fd"
            ),
            Case(
                label: "store list --passphrase-fd and --passphrase-file",
                arguments: ["store", "list", "--passphrase-fd", "0"] + s,
                input: "open sesame\n",
                message: "exclude each other"
            ),
            Case(
                label: "store list --unprotected with --passphrase-fd",
                arguments: ["store", "list", "--unprotected", "--store", openStore.store, "--passphrase-fd", "0"],
                input: "open sesame\n",
                message: "exclude each other"
            ),
            Case(
                label: "store init --passphrase-fd not open",
                arguments: [
                    "store", "init", "--kdf-cost", "10", "--store", path("new-store"), "--passphrase-fd", "913",
                ],
                message: "bad_fd"
            ),
            Case(
                label: "store init --insecure-no-passphrase with --passphrase-fd",
                arguments: [
                    "store", "init", "--insecure-no-passphrase", "--store", path("new-store"),
                    "--passphrase-fd", "0",
                ],
                input: "x\n",
                message: "exclude each other"
            ),
            Case(
                label: "store passwd --new-passphrase-fd not open",
                arguments: ["store", "passwd", "--new-passphrase-fd", "913"] + s,
                message: "bad_fd"
            ),
            Case(
                label: "store passwd empty passphrase on a descriptor",
                arguments: ["store", "passwd", "--new-passphrase-fd", "0"] + s,
                input: "\n",
                message: "is empty"
            ),
        ]
        #expect(cases.count >= 60)

        var log = ""
        let folders = [
            folder, tamperedStore.folder, brokenStore.folder, openStore.folder, swappedStore.folder,
            costlyStore.folder, forgedStore.folder,
        ]
        let before = Self.snapshot(folders)
        // ThreadSanitizer's own runtime dies with SIGBUS under a file-size limit: `make sanitize` sets this
        // for its TSan pass.
        let fileLimit = ProcessInfo.processInfo.environment["MESHKEY_TEST_NO_FILE_LIMIT"] == nil
        for item in cases where fileLimit || !item.diskFull {
            item.before?()
            let result = try Self.run(item.arguments, input: item.input, diskFull: item.diskFull)
            item.after?()
            let context =
                "\(item.label): exit \(result.exitCode), stdout \(result.standardOutput.prefix(300)), stderr \(result.standardError.prefix(600))"
            log +=
                "\(item.label) | \(item.arguments.first ?? "") | exit \(result.exitCode) | \(result.standardError.split(separator: "\n").first ?? "")\n"
            #expect(result.exitCode == item.exitCode, "\(context)")
            #expect(result.standardError.contains(item.message), "\(context)")
            if item.standardOutputEmpty { #expect(result.standardOutput.isEmpty, "\(context)") }
            if item.exitCode == 1 && item.standardOutputEmpty {
                #expect(result.standardError.split(separator: "\n").count == 1, "\(context)")
            }
            for secret in item.secrets {
                for form in Self.forms(of: secret) {
                    #expect(
                        !result.standardOutput.contains(form) && !result.standardError.contains(form),
                        "\(item.label) printed a secret"
                    )
                }
            }
            let after = Self.snapshot(folders)
            if after != before {
                let changed = Set(after.keys).union(before.keys).filter { after[$0] != before[$0] }.sorted()
                Issue.record("\(item.label) changed files: \(changed)")
            }
        }
        if let report = ProcessInfo.processInfo.environment["MESHKEY_MATRIX_REPORT"] {
            try? log.write(toFile: report, atomically: true, encoding: .utf8)
        }
    }
}
