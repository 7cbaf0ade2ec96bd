import Foundation
import MeshCrypto
import MeshEscrow
import MeshKeyStore
import MeshKeys
import MeshPaper
import MeshUDF
import MeshkeyKit
import TestSupport
import Testing

/// The profile journey through the libraries alone (no CLI code): create a profile in a store, escrow its
/// seed, recover it from the shares into an empty store, and purge it there.
@Suite struct ProfileJourneyTests {
    /// Fresh private folders for stores, removed at the end.
    final class Folder {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("meshkey-kit-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: url,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func store(_ name: String) throws -> KeyStore {
            try KeyStore.initialize(
                at: url.appendingPathComponent(name).path,
                passphrase: SecureBytes(Array("journey passphrase".utf8)),
                kdfCost: 10
            )
        }

        func names(_ store: KeyStore) throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: store.path))
        }
    }

    func expectCode(_ code: String, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(code)")
        } catch let error as any CodedError {
            #expect(error.errorCode == code, "\(error)")
        } catch { Issue.record("not a CodedError: \(error)") }
    }

    @Test func createEscrowRecoverIntoAnEmptyStorePurge() throws {
        let folder = try Folder()
        let home = try folder.store("home")
        let created = try home.createProfile()
        let udf = created.udf

        // The seed is found by its name; the document is signed and names every published key.
        #expect(try home.accountSeedUDFs() == [udf])
        #expect(try home.accountProfileUDF(named: nil) == udf)
        #expect(try home.accountProfileUDF(named: udf.lowercased()) == udf)
        #expect(try home.accountProfile(named: nil).udf == udf)
        let document = try #require(try home.profileDocument(of: udf))
        #expect(document.profileUDF == udf)
        for key in document.keys { #expect(key.udf == created.key(key.role).udf) }
        #expect(try home.entry(udf: udf).exportable == false)

        // Escrow: 2 of 3 shares, with the commitment document; the sheets carry the profile UDF.
        let escrow = try home.escrowProfile(named: nil, threshold: 2, shareCount: 3, commitments: true)
        #expect(escrow.profileUDF == udf && escrow.split.threshold == 2 && escrow.split.shares.count == 3)
        #expect(escrow.commitments?.setIdentifier == udf)
        let sheets = escrow.sheets(created: "2026-12-04")
        #expect(sheets.count == 3 && sheets.allSatisfy { $0.identifier == udf })

        // Any two shares, combined with MeshEscrow's ShareSet, restore the profile.
        let texts = escrow.split.shares.map(\.text)
        let recovered = try ShareSet.parse([texts[2], texts[0]]).recover()
        let profile = try MeshProfile(recoveredSecret: recovered.secret)
        #expect(profile.udf == udf)

        // Into an empty store: the wrong profile expected writes nothing; the right one installs seed and document.
        let other = try folder.store("other")
        let before = try folder.names(other)
        expectCode("profile_mismatch") {
            try other.installProfile(profile, expecting: "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V")
        }
        #expect(try folder.names(other) == before)
        #expect(try other.installProfile(profile, expecting: udf) == true)
        #expect(try other.installProfile(profile, expecting: udf) == false)
        #expect(try other.accountSeedUDFs() == [udf])
        #expect(try other.entry(udf: udf).exportable == false)
        #expect(try other.profileDocument(of: udf)?.json == document.json)

        // Purge: another secret is refused and nothing goes; the shares' secret removes the seed.
        let stranger = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        expectCode("shares_mismatch") {
            _ = try other.preparePurge(ofProfile: nil, proof: .recoveredSecret(stranger.seed.binary))
        }
        expectCode("proof_required") { _ = try other.preparePurge(ofProfile: udf, proof: .none) }
        let purge = try other.preparePurge(ofProfile: udf, proof: .recoveredSecret(recovered.secret))
        #expect(purge.profileUDF == udf)
        try purge.perform()
        #expect(try other.accountSeedUDFs().isEmpty)
        #expect(try other.list().entries.isEmpty)
        expectCode("not_found") { _ = try other.entry(udf: udf) }
        expectCode("not_found") { _ = try other.accountProfileUDF(named: nil) }
        // Only the store's own files and the public document remain.
        #expect(try folder.names(other) == before.union(["\(udf).profile"]))
    }

    @Test func aFailedDocumentWriteRemovesTheSeedEntryItAdded() throws {
        let folder = try Folder()
        let store = try folder.store("store")
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        let before = try folder.names(store)
        // A folder where the document goes: the seed entry is written, the document cannot be.
        try FileManager.default.createDirectory(
            atPath: store.path + "/\(profile.udf).profile",
            withIntermediateDirectories: false
        )
        #expect(throws: KeyStoreError.self) { try store.installProfile(profile) }
        #expect(try store.accountSeedUDFs().isEmpty)
        #expect(try store.list().entries.isEmpty)
        #expect(try folder.names(store) == before.union(["\(profile.udf).profile"]))
        // Once the way is clear, the same install succeeds.
        try FileManager.default.removeItem(atPath: store.path + "/\(profile.udf).profile")
        #expect(try store.installProfile(profile) == true)
        #expect(try store.accountSeedUDFs() == [profile.udf])
    }

    @Test func severalProfilesAreNamed() throws {
        let folder = try Folder()
        let store = try folder.store("store")
        let first = try store.createProfile()
        let second = try store.createProfile(exportable: true)
        expectCode("profile_required") { _ = try store.accountProfileUDF(named: nil) }
        expectCode("not_found") { _ = try store.accountProfileUDF(named: "MAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG") }
        #expect(try store.accountProfileUDF(named: second.udf) == second.udf)
        #expect(Set(try store.accountSeedUDFs()) == [first.udf, second.udf])
        #expect(try store.entry(udf: second.udf).exportable == true)
    }

    @Test func escrowEntriesSealedToTheProfileOpenWithItsKeyOrTheShares() throws {
        let folder = try Folder()
        let store = try folder.store("store")
        let profile = try store.createProfile()
        let key = try store.generate(.x25519, exportable: false, label: "device")

        // Online, to the store's own profile and signed by it; opened with the profile's EscrowEncryption key.
        let online = try store.sealEscrow(
            EscrowSealRequest(
                keys: [key.udf],
                roles: [],
                allowNonExportable: true,
                mode: .online(recipients: [profile.udf], recipientFiles: [], toProfile: false),
                signer: .profile,
                profile: nil
            )
        )
        #expect(online.entry.signature?.signerUDF == profile.udf && online.recipients.count == 1)
        let inspected = try EscrowInspection(online.entry)
        #expect(
            inspected.signer == profile.udf && inspected.recipients.map(\.kid) == [profile.key(.escrowEncryption).udf]
        )
        let opened = try online.entry.openOnline(
            privateKey: try store.escrowOpeningKey(profile: .some(nil), key: nil),
            expectation: .init(signer: profile.udf, requireSignature: true)
        )
        #expect(opened.keys.map(\.udf) == [key.udf] && opened.keys[0].exportable == false)

        // Offline, with written files; the shares' secret opens it, and the keys install into an empty store.
        expectCode("not_exportable") {
            _ = try store.sealEscrow(
                EscrowSealRequest(
                    keys: [key.udf],
                    roles: [],
                    allowNonExportable: false,
                    mode: .offline(threshold: 2, shareCount: 3, commitments: false),
                    signer: .none,
                    profile: nil
                )
            )
        }
        expectCode("not_a_key") {
            _ = try store.sealEscrow(
                EscrowSealRequest(
                    keys: [profile.udf],
                    roles: [],
                    allowNonExportable: true,
                    mode: .offline(threshold: 2, shareCount: 3, commitments: false),
                    signer: .none,
                    profile: nil
                )
            )
        }
        let offline = try store.sealEscrow(
            EscrowSealRequest(
                keys: [],
                roles: ["device"],
                allowNonExportable: true,
                mode: .offline(threshold: 2, shareCount: 3, commitments: true),
                signer: .none,
                profile: nil
            )
        )
        let out = folder.url.appendingPathComponent("entry.json").path
        #expect(
            try offline.write(
                out: out,
                commitments: folder.url.appendingPathComponent("entry.commitments").path,
                sheets: nil
            )
        )
        let read = try EscrowEntryFile.read(out)
        #expect(read.identifier == offline.entry.identifier && offline.sheets().count == 3)
        let secret = try ShareSet.parse(try #require(offline.split).shares.prefix(2).map(\.text)).recover().secret
        let keySet = try read.openOffline(key: secret)
        let other = try folder.store("other")
        #expect(try other.installEscrowedKeys(keySet) == 1)
        #expect(try other.installEscrowedKeys(keySet) == 0)
        #expect(try other.entry(udf: key.udf).label == "device")
    }

    @Test func theAccountSeedIsFoundWithoutUnsealingOtherEntries() throws {
        let folder = try Folder()
        let store = try folder.store("store")
        let profile = try store.createProfile()
        let key = try store.generate(.ed25519)
        // Another entry whose sealed part no longer opens: listing reports it, finding the seed does not touch it.
        let url = URL(fileURLWithPath: store.path + "/\(key.udf).json")
        let text = try String(contentsOf: url, encoding: .utf8)
        let ciphertext = try #require(text.range(of: "\"ciphertext\" : \"")).upperBound
        let flipped = text[ciphertext] == "0" ? "1" : "0"
        try Data(text.replacingCharacters(in: ciphertext...ciphertext, with: flipped).utf8).write(to: url)
        #expect(try store.list().failures.count == 1)
        #expect(try store.accountSeedUDFs() == [profile.udf])
        #expect(try store.escrowProfile(named: nil, threshold: 2, shareCount: 2).profileUDF == profile.udf)
    }
}
