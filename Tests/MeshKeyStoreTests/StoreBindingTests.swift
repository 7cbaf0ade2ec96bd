import Foundation
import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshUDF
import TestSupport
import Testing

/// The security review: the store bound to its passphrase (header swap, key commitment, entries bound to the store),
/// master-key rotation and its recovery, and the store's small findings (FIFO, scrypt caps, HOME, lock).
@Suite struct StoreBindingTests {
    static let other = SecureBytes(Array("another passphrase".utf8))

    func header(_ temporary: TemporaryStore) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: temporary.path + "/store.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func writeHeader(_ temporary: TemporaryStore, _ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: temporary.path + "/store.json"))
        chmod(temporary.path + "/store.json", 0o600)
    }

    /// The issue's attack: `store.json` replaced by an unprotected header with a planted key. Opening with
    /// the passphrase is refused (named error), so nothing can be sealed under the planted key.
    @Test func swappedUnprotectedHeaderIsRefused() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        _ = try store.generate(.ed25519)
        let planted = Hex.encode(Array(repeating: UInt8(7), count: 32))
        for format in [1, 2] {
            var swapped: [String: Any] = [
                "format": format, "protection": "none", "master_key_unprotected": planted,
                "created": "2026-12-03T00:00:00Z",
            ]
            if format == 2 {
                swapped["store_id"] = try header(temporary)["store_id"] ?? ""
                swapped["generation"] = 1
            }
            let original = try Data(contentsOf: URL(fileURLWithPath: temporary.path + "/store.json"))
            try Self.writeHeader(temporary, swapped)
            let before = try temporary.snapshot()
            expectStoreError(.unprotectedStore) {
                _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
            }
            // Opened explicitly as unprotected, a write is still refused: the entries are not bound to it.
            let opened = try KeyStore.open(at: temporary.path, passphrase: nil)
            expectStoreError(.headerMismatch) { _ = try opened.generate(.ed25519) }
            expectStoreError(.headerMismatch) { _ = try opened.add(seed: SeedUDF.random(.meshProfileAccount)) }
            #expect(try temporary.snapshot() == before)
            try original.write(to: URL(fileURLWithPath: temporary.path + "/store.json"))
        }
        #expect(try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase).list().failures.isEmpty)
    }

    /// A header whose master key is not the one committed under the passphrase: `header_mismatch`.
    @Test func forgedCommitmentIsDetected() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.create()
        var object = try header(temporary)
        let commitment = try #require(object["commitment"] as? String)
        object["commitment"] = String(commitment.reversed())
        try Self.writeHeader(temporary, object)
        expectStoreError(.headerMismatch) {
            _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        }
        object.removeValue(forKey: "commitment")
        try Self.writeHeader(temporary, object)
        expectStoreError(.corruptHeader) {
            _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        }
    }

    /// Another store's header (same passphrase) over this store: the entries do not open under it, and a
    /// write is refused before anything is written; `store.json` replaced after open: the same.
    @Test func headerOfAnotherStoreIsDetectedBeforeWriting() throws {
        let first = try TemporaryStore()
        let second = try TemporaryStore()
        let a = try first.create()
        let entry = try a.generate(.ed25519)
        _ = try second.create()
        let own = try Data(contentsOf: URL(fileURLWithPath: first.path + "/store.json"))
        let foreign = try Data(contentsOf: URL(fileURLWithPath: second.path + "/store.json"))
        try foreign.write(to: URL(fileURLWithPath: first.path + "/store.json"))
        let before = try first.snapshot()
        let swapped = try KeyStore.open(at: first.path, passphrase: TemporaryStore.passphrase)
        expectStoreError(.tamperedEntry, udf: entry.udf) { _ = try swapped.entry(udf: entry.udf) }
        expectStoreError(.headerMismatch) { _ = try swapped.generate(.x25519) }
        // `a` was opened under the original header: its write is refused too.
        expectStoreError(.headerMismatch) { _ = try a.generate(.x25519) }
        #expect(try first.snapshot() == before)
        // An entry file copied from another store (same passphrase) is refused by name.
        try own.write(to: URL(fileURLWithPath: first.path + "/store.json"))
        let b = try KeyStore.open(at: second.path, passphrase: TemporaryStore.passphrase)
        let moved = try b.generate(.ed448)
        try FileManager.default.copyItem(atPath: second.file(moved.udf), toPath: first.file(moved.udf))
        let original = try KeyStore.open(at: first.path, passphrase: TemporaryStore.passphrase)
        expectStoreError(.tamperedEntry, udf: moved.udf) { _ = try original.entry(udf: moved.udf) }
    }

    /// The security review's scenario: after `passwd`, the old header with the old passphrase opens nothing
    /// and cannot be written through; the new passphrase opens everything.
    @Test func oldHeaderAfterPasswdOpensNothing() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let kept = [try store.generate(.ed25519), try store.add(seed: SeedUDF.random(.meshProfileAccount))]
        let oldHeader = try Data(contentsOf: URL(fileURLWithPath: temporary.path + "/store.json"))
        let rotated = try store.changePassphrase(to: Self.other)
        let later = try rotated.generate(.x448)
        let newHeader = try Data(contentsOf: URL(fileURLWithPath: temporary.path + "/store.json"))
        try oldHeader.write(to: URL(fileURLWithPath: temporary.path + "/store.json"))
        let before = try temporary.snapshot()
        let replayed = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        let listed = try replayed.list()
        #expect(listed.entries.isEmpty && listed.failures.count == 3)
        expectStoreError(.headerMismatch) { _ = try replayed.generate(.ed25519) }
        #expect(try temporary.snapshot() == before)
        try newHeader.write(to: URL(fileURLWithPath: temporary.path + "/store.json"))
        let current = try KeyStore.open(at: temporary.path, passphrase: Self.other).list()
        #expect(current.failures.isEmpty)
        #expect(Set(current.entries.map(\.udf)) == Set((kept + [later]).map(\.udf)))
    }

    /// `passwd` on an unprotected store: a new master key, and the store now needs the passphrase.
    @Test func passwdOnAnUnprotectedStoreMakesANewKey() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create(passphrase: nil)
        let entry = try store.generate(.ed25519)
        let oldKey = try #require(try header(temporary)["master_key_unprotected"] as? String)
        try store.changePassphrase(to: Self.other)
        let text = try String(contentsOfFile: temporary.path + "/store.json", encoding: .utf8)
        #expect(!text.contains(oldKey) && !text.contains("master_key_unprotected"))
        expectStoreError(.passphraseRequired) { _ = try KeyStore.open(at: temporary.path, passphrase: nil) }
        #expect(try KeyStore.open(at: temporary.path, passphrase: Self.other).entry(udf: entry.udf) == entry)
        #expect(try KeyStore.status(at: temporary.path).passphraseProtected)
    }

    /// A rotation killed before its commit is rolled back; one killed after it is finished, on next open.
    @Test func interruptedRotationIsRecoveredOnOpen() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entries = try (0..<4).map { _ in try store.generate(.ed25519) }
        // Not committed: a half-written next generation beside the old store.
        let abandoned = temporary.path + "/.rotation-2"
        try FileManager.default.createDirectory(
            atPath: abandoned,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700]
        )
        _ = FileManager.default.createFile(
            atPath: abandoned + "/" + entries[0].udf + ".json",
            contents: Data("{".utf8),
            attributes: [.posixPermissions: 0o600]
        )
        _ = FileManager.default.createFile(
            atPath: abandoned + "/.tmp-0011223344556677",
            contents: Data("x".utf8),
            attributes: [.posixPermissions: 0o600]
        )
        let reopened = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(try reopened.list().entries.count == 4)
        // Committed, not finished: make one complete rotation in a copy, then combine the two folders as a
        // process killed during the roll-forward would leave them.
        let copy = temporary.folder.appendingPathComponent("copy").path
        try FileManager.default.copyItem(atPath: temporary.path, toPath: copy)
        try KeyStore.open(at: copy, passphrase: TemporaryStore.passphrase).changePassphrase(to: Self.other)
        try FileManager.default.createDirectory(
            atPath: abandoned,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700]
        )
        for (index, entry) in entries.enumerated() {
            let name = entry.udf + ".json"
            let target = index == 0 ? temporary.path + "/" + name : abandoned + "/" + name
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: copy + "/" + name, toPath: target)
        }
        try? FileManager.default.removeItem(atPath: temporary.path + "/store.json")
        try FileManager.default.copyItem(atPath: copy + "/store.json", toPath: temporary.path + "/store.json")
        expectStoreError(.wrongPassphrase) {
            _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
        }
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        let finished = try KeyStore.open(at: temporary.path, passphrase: Self.other).list()
        #expect(finished.failures.isEmpty && Set(finished.entries.map(\.udf)) == Set(entries.map(\.udf)))
    }

    /// A rotation stops before writing anything when an entry does not open.
    @Test func rotationRefusesADamagedStoreAndChangesNothing() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let entry = try store.generate(.ed25519)
        _ = try store.generate(.x25519)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: temporary.file(entry.udf)))
        let tag = try #require(bytes.range(of: Data("\"tag\" : \"".utf8)))
        bytes[tag.upperBound] = bytes[tag.upperBound] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        try bytes.write(to: URL(fileURLWithPath: temporary.file(entry.udf)))
        let before = try temporary.snapshot()
        expectStoreError(.tamperedEntry, udf: entry.udf) { try store.changePassphrase(to: Self.other) }
        #expect(try temporary.snapshot() == before)
    }

    /// The hardening review: scrypt parameters beyond the caps are refused before scrypt runs.
    @Test func scryptParametersAreCapped() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.create()
        let original = try header(temporary)
        var kdf = try #require(original["kdf"] as? [String: Any])
        for (key, value) in [("r", 9 as Any), ("p", 2), ("log2_n", 21), ("salt", String(repeating: "ab", count: 65))] {
            var changed = original
            var parameters = kdf
            parameters[key] = value
            changed["kdf"] = parameters
            try Self.writeHeader(temporary, changed)
            let start = Date()
            expectStoreError(.corruptHeader) {
                _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
            }
            #expect(Date().timeIntervalSince(start) < 1, "\(key)")
        }
        kdf["r"] = 8
        try Self.writeHeader(temporary, original)
        #expect(throws: Never.self) { _ = try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase) }
    }

    /// A format 1 store as meshkey wrote it before 0.2.0 (scrypt 2^10, passphrase TemporaryStore's).
    static func makeFormatOneStore(_ temporary: TemporaryStore) throws -> KeyStore {
        try FileManager.default.createDirectory(
            atPath: temporary.path,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700]
        )
        let masterKey = SecureBytes((0..<32).map { UInt8($0) })
        let salt = Array(repeating: UInt8(0x42), count: 16)
        let saltHex = Hex.encode(salt)
        let wrapping = try Scrypt.deriveKey(
            password: TemporaryStore.passphrase,
            salt: salt,
            log2N: 10,
            r: 8,
            p: 1,
            outputCount: 32
        )
        let nonce = Array(repeating: UInt8(1), count: 12)
        let aad = Array("meshkey-master-v1".utf8) + [0] + Array("scrypt:10:8:1:\(saltHex)".utf8)
        let sealed = try AESGCM.seal(masterKey, key: wrapping, nonce: nonce, authenticating: aad)
        try Self.writeHeader(
            temporary,
            [
                "format": 1, "protection": "passphrase", "created": "2026-12-01T00:00:00Z",
                "kdf": ["name": "scrypt", "log2_n": 10, "r": 8, "p": 1, "salt": saltHex],
                "master_key": [
                    "alg": "AES-256-GCM", "nonce": Hex.encode(nonce),
                    "ciphertext": Hex.encode(sealed.ciphertext), "tag": Hex.encode(sealed.tag),
                ],
            ]
        )
        return try KeyStore.open(at: temporary.path, passphrase: TemporaryStore.passphrase)
    }

    /// A store written by an older meshkey (format 1 header, format 2 entries) still opens and takes
    /// entries; `passwd` upgrades it to format 2 with format 3 entries.
    @Test func formatOneStoreOpensAndPasswdUpgradesIt() throws {
        let temporary = try TemporaryStore()
        let legacy = try Self.makeFormatOneStore(temporary)
        let entry = try legacy.generate(.ed25519)
        #expect(try String(contentsOfFile: temporary.file(entry.udf), encoding: .utf8).contains("\"format\" : 2"))
        try legacy.changePassphrase(to: Self.other)
        #expect(try KeyStore.status(at: temporary.path).format == 2)
        #expect(try String(contentsOfFile: temporary.file(entry.udf), encoding: .utf8).contains("\"format\" : 3"))
        #expect(try KeyStore.open(at: temporary.path, passphrase: Self.other).entry(udf: entry.udf) == entry)
    }

    /// The hardening review: a FIFO named like an entry is refused by name; `list` does not hang on it.
    @Test func fifoNamedLikeAnEntryIsRefused() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        _ = try store.generate(.ed25519)
        let name = "MAAA-BBBB-CCCC"
        #expect(mkfifo(temporary.file(name), 0o600) == 0)
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        Thread.detachNewThread {
            box.value = Result { try store.list() }
            done.signal()
        }
        guard done.wait(timeout: .now() + 10) == .success else {
            Issue.record("store list hangs on a FIFO")
            return
        }
        let listed = try #require(try box.value?.get())
        #expect(listed.entries.count == 1 && listed.failures.count == 1)
        #expect(listed.failures.first?.udf == name && listed.failures.first?.reason.contains("FIFO") == true)
        expectStoreError(.invalidInput, udf: name) { _ = try store.entry(udf: name) }
        // `verify` reports it too, and leaves it alone.
        #expect(try store.verify().failures.count == 1)
    }

    final class ResultBox: @unchecked Sendable {
        var value: Result<(entries: [StoreEntry], failures: [KeyStoreError]), any Error>?
    }

    /// The hardening review: with HOME unset (or relative) the location is refused, never relative to the working folder.
    @Test func noHomeIsRefused() {
        for environment in [[:], ["HOME": ""], ["HOME": "relative/home"], ["XDG_DATA_HOME": "data"]]
            as [[String: String]]
        {
            expectStoreError(.noHome) { _ = try KeyStore.location(explicit: nil, environment: environment) }
        }
        #expect(
            (try? KeyStore.location(explicit: nil, environment: ["XDG_DATA_HOME": "data", "HOME": "/h"]))
                == "/h/.local/share/meshkey"
        )
    }

    /// The hardening review: profile documents are written under the store's exclusive lock (so `verify`, which holds
    /// it while it removes stray temporary files, never removes one being written).
    @Test func profileDocumentWaitsForTheLock() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.create()
        let holder = open(temporary.path + "/lock", O_RDWR)
        #expect(holder >= 0 && flock(holder, LOCK_SH) == 0)
        let done = DispatchSemaphore(value: 0)
        let path = temporary.path
        Thread.detachNewThread {
            try? KeyStore.writeProfileDocument(
                Array("{}\n".utf8),
                profileUDF: "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V",
                at: path
            )
            done.signal()
        }
        #expect(
            done.wait(timeout: .now() + 0.5) == .timedOut,
            "the document was written while another process held the lock"
        )
        let names = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
        #expect(!names.contains { $0.hasSuffix(".profile") || $0.hasPrefix(".tmp-") })
        flock(holder, LOCK_UN)
        close(holder)
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(try temporary.mode(temporary.path + "/MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V.profile") == 0o600)
    }
}
