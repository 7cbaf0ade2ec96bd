import Foundation
import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshMath
import MeshUDF
import TestSupport
import Testing

/// A store in a fresh private temporary folder, removed at the end.
final class TemporaryStore {
    let folder: URL
    let path: String
    static let passphrase = SecureBytes(Array("correct horse battery staple".utf8))

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        path = folder.appendingPathComponent("store").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func create(passphrase: SecureBytes? = TemporaryStore.passphrase) throws -> KeyStore {
        try KeyStore.initialize(at: path, passphrase: passphrase, kdfCost: 10)
    }

    func file(_ udf: String) -> String { path + "/" + udf + ".json" }

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// Every file name and its bytes (for "store unchanged" checks).
    func snapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
        }
        return result
    }
}

func expectStoreError(
    _ code: KeyStoreError.Code,
    udf: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected \(code), got success", sourceLocation: sourceLocation)
    } catch let error as KeyStoreError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let udf {
            #expect(error.udf == udf, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(udf), sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected KeyStoreError \(code), got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct KeyStoreTests {
    static let referenceSeed = "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT"
    static let referenceProfile = "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V"

    @Test func locationPrecedence() throws {
        #expect(try KeyStore.location(explicit: "/a", environment: ["MESHKEY_HOME": "/b"]) == "/a")
        #expect(
            try KeyStore.location(explicit: nil, environment: ["MESHKEY_HOME": "/b", "XDG_DATA_HOME": "/c"]) == "/b"
        )
        #expect(
            try KeyStore.location(explicit: nil, environment: ["XDG_DATA_HOME": "/c", "HOME": "/h"]) == "/c/meshkey"
        )
        #expect(try KeyStore.location(explicit: nil, environment: ["HOME": "/h"]) == "/h/.local/share/meshkey")
        #expect(
            try KeyStore.location(explicit: "", environment: ["MESHKEY_HOME": "", "HOME": "/h"])
                == "/h/.local/share/meshkey"
        )
    }

    @Test func initOpenGenerateImportListShow() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        var created: [StoreEntry] = []
        for algorithm in KeyAlgorithm.allCases {
            created.append(
                try store.generate(algorithm, exportable: algorithm != .x448, label: "gen \(algorithm.rawValue)")
            )
        }
        let seedEntry = try store.add(seed: try SeedUDF.parse(Self.referenceSeed), label: "account")
        #expect(seedEntry.udf == Self.referenceProfile)
        #expect(seedEntry.type == .seed)
        #expect(seedEntry.algorithm == "MeshProfileAccount")
        let other = try store.add(seed: SeedUDF.random(.ed25519))
        #expect(other.udf.hasPrefix("M"))
        let pem = try OpenSSLPrivateKey.generate(.ed448)
        let imported = try store.add(key: pem, exportable: false)
        #expect(imported.publicKey == pem.publicKey.rawRepresentation)

        // Reopen with the passphrase: everything is there and verified.
        let reopened = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        let listed = try reopened.list()
        #expect(listed.failures.isEmpty)
        #expect(Set(listed.entries.map(\.udf)) == Set((created + [seedEntry, other, imported]).map(\.udf)))
        for entry in created {
            let shown = try reopened.entry(udf: entry.udf.lowercased())
            #expect(shown == entry)
            let key = try reopened.privateKey(udf: entry.udf)
            let curve = try #require(KeyAlgorithm(rawValue: entry.algorithm))
            #expect(
                KeyFingerprint.udf(curve: curve, key: try StandardKey.publishedForm(of: key, curve: curve)) == entry.udf
            )
        }
        #expect(try reopened.privateKey(udf: imported.udf).rawRepresentation() == pem.rawRepresentation())
        #expect(try reopened.privateBytes(udf: seedEntry.udf) == SeedUDF.parse(Self.referenceSeed).binary)
        // Duplicates are refused, naming the UDF.
        expectStoreError(.exists, udf: seedEntry.udf) {
            _ = try reopened.add(seed: try SeedUDF.parse(Self.referenceSeed))
        }
        expectStoreError(.notFound, udf: "MAAA-AAAA") { _ = try reopened.entry(udf: "MAAA-AAAA") }
        expectStoreError(.invalidInput) { _ = try reopened.entry(udf: "../store") }
        let status = try KeyStore.status(at: temporary.path)
        #expect(status.passphraseProtected && status.kdfLog2N == 10 && status.kdfR == 8 && status.kdfP == 1)
        #expect(status.entryCount == 7)
        expectStoreError(.exists) { _ = try temporary.create() }
    }

    @Test func permissionsAreStrictAndLooserOnesRefused() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entry = try store.generate(.ed25519)
        #expect(try temporary.mode(temporary.path) == 0o700)
        for name in try FileManager.default.contentsOfDirectory(atPath: temporary.path) {
            #expect(try temporary.mode(temporary.path + "/" + name) == 0o600, "\(name)")
        }
        // A looser folder.
        chmod(temporary.path, 0o755)
        do {
            _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
            Issue.record("opened a 0755 store")
        } catch {
            #expect(error.code == .insecurePermissions)
            #expect(error.description.contains(temporary.path) && error.description.contains("0755"))
        }
        expectStoreError(.insecurePermissions) { _ = try KeyStore.status(at: temporary.path) }
        chmod(temporary.path, 0o700)
        // A looser entry file.
        chmod(temporary.file(entry.udf), 0o644)
        let reopened = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        do {
            _ = try reopened.entry(udf: entry.udf)
            Issue.record("used a 0644 entry")
        } catch {
            #expect(error.code == .insecurePermissions)
            #expect(error.description.contains("0644") && error.description.contains(entry.udf))
        }
        chmod(temporary.file(entry.udf), 0o600)
        // A looser header.
        chmod(temporary.path + "/store.json", 0o640)
        expectStoreError(.insecurePermissions) {
            _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        }
        // init refuses an existing looser folder.
        let loose = temporary.folder.appendingPathComponent("loose").path
        try FileManager.default.createDirectory(
            atPath: loose,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o750]
        )
        expectStoreError(.insecurePermissions) {
            _ = try KeyStore.initialize(at: loose, passphrase: TemporaryStore.passphrase, kdfCost: 10)
        }
    }

    @Test func wrongPassphraseIsADistinctError() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.create()
        expectStoreError(.wrongPassphrase) {
            _ = try KeyStore.open(at: temporary.path, passphrase: SecureBytes(Array("nope".utf8)))
        }
        expectStoreError(.passphraseRequired) { _ = try KeyStore.open(at: temporary.path, passphrase: nil) }
        expectStoreError(.notInitialized) { _ = try KeyStore.open(at: temporary.path + "-missing", passphrase: nil) }
        expectStoreError(.invalidInput) {
            _ = try KeyStore.initialize(at: temporary.path + "2", passphrase: TemporaryStore.passphrase, kdfCost: 3)
        }
    }

    @Test func tamperedEntriesAreNamedAndRefused() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let a = try store.generate(.ed25519)
        let b = try store.generate(.x448)
        let c = try store.add(seed: SeedUDF.random(.meshProfileAccount))
        let d = try store.generate(.ed448, exportable: false)
        let e = try store.generate(.x25519)
        let good = try store.generate(.ed25519)

        // a: one hex digit of the sealed ciphertext changed.
        var text = try String(contentsOfFile: temporary.file(a.udf), encoding: .utf8)
        let range = try #require(text.range(of: "\"ciphertext\" : \""))
        let index = range.upperBound
        text.replaceSubrange(index...index, with: text[index] == "0" ? "1" : "0")
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary.file(a.udf)))
        // b and c: contents swapped.
        let bData = try Data(contentsOf: URL(fileURLWithPath: temporary.file(b.udf)))
        let cData = try Data(contentsOf: URL(fileURLWithPath: temporary.file(c.udf)))
        try bData.write(to: URL(fileURLWithPath: temporary.file(c.udf)))
        try cData.write(to: URL(fileURLWithPath: temporary.file(b.udf)))
        // d: the exportable flag flipped in clear.
        let dText = try String(contentsOfFile: temporary.file(d.udf), encoding: .utf8)
            .replacingOccurrences(of: "\"exportable\" : false", with: "\"exportable\" : true")
        try Data(dText.utf8).write(to: URL(fileURLWithPath: temporary.file(d.udf)))
        // e: truncated.
        let eData = try Data(contentsOf: URL(fileURLWithPath: temporary.file(e.udf)))
        try eData.prefix(eData.count / 2).write(to: URL(fileURLWithPath: temporary.file(e.udf)))
        for udf in [a.udf, b.udf, c.udf, d.udf, e.udf] { chmod(temporary.file(udf), 0o600) }

        let report = try store.verify()
        #expect(report.verified == [good.udf])
        #expect(Set(report.failures.compactMap(\.udf)) == Set([a.udf, b.udf, c.udf, d.udf, e.udf]))
        #expect(report.failures.allSatisfy { $0.code == .tamperedEntry })
        for udf in [a.udf, b.udf, c.udf, d.udf, e.udf] {
            expectStoreError(.tamperedEntry, udf: udf) { _ = try store.entry(udf: udf) }
            expectStoreError(.tamperedEntry, udf: udf) { _ = try store.privateBytes(udf: udf) }
            expectStoreError(.tamperedEntry, udf: udf) {
                _ = try store.export(udf: udf, format: .udf, includePrivate: false)
            }
        }
        // The flipped flag does not make d exportable.
        expectStoreError(.tamperedEntry, udf: d.udf) {
            _ = try store.export(udf: d.udf, format: .pkcs8, includePrivate: true)
        }
        let listed = try store.list()
        #expect(listed.entries.map(\.udf) == [good.udf])
        #expect(listed.failures.count == 5)
    }

    @Test func editedPublicKeyIsRefused() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let a = try store.generate(.ed25519)
        let other = try OpenSSLPrivateKey.generate(.ed25519).publicKey.rawRepresentation
        let text = try String(contentsOfFile: temporary.file(a.udf), encoding: .utf8)
            .replacingOccurrences(of: Hex.encode(try #require(a.publicKey)), with: Hex.encode(other))
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary.file(a.udf)))
        expectStoreError(.tamperedEntry, udf: a.udf) {
            _ = try store.export(udf: a.udf, format: .openssh, includePrivate: false)
        }
    }

    @Test(arguments: KeyAlgorithm.allCases) func shareEntriesRoundTripAndBindTheirGroup(curve: KeyAlgorithm) throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let group = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
        let shares = try Recryption.split(group: group)
        let entry = try store.add(share: shares.member, curve: curve, group: group.publicKeyExtended, label: "member")
        let member = try ScalarKey(scalar: shares.member, curve: curve)
        #expect(entry.type == .share && entry.udf == member.udf() && entry.publicKey == member.publicKeyExtended)
        let loaded = try store.share(udf: entry.udf)
        #expect(loaded.key.scalar == shares.member && loaded.entry.group == group.publicKeyExtended)
        #expect(try store.list().entries.map(\.udf) == [entry.udf])
        // The share is used in place: it exports only as its UDF, and is not a key.
        #expect(
            try store.export(udf: entry.udf, format: .udf, includePrivate: false).unprotectedBytes
                == Array((entry.udf + "\n").utf8)
        )
        expectStoreError(.invalidInput, udf: entry.udf) {
            _ = try store.export(udf: entry.udf, format: .jwk, includePrivate: true)
        }
        expectStoreError(.invalidInput, udf: entry.udf) { _ = try store.privateKey(udf: entry.udf) }
        // A key entry is not a share.
        let key = try store.generate(curve == .x448 || curve == .ed448 ? .x448 : .x25519)
        expectStoreError(.invalidInput, udf: key.udf) { _ = try store.share(udf: key.udf) }
        // The group key in clear is bound by the AAD: pointing the share at another group is detected.
        let other = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
            .publicKeyExtended
        let text = try String(contentsOfFile: temporary.file(entry.udf), encoding: .utf8)
            .replacingOccurrences(of: Hex.encode(group.publicKeyExtended), with: Hex.encode(other))
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary.file(entry.udf)))
        expectStoreError(.tamperedEntry, udf: entry.udf) { _ = try store.share(udf: entry.udf) }
        // Removing the group member is detected too.
        let removed = try String(contentsOfFile: temporary.file(entry.udf), encoding: .utf8)
            .replacingOccurrences(of: "\"group\" : \"\(Hex.encode(other))\",", with: "")
        #expect(!removed.contains("\"group\""))
        try Data(removed.utf8).write(to: URL(fileURLWithPath: temporary.file(entry.udf)))
        expectStoreError(.tamperedEntry, udf: entry.udf) { _ = try store.share(udf: entry.udf) }
    }

    @Test func noSecretAppearsInAnyStoreFile() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        var secrets: [[UInt8]] = []
        for algorithm in KeyAlgorithm.allCases {
            let entry = try store.generate(algorithm)
            secrets.append(try store.privateBytes(udf: entry.udf).unprotectedBytes)
        }
        let seed = try SeedUDF.parse(Self.referenceSeed)
        _ = try store.add(seed: seed)
        secrets.append(seed.secret.unprotectedBytes)
        let key = try OpenSSLPrivateKey.generate(.ed25519)
        _ = try store.add(key: key)
        secrets.append(try key.rawRepresentation().unprotectedBytes)
        let masterCandidates = secrets
        var haystack = Data()
        for (_, data) in try temporary.snapshot() { haystack.append(data) }
        let text = String(decoding: haystack, as: UTF8.self)
        for secret in masterCandidates {
            // Any 16-byte window, raw, hex (both cases), base64 and base64url of the whole.
            let window = Array(secret.prefix(16))
            #expect(haystack.range(of: Data(window)) == nil)
            #expect(!text.lowercased().contains(Hex.encode(window)))
            let base64 = Data(secret).base64EncodedString()
            #expect(!text.contains(String(base64.prefix(20))))
            let url = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            #expect(!text.contains(String(url.prefix(20))))
        }
        #expect(!text.contains(Base32.encode(seed.secret.unprotectedBytes, dashed: false).prefix(20)))
        #expect(!text.contains("ZAAQ"))
    }

    /// The security review: `passwd` rotates the master key; every entry file is re-sealed.
    @Test func passwdRotatesTheMasterKeyAndReseals() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entry = try store.generate(.ed25519)
        let before = try temporary.snapshot()
        let newPassphrase = SecureBytes(Array("new passphrase".utf8))
        let rotated = try store.changePassphrase(to: newPassphrase, kdfCost: 11)
        let after = try temporary.snapshot()
        #expect(before[entry.udf + ".json"] != after[entry.udf + ".json"])
        #expect(before["store.json"] != after["store.json"])
        #expect(!after.keys.contains { $0.hasPrefix(".rotation-") })
        expectStoreError(.wrongPassphrase) {
            _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        }
        let reopened = try KeyStore.open(at: temporary.path, passphrase: newPassphrase)
        #expect(try reopened.entry(udf: entry.udf) == entry)
        #expect(try KeyStore.status(at: temporary.path).kdfLog2N == 11)
        // The value returned writes; the one opened before the rotation may not.
        _ = try rotated.generate(.x25519)
        expectStoreError(.headerMismatch) { _ = try store.generate(.x25519) }
    }

    @Test func insecureStoreNeedsNoPassphraseAndSaysSo() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create(passphrase: nil)
        let entry = try store.generate(.x25519)
        #expect(try KeyStore.needsPassphrase(at: temporary.path) == false)
        #expect(try KeyStore.status(at: temporary.path).passphraseProtected == false)
        #expect(try KeyStore.open(at: temporary.path, passphrase: nil).entry(udf: entry.udf) == entry)
        // A passphrase given to a store without one is an error, not silently ignored.
        expectStoreError(.unprotectedStore) {
            _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        }
    }

    @Test func exportRespectsTheExportableFlag() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let locked = try store.generate(.ed25519, exportable: false)
        for format in ExportFormat.allCases where format != .udf {
            expectStoreError(.notExportable, udf: locked.udf) {
                _ = try store.export(udf: locked.udf, format: format, includePrivate: true)
            }
        }
        // Public exports are fine.
        let line = String(
            decoding: try store.export(udf: locked.udf, format: .openssh, includePrivate: false).unprotectedBytes,
            as: UTF8.self
        )
        #expect(line.hasPrefix("ssh-ed25519 AAAA"))
        let x = try store.generate(.x448)
        expectStoreError(.invalidInput, udf: x.udf) {
            _ = try store.export(udf: x.udf, format: .openssh, includePrivate: false)
        }
        expectStoreError(.invalidInput, udf: x.udf) {
            _ = try store.export(udf: x.udf, format: .age, includePrivate: false)
        }
        expectStoreError(.invalidInput, udf: x.udf) {
            _ = try store.export(udf: x.udf, format: .udf, includePrivate: true)
        }
        let seed = try store.add(seed: try SeedUDF.parse(Self.referenceSeed))
        let seedText = String(
            decoding: try store.export(udf: seed.udf, format: .udf, includePrivate: true).unprotectedBytes,
            as: UTF8.self
        )
        #expect(seedText == Self.referenceSeed + "\n")
        expectStoreError(.invalidInput, udf: seed.udf) {
            _ = try store.export(udf: seed.udf, format: .pkcs8, includePrivate: false)
        }
    }

    @Test(arguments: KeyAlgorithm.allCases)
    func pkcs8AndJWKExportsRoundTrip(algorithm: KeyAlgorithm) throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entry = try store.generate(algorithm)
        let pem = try store.export(udf: entry.udf, format: .pkcs8, includePrivate: true)
        let key = try OpenSSLPrivateKey(pemRepresentation: pem)
        #expect(try key.rawRepresentation() == store.privateBytes(udf: entry.udf))
        let publicPEM = String(
            decoding: try store.export(udf: entry.udf, format: .pkcs8, includePrivate: false).unprotectedBytes,
            as: UTF8.self
        )
        #expect(try OpenSSLPublicKey(pemRepresentation: publicPEM) == key.publicKey)
        let jwk = try store.export(udf: entry.udf, format: .jwk, includePrivate: true)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(jwk.unprotectedBytes)) as? [String: String]
        )
        #expect(object["kty"] == "OKP" && object["crv"] == algorithm.rawValue && object["kid"] == entry.udf)
        func base64URL(_ text: String) -> [UInt8]? {
            var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while standard.count % 4 != 0 { standard += "=" }
            return Data(base64Encoded: standard).map { Array($0) }
        }
        #expect(base64URL(object["x"] ?? "") == key.publicKey.rawRepresentation)
        #expect(base64URL(object["d"] ?? "") == (try key.rawRepresentation().unprotectedBytes))
    }

    @Test func opensshPrivateKeyLoadsInSSHKeygen() throws {
        let tool = "/usr/bin/ssh-keygen"
        try #require(
            FileManager.default.isExecutableFile(atPath: tool),
            "ssh-keygen is not installed (make test installs openssh-client)"
        )
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entry = try store.generate(.ed25519)
        let keyFile = temporary.folder.appendingPathComponent("id_ed25519").path
        try SecureFile.create(
            path: keyFile,
            contents: try store.export(udf: entry.udf, format: .openssh, includePrivate: true)
        )
        let result = try run(tool, ["-y", "-f", keyFile])
        #expect(result.status == 0, "\(result.error)")
        let publicLine = String(
            decoding: try store.export(udf: entry.udf, format: .openssh, includePrivate: false).unprotectedBytes,
            as: UTF8.self
        )
        #expect(result.output == publicLine)
    }

    @Test func ageIdentityLoadsInAgeKeygen() throws {
        let tool = ["/usr/bin/age-keygen", "/usr/local/bin/age-keygen"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        try #require(tool != nil, "age-keygen is not installed (make test installs Debian's age)")
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entry = try store.generate(.x25519)
        let identity = temporary.folder.appendingPathComponent("age.txt").path
        let secret = try store.export(udf: entry.udf, format: .age, includePrivate: true)
        #expect(String(decoding: secret.unprotectedBytes, as: UTF8.self).hasPrefix("AGE-SECRET-KEY-1"))
        try SecureFile.create(path: identity, contents: secret)
        let result = try run(tool!, ["-y", identity])
        #expect(result.status == 0, "\(result.error)")
        let recipient = String(
            decoding: try store.export(udf: entry.udf, format: .age, includePrivate: false).unprotectedBytes,
            as: UTF8.self
        )
        #expect(recipient.hasPrefix("age1"))
        #expect(result.output == recipient)
    }

    @Test func deleteAndPurgeRemoveTheFile() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let a = try store.generate(.ed25519)
        let b = try store.generate(.ed25519)
        try store.delete(udf: a.udf)
        try store.purge(udf: b.udf.lowercased())
        let names = try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted()
        #expect(names == ["lock", "store.json"])
        expectStoreError(.notFound, udf: a.udf) { try store.delete(udf: a.udf) }
        expectStoreError(.notFound, udf: b.udf) { try store.purge(udf: b.udf) }
    }

    @Test func strayTemporaryFilesAreIgnoredAndCleanedByVerify() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let a = try store.generate(.ed25519)
        let stray = temporary.path + "/.tmp-0123456789abcdef"
        _ = FileManager.default.createFile(
            atPath: stray,
            contents: Data("{\"half".utf8),
            attributes: [.posixPermissions: 0o600]
        )
        #expect(try store.list().entries.map(\.udf) == [a.udf])
        #expect(try KeyStore.status(at: temporary.path).temporaryFileCount == 1)
        let report = try store.verify()
        #expect(report.failures.isEmpty && report.removedTemporaryFiles == [".tmp-0123456789abcdef"])
        #expect(!FileManager.default.fileExists(atPath: stray))
    }

    @Test func concurrentWritersInOneProcessLoseNothing() async throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let udfs = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<16 {
                group.addTask { try store.generate(index % 2 == 0 ? .ed25519 : .x25519).udf }
            }
            var all: [String] = []
            for try await udf in group { all.append(udf) }
            return all
        }
        let listed = try store.list()
        #expect(listed.failures.isEmpty)
        #expect(Set(listed.entries.map(\.udf)) == Set(udfs))
    }

    func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
