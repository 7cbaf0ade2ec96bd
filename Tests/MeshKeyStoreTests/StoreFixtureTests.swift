import Foundation
import MeshCrypto
import MeshKeys
import MeshUDF
import Testing

@testable import MeshKeyStore

/// A store written by meshkey before entries had a typed kind (`store init --insecure-no-passphrase`, then
/// `store generate`, `store import` of a seed and of a sealed recryption share, `profile create`) still
/// opens, verifies and reads; what this code writes for the same entries is byte for byte what that
/// version wrote, apart from the fresh seal.
@Suite struct StoreFixtureTests {
    /// The store's files as written then (`lock` is empty).
    static let files: [String: String] = [
        "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V.json": """
        {
          "algorithm" : "MeshProfileAccount",
          "created" : "2026-12-04T01:32:37Z",
          "exportable" : true,
          "format" : 3,
          "generation" : 1,
          "label" : "seed",
          "sealed" : {
            "alg" : "AES-256-GCM",
            "ciphertext" : "c864593967bbab29acde51de902f83b0e296dd10a2bb9fb5c924345448b79aec228f1d4d79",
            "nonce" : "237e2bdfe7e9cfab685995d5",
            "tag" : "38967d3207a14095364f7497861933e4"
          },
          "store" : "41e9bfca0f5ef560903c183fd7e77731",
          "type" : "seed",
          "udf" : "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V"
        }

        """,
        "MBHT-75T2-BQU3-JAPA-FWTT-ROXY-4OZN.json": """
        {
          "algorithm" : "Ed448",
          "created" : "2026-12-04T01:32:29Z",
          "exportable" : true,
          "format" : 3,
          "generation" : 1,
          "label" : "signing key",
          "public" : "e3d5d0666f736f66756362095a7842c75830f0679f0935b4a16625ace34741768480098c5dcb92f00e2b30f9e15bd11551895768294928dd80",
          "sealed" : {
            "alg" : "AES-256-GCM",
            "ciphertext" : "f1c84ffadb038a5421431cb6cbcb80875a93dc930a18d5dc2785a4cf1ad9506430334653c6184b7e54b4b4fa9792d02942ac9fe63ecd55fac20e5f",
            "nonce" : "62d3702ce2281a0689ecd9c9",
            "tag" : "fc3f8d114f47b5aa26737f759db06af6"
          },
          "store" : "41e9bfca0f5ef560903c183fd7e77731",
          "type" : "key",
          "udf" : "MBHT-75T2-BQU3-JAPA-FWTT-ROXY-4OZN"
        }

        """,
        "MBXM-LOAE-UZNO-GZYY-43C3-E7PV-O2GU.json": """
        {
          "algorithm" : "X25519",
          "created" : "2026-12-04T01:32:30Z",
          "exportable" : false,
          "format" : 3,
          "generation" : 1,
          "public" : "b2d502ddb7d266f05bd3d9843641e3e4b99a72216eb1ccc66c5f87ac98b1185600",
          "sealed" : {
            "alg" : "AES-256-GCM",
            "ciphertext" : "96678a8a2656f6118e9d10cb54f37b608dbd95a973e5b4572a5f44f82612ca84bef0",
            "nonce" : "60de00973370b208d56a56b7",
            "tag" : "56347061910029138ce4105eeef0f687"
          },
          "store" : "41e9bfca0f5ef560903c183fd7e77731",
          "type" : "key",
          "udf" : "MBXM-LOAE-UZNO-GZYY-43C3-E7PV-O2GU"
        }

        """,
        "MCQO-DM4A-GFKD-W6S5-DHO3-BOAK-CL3H.json": """
        {
          "algorithm" : "MeshProfileAccount",
          "created" : "2026-12-04T01:32:37Z",
          "exportable" : false,
          "format" : 3,
          "generation" : 1,
          "label" : "account seed",
          "sealed" : {
            "alg" : "AES-256-GCM",
            "ciphertext" : "0ce0527120148b8e80cdd5d2b273efb73fcf3a6e2cccefc1410f28ba405939927f42a63fc8",
            "nonce" : "36a67c4f98381a1b9479da8c",
            "tag" : "9f27e42843998e4927de61b216877b73"
          },
          "store" : "41e9bfca0f5ef560903c183fd7e77731",
          "type" : "seed",
          "udf" : "MCQO-DM4A-GFKD-W6S5-DHO3-BOAK-CL3H"
        }

        """,
        "MDCU-MW24-MG7S-Z6FF-XEVJ-RCBW-KOXO.json": """
        {
          "algorithm" : "X25519",
          "created" : "2026-12-04T01:32:30Z",
          "exportable" : true,
          "format" : 3,
          "generation" : 1,
          "group" : "a34e12f4d7344b54d6abcba208eba033581e32861911b95bfe97b64fb687361500",
          "label" : "share",
          "public" : "c45bfc101e1f16c4d17483c48b569a3c4ce588fe1df771853da985338de9b02900",
          "sealed" : {
            "alg" : "AES-256-GCM",
            "ciphertext" : "9b36abafa2ff0a9e1f17401d0064507b2cdc8ffc4f6d69cf31d013b4c49b8d98939e",
            "nonce" : "904cbb1437b55e0a34729e91",
            "tag" : "f56c288a881f37067076ab7829c08a96"
          },
          "store" : "41e9bfca0f5ef560903c183fd7e77731",
          "type" : "share",
          "udf" : "MDCU-MW24-MG7S-Z6FF-XEVJ-RCBW-KOXO"
        }

        """,
        "store.json": """
        {
          "created" : "2026-12-04T01:32:29Z",
          "format" : 2,
          "generation" : 1,
          "master_key_unprotected" : "22a1e1abf62a71dfc157da69d1015cd2caf9fb6824d7d51d70e0802db66d05d9",
          "protection" : "none",
          "store_id" : "41e9bfca0f5ef560903c183fd7e77731"
        }

        """,
    ]

    /// The fixture in a fresh private folder (0700, files 0600), opened without a passphrase.
    static func install(_ temporary: TemporaryStore) throws -> KeyStore {
        try FileManager.default.createDirectory(
            atPath: temporary.path,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o700]
        )
        for (name, text) in files.merging(["lock": ""], uniquingKeysWith: { a, _ in a }) {
            let file = temporary.path + "/" + name
            #expect(
                FileManager.default.createFile(
                    atPath: file,
                    contents: Data(text.utf8),
                    attributes: [.posixPermissions: 0o600]
                )
            )
        }
        return try KeyStore.open(at: temporary.path, passphrase: nil)
    }

    @Test func anEarlierStoreStillOpens() throws {
        let temporary = try TemporaryStore()
        let store = try Self.install(temporary)
        let before = try temporary.snapshot()
        let (entries, failures) = try store.list()
        #expect(failures.isEmpty)
        let kinds = Dictionary(uniqueKeysWithValues: entries.map { ($0.udf, $0.kind) })
        #expect(
            kinds == [
                "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V": .seed(.meshProfileAccount),
                "MBHT-75T2-BQU3-JAPA-FWTT-ROXY-4OZN": .key(.ed448),
                "MBXM-LOAE-UZNO-GZYY-43C3-E7PV-O2GU": .key(.x25519),
                "MCQO-DM4A-GFKD-W6S5-DHO3-BOAK-CL3H": .seed(.meshProfileAccount),
                "MDCU-MW24-MG7S-Z6FF-XEVJ-RCBW-KOXO": .share(.x25519),
            ]
        )
        #expect(try store.verify().verified.count == 5)
        #expect(try store.privateKey(udf: "MBHT-75T2-BQU3-JAPA-FWTT-ROXY-4OZN").algorithm == .ed448)
        #expect(try store.share(udf: "MDCU-MW24-MG7S-Z6FF-XEVJ-RCBW-KOXO").key.curve == .x25519)
        #expect(
            try SeedUDF(binary: store.privateBytes(udf: "MCQO-DM4A-GFKD-W6S5-DHO3-BOAK-CL3H")).specifier
                == .meshProfileAccount
        )
        #expect(try temporary.snapshot() == before)
    }

    @Test func entriesAreWrittenAsBefore() throws {
        let temporary = try TemporaryStore()
        let store = try Self.install(temporary)
        for (name, text) in Self.files where name != KeyStore.headerName {
            let (entry, secret) = try store.load(udf: String(name.dropLast(KeyStore.entrySuffix.count)))
            let rewritten = try KeyStore.entryFile(entry, secret: secret, key: store.masterKey, binding: store.binding)
            // Only the seal (fresh nonce) differs: put the old one back and the bytes are the same.
            var file = try #require(StoreJSON.decode(EntryFile.self, rewritten))
            let old = try #require(StoreJSON.decode(EntryFile.self, Array(text.utf8)))
            #expect(file.sealed != old.sealed)
            file.sealed = old.sealed
            #expect(StoreJSON.encode(file) == Array(text.utf8), "\(name)")
        }
    }

    @Test func kindNamesRoundTrip() {
        for algorithm in KeyAlgorithm.allCases {
            #expect(EntryKind(type: .key, name: algorithm.rawValue) == .key(algorithm))
            #expect(EntryKind(type: .share, name: algorithm.rawValue) == .share(algorithm))
        }
        for raw in Array(UInt16(0)...300) + [UInt16.max] {
            let kind = EntryKind.seed(SeedUDF.KeySpecifier(rawValue: raw))
            #expect(EntryKind(type: .seed, name: kind.name) == kind)
        }
        #expect(EntryKind.seed(.meshProfileAccount).name == "MeshProfileAccount")
        #expect(EntryKind.seed(SeedUDF.KeySpecifier(rawValue: 300)).name == "specifier-300")
        for (type, name) in [
            (EntryType.key, "RSA"), (.key, "ed25519"), (.key, "MeshProfileAccount"), (.share, ""),
            (.seed, "Bogus"), (.seed, "specifier-258"), (.seed, "specifier-0300"), (.seed, "specifier-"),
            (.seed, "specifier-65536"), (.seed, "specifier--1"),
        ] {
            #expect(EntryKind(type: type, name: name) == nil, "\(type) \(name)")
        }
    }

    @Test func anUnknownSeedSpecifierIsRefused() throws {
        let temporary = try TemporaryStore()
        let store = try Self.install(temporary)
        let udf = "MCQO-DM4A-GFKD-W6S5-DHO3-BOAK-CL3H"
        let (entry, secret) = try store.load(udf: udf)
        // Sealed with the right key and AAD, so only the name is wrong.
        let nonce = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        let aad = KeyStore.entryAAD(
            format: 3,
            binding: store.binding,
            udf: udf,
            type: .seed,
            algorithm: "Bogus",
            group: nil,
            label: entry.label,
            created: entry.created
        )
        let sealed = try AESGCM.seal(
            SecureBytes(prefix: [1, 0], secret),
            key: store.masterKey,
            nonce: nonce,
            authenticating: aad
        )
        let text = try #require(Self.files[udf + ".json"])
        var file = try #require(StoreJSON.decode(EntryFile.self, Array(text.utf8)))
        file.algorithm = "Bogus"
        file.sealed = SealedBox(
            alg: "AES-256-GCM",
            nonce: Hex.encode(nonce),
            ciphertext: Hex.encode(sealed.ciphertext),
            tag: Hex.encode(sealed.tag)
        )
        try Data(StoreJSON.encode(file)).write(to: URL(fileURLWithPath: temporary.file(udf)))
        expectStoreError(.tamperedEntry, udf: udf) { _ = try store.entry(udf: udf) }
    }
}
