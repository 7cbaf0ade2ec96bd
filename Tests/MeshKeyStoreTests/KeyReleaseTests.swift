import Foundation
import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshUDF
import TestSupport
import Testing

/// The security review, item 6 (labels
/// with control characters refused at input) and item 9 (outputs written all or none).
@Suite struct KeyReleaseTests {
    static func code(_ body: () throws -> Any) -> KeyStoreError.Code? {
        do {
            _ = try body()
            return nil
        } catch { return (error as? KeyStoreError)?.code }
    }

    @Test func aNonExportableKeyIsReleasedOnlyWithTheOverride() throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let locked = try store.generate(.ed25519, exportable: false, label: "locked")
        let open = try store.generate(.x25519, exportable: true)
        #expect(
            Self.code { try store.releasablePrivateKey(udf: locked.udf, allowNonExportable: false) } == .notExportable
        )
        let released = try store.releasablePrivateKey(udf: locked.udf, allowNonExportable: true)
        #expect(released.entry == locked)
        #expect(try released.key.rawRepresentation() == (try store.privateKey(udf: locked.udf)).rawRepresentation())
        #expect(try store.releasablePrivateKey(udf: open.udf, allowNonExportable: false).entry.exportable)
        // A seed is not a key.
        let seed = try store.add(seed: SeedUDF.random(.meshProfileAccount), exportable: true)
        #expect(Self.code { try store.releasablePrivateKey(udf: seed.udf, allowNonExportable: true) } == .invalidInput)
    }

    @Test(arguments: ["two\nlines", "hide\u{1B}[8m", "bell\u{07}", "c1\u{9B}2J"])
    func labelsWithControlCharactersAreRefused(_ label: String) throws {
        let temporary = try TemporaryStore()
        let store = try temporary.create()
        let before = try temporary.snapshot()
        #expect(Self.code { try store.generate(.ed25519, label: label) } == .invalidInput)
        #expect(Self.code { try store.add(seed: SeedUDF.random(.meshProfileAccount), label: label) } == .invalidInput)
        #expect(try temporary.snapshot() == before)
        #expect(try store.generate(.ed25519, label: "fine – ünïcode").label == "fine – ünïcode")
    }

    /// `createAll`: when the second output cannot be made (its folder is missing), the first does not
    /// appear either; an existing output is refused before anything is written; no temporary file is left.
    @Test func filesAreCreatedAllOrNone() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("entry.json").path
        let second = folder.appendingPathComponent("missing/sheets.pdf").path
        #expect(throws: SecureFile.WriteError.self) {
            try SecureFile.createAll([
                (first, SecureBytes(Array("entry".utf8))), (second, SecureBytes(Array("pdf".utf8))),
            ])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let existing = folder.appendingPathComponent("existing").path
        _ = FileManager.default.createFile(atPath: existing, contents: Data("keep".utf8))
        #expect(throws: SecureFile.WriteError.self) {
            try SecureFile.createAll([
                (first, SecureBytes(Array("entry".utf8))), (existing, SecureBytes(Array("pdf".utf8))),
            ])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["existing"])
        let third = folder.appendingPathComponent("sheets.pdf").path
        let privateFolders = try SecureFile.createAll([
            (first, SecureBytes(Array("entry".utf8))), (third, SecureBytes(Array("pdf".utf8))),
        ])
        #expect(privateFolders == [true, true])
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "entry")
        #expect(try String(contentsOfFile: third, encoding: .utf8) == "pdf")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "entry.json", "existing", "sheets.pdf",
            ]
        )
        #expect(try FileManager.default.attributesOfItem(atPath: third)[.posixPermissions] as? Int == 0o600)
    }
}
