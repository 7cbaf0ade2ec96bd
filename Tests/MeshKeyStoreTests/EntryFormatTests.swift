import Foundation
import MeshCrypto
import Testing

@testable import MeshKeyStore

/// Entry formats 2 and 3 authenticate every field in clear (label, date, algorithm; 3 also the store id,
/// generation and protection); format 1 entries, written before, are still read in a format 1 store.
@Suite struct EntryFormatTests {
    func edit(_ temporary: TemporaryStore, _ udf: String, _ change: (String) -> String) throws {
        let file = temporary.file(udf)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit changed nothing")
        try Data(changed.utf8).write(to: URL(fileURLWithPath: file))
    }

    @Test func labelDateAndAlgorithmEditsAreDetected() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let labelled = try store.generate(.ed25519, label: "ssh")
        let unlabelled = try store.generate(.x25519)
        let dated = try store.generate(.ed448, label: "admin")
        let other = try store.generate(.ed25519, label: "ssh")
        #expect(try String(contentsOfFile: temporary.file(labelled.udf), encoding: .utf8).contains("\"format\" : 3"))
        try edit(temporary, labelled.udf) {
            $0.replacingOccurrences(of: "\"label\" : \"ssh\"", with: "\"label\" : \"escrow\"")
        }
        try edit(temporary, unlabelled.udf) {
            $0.replacingOccurrences(of: "\"created\"", with: "\"label\" : \"escrow\",\n  \"created\"")
        }
        try edit(temporary, dated.udf) { $0.replacingOccurrences(of: dated.created, with: "2020-01-01T00:00:00Z") }
        for udf in [labelled.udf, unlabelled.udf, dated.udf] {
            expectStoreError(.tamperedEntry, udf: udf) { _ = try store.entry(udf: udf) }
        }
        // Claiming an older format does not help: the seal was made with the format 3 data.
        try edit(temporary, other.udf) { $0.replacingOccurrences(of: "\"format\" : 3", with: "\"format\" : 2") }
        expectStoreError(.tamperedEntry, udf: other.udf) { _ = try store.entry(udf: other.udf) }
        // Every entry damaged: a write is refused (the header might not be the entries' header).
        let before = try temporary.snapshot()
        expectStoreError(.headerMismatch) { _ = try store.generate(.x25519) }
        #expect(try temporary.snapshot() == before)
    }

    @Test func formatOneEntriesAreStillRead() throws {
        let temporary = try TemporaryStore()
        let store = try StoreBindingTests.makeFormatOneStore(temporary)
        let entry = try store.generate(.ed25519, label: "old")
        let secret = try store.privateBytes(udf: entry.udf)
        // Rewrite it as the first format wrote it.
        let nonce = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        let aad = KeyStore.entryAAD(
            format: 1,
            udf: entry.udf,
            type: .key,
            algorithm: entry.algorithm,
            group: nil,
            label: entry.label,
            created: entry.created
        )
        let sealed = try AESGCM.seal(
            SecureBytes(prefix: [1, 1], secret),
            key: store.masterKey,
            nonce: nonce,
            authenticating: aad
        )
        let file = EntryFile(
            format: 1,
            udf: entry.udf,
            type: "key",
            algorithm: entry.algorithm,
            label: entry.label,
            exportable: true,
            created: entry.created,
            publicKey: entry.publicKey.map { Hex.encode($0) },
            group: nil,
            sealed: SealedBox(
                alg: "AES-256-GCM",
                nonce: Hex.encode(nonce),
                ciphertext: Hex.encode(sealed.ciphertext),
                tag: Hex.encode(sealed.tag)
            )
        )
        try Data(StoreJSON.encode(file)).write(to: URL(fileURLWithPath: temporary.file(entry.udf)))
        #expect(try store.entry(udf: entry.udf) == entry)
        #expect(try store.privateBytes(udf: entry.udf) == secret)
        #expect(try store.verify().failures.isEmpty)
    }
}
