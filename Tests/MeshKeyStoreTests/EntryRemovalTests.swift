import Foundation
import MeshCrypto
import MeshKeyStore
import MeshUDF
import TestSupport
import Testing

/// `KeyStore.remove(udf:mode:proof:)`: an account seed goes only with the secret its shares recover, or
/// with force; every other entry needs no proof.
@Suite struct EntryRemovalTests {
    @Test func anAccountSeedNeedsItsRecoveredSecretOrForce() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let seed = SeedUDF.random(.meshProfileAccount)
        let entry = try store.add(seed: seed)
        #expect(entry.isAccountSeed)
        let other = SeedUDF.random(.meshProfileAccount)
        let before = try temporary.snapshot()
        for mode in [RemovalMode.delete, .purge] {
            expectStoreError(.proofRequired, udf: entry.udf) {
                try store.remove(udf: entry.udf, mode: mode, proof: .none)
            }
            expectStoreError(.sharesMismatch, udf: entry.udf) {
                try store.remove(udf: entry.udf, mode: mode, proof: .recoveredSecret(other.binary))
            }
            // A recovered secret that is no seed at all.
            expectStoreError(.sharesMismatch, udf: entry.udf) {
                try store.remove(
                    udf: entry.udf,
                    mode: mode,
                    proof: .recoveredSecret(SecureBytes(Array(repeating: 7, count: 32)))
                )
            }
            expectStoreError(.proofRequired, udf: entry.udf) {
                _ = try store.checkRemoval(udf: entry.udf, proof: .none)
            }
        }
        #expect(try temporary.snapshot() == before)
        #expect(try store.checkRemoval(udf: entry.udf, proof: .recoveredSecret(seed.binary)) == entry)
        #expect(try temporary.snapshot() == before)
        #expect(try store.remove(udf: entry.udf, mode: .purge, proof: .recoveredSecret(seed.binary)) == entry)
        #expect(!FileManager.default.fileExists(atPath: temporary.file(entry.udf)))

        let forced = try store.add(seed: other)
        try store.remove(udf: forced.udf, mode: .delete, proof: .force)
        #expect(!FileManager.default.fileExists(atPath: temporary.file(forced.udf)))
    }

    @Test func otherEntriesNeedNoProofAndRefuseShares() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let key = try store.generate(.ed25519)
        let plainSeed = try store.add(seed: SeedUDF.random(.ed25519))
        #expect(!key.isAccountSeed && !plainSeed.isAccountSeed)
        let proof = SeedUDF.random(.meshProfileAccount)
        expectStoreError(.invalidInput, udf: key.udf) {
            try store.remove(udf: key.udf, mode: .delete, proof: .recoveredSecret(proof.binary))
        }
        #expect(FileManager.default.fileExists(atPath: temporary.file(key.udf)))
        try store.remove(udf: key.udf, mode: .delete, proof: .none)
        try store.remove(udf: plainSeed.udf, mode: .purge, proof: .none)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == ["lock", "store.json"])
        expectStoreError(.notFound, udf: key.udf) { try store.remove(udf: key.udf, mode: .delete, proof: .force) }
    }

    /// A tampered account-seed file does not open: it can be removed without proof, never "proven".
    @Test func aTamperedEntryIsRemovableWithoutProof() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let seed = SeedUDF.random(.meshProfileAccount)
        let entry = try store.add(seed: seed)
        let file = temporary.file(entry.udf)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 1
        try bytes.write(to: URL(fileURLWithPath: file))
        expectStoreError(.tamperedEntry, udf: entry.udf) {
            try store.remove(udf: entry.udf, mode: .delete, proof: .recoveredSecret(seed.binary))
        }
        #expect(try store.checkRemoval(udf: entry.udf, proof: .none) == nil)
        try store.remove(udf: entry.udf, mode: .delete, proof: .none)
        #expect(!FileManager.default.fileExists(atPath: file))
    }
}
