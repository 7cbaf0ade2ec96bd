import Foundation
import MeshCrypto
import MeshKeyStore
import Testing

#if canImport(Glibc)
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#endif

/// Public documents beside the entries (device records): written under the store's exclusive lock, never
/// over the store's own files.
@Suite struct StoreDocumentTests {
    @Test func documentsWaitForTheLock() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.create()
        let holder = open(temporary.path + "/lock", O_RDWR)
        #expect(holder >= 0 && flock(holder, LOCK_SH) == 0)
        let done = DispatchSemaphore(value: 0)
        let path = temporary.path
        Thread.detachNewThread {
            try? KeyStore.writeDocuments(
                [("MDEV-ICE0.device", Array("{}\n".utf8)), ("MACC-OUNT.devices", Array("[]\n".utf8))],
                at: path
            )
            done.signal()
        }
        #expect(
            done.wait(timeout: .now() + 0.5) == .timedOut,
            "the documents were written while another process held the lock"
        )
        let before = try FileManager.default.contentsOfDirectory(atPath: path)
        #expect(!before.contains { $0.hasSuffix(".device") || $0.hasSuffix(".devices") || $0.hasPrefix(".tmp-") })
        flock(holder, LOCK_UN)
        close(holder)
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(try String(contentsOfFile: path + "/MDEV-ICE0.device", encoding: .utf8) == "{}\n")
        #expect(try temporary.mode(path + "/MACC-OUNT.devices") == 0o600)
    }

    @Test func storeFilesAreNotDocuments() throws {
        let temporary = try TemporaryStore()
        _ = try temporary.create()
        let before = try temporary.snapshot()
        for name in ["store.json", "lock", "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V.json", ".tmp-x", "../escape", ""] {
            #expect(throws: KeyStoreError.self, "\(name)") {
                try KeyStore.writeDocuments([(name, [0x7B, 0x7D])], at: temporary.path)
            }
        }
        // A refused name anywhere in the list: nothing is written.
        #expect(throws: KeyStoreError.self) {
            try KeyStore.writeDocuments(
                [("fine.device", [0x7B, 0x7D]), ("store.json", [0x7B, 0x7D])],
                at: temporary.path
            )
        }
        #expect(try temporary.snapshot() == before)
    }
}
