import MeshJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `store.json`: the store header.
struct StoreHeader: StoreDocument, Equatable {
    struct KDF: Equatable {
        var name: String
        var log2_n: Int
        var r: Int
        var p: Int
        var salt: String
    }

    var format: Int
    /// Format 2: 16 random bytes (hex) naming the store; every entry is bound to it (entry AAD).
    var store_id: String? = nil
    /// Format 2: 1 at `init`, + 1 at every `passwd` (master-key rotation); bound into every entry.
    var generation: Int? = nil
    /// "passphrase" (master key wrapped under a scrypt key) or "none" (`--insecure-no-passphrase`).
    var protection: String
    var kdf: KDF?
    /// The wrapped master key (protection "passphrase").
    var master_key: SealedBox?
    /// Format 2, protection "passphrase": HMAC-SHA-256 key commitment of the master key under the
    /// passphrase-derived commitment key (hex).
    var commitment: String? = nil
    /// The master key in hex (protection "none" only).
    var master_key_unprotected: String?
    var created: String
}

/// AES-256-GCM output in hex.
struct SealedBox: Equatable {
    var alg: String
    var nonce: String
    var ciphertext: String
    var tag: String
}

/// `<UDF>.json`: one entry.
struct EntryFile: StoreDocument, Equatable {
    var format: Int
    var udf: String
    var type: String
    var algorithm: String
    var label: String?
    var exportable: Bool
    var created: String
    /// The public part in clear (hex): the published key form for keys; absent for seeds.
    var publicKey: String?
    /// Shares only: the group public key (hex), bound to the sealed part by the AAD.
    var group: String?
    /// Format 3: the store id and generation of the header the entry was sealed under (also in the AAD).
    var store: String? = nil
    var generation: Int? = nil
    var sealed: SealedBox
}

/// A store file's JSON form (members as named in Docs/formats.md; absent optionals are left out).
protocol StoreDocument {
    var json: JSONValue { get }
    /// nil when a required member is missing or a member has the wrong type; other members are ignored.
    init?(json: JSONValue)
}

enum StoreJSON {
    /// The layout of the first store files (Foundation's pretty encoder, sorted keys, a solidus as is), with a
    /// newline.
    static func encode(_ value: some StoreDocument) -> [UInt8] {
        Array((JSONWriter.encoderPretty(escapingSlashes: false).text(value.json) + "\n").utf8)
    }

    static func decode<T: StoreDocument>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        JSONValue.parse(bytes).flatMap(T.init(json:))
    }

    /// UTC now as 2026-12-02T06:30:00Z.
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

// MARK: JSON forms

/// Reading members of a store file.
private struct Members {
    let members: [String: JSONValue]

    init?(_ value: JSONValue?) {
        guard let members = value?.objectValue else { return nil }
        self.members = members
    }

    func string(_ name: String) -> String? { members[name]?.stringValue }
    func int(_ name: String) -> Int? { members[name]?.integerValue }
    func bool(_ name: String) -> Bool? { members[name]?.boolValue }

    /// `.some(nil)` when absent or null, nil when present with the wrong type.
    func optional<T>(_ name: String, _ read: (JSONValue) -> T?) -> T?? { JSONValue.optional(members[name], read) }
}

/// An object of the members that are present.
private func object(_ members: [String: JSONValue?]) -> JSONValue {
    .object(members.compactMapValues { $0 })
}

extension StoreHeader {
    var json: JSONValue {
        object([
            "format": .int(format), "store_id": store_id.map { .string($0) }, "generation": generation.map { .int($0) },
            "protection": .string(protection), "kdf": kdf.map(\.json), "master_key": master_key.map(\.json),
            "commitment": commitment.map { .string($0) }, "master_key_unprotected": master_key_unprotected.map { .string($0) },
            "created": .string(created),
        ])
    }

    init?(json: JSONValue) {
        guard let m = Members(json), let format = m.int("format"), let storeID = m.optional("store_id", \.stringValue),
              let generation = m.optional("generation", \.integerValue), let protection = m.string("protection"),
              let kdf = m.optional("kdf", KDF.init(json:)), let masterKey = m.optional("master_key", SealedBox.init(json:)),
              let commitment = m.optional("commitment", \.stringValue),
              let unprotected = m.optional("master_key_unprotected", \.stringValue), let created = m.string("created") else { return nil }
        self.init(format: format, store_id: storeID, generation: generation, protection: protection, kdf: kdf, master_key: masterKey,
                  commitment: commitment, master_key_unprotected: unprotected, created: created)
    }
}

extension StoreHeader.KDF {
    var json: JSONValue {
        .object(["name": .string(name), "log2_n": .int(log2_n), "r": .int(r), "p": .int(p), "salt": .string(salt)])
    }

    init?(json: JSONValue) {
        guard let m = Members(json), let name = m.string("name"), let log2N = m.int("log2_n"), let r = m.int("r"), let p = m.int("p"),
              let salt = m.string("salt") else { return nil }
        self.init(name: name, log2_n: log2N, r: r, p: p, salt: salt)
    }
}

extension SealedBox {
    var json: JSONValue {
        .object(["alg": .string(alg), "nonce": .string(nonce), "ciphertext": .string(ciphertext), "tag": .string(tag)])
    }

    init?(json: JSONValue) {
        guard let m = Members(json), let alg = m.string("alg"), let nonce = m.string("nonce"), let ciphertext = m.string("ciphertext"),
              let tag = m.string("tag") else { return nil }
        self.init(alg: alg, nonce: nonce, ciphertext: ciphertext, tag: tag)
    }
}

extension EntryFile {
    var json: JSONValue {
        object([
            "format": .int(format), "udf": .string(udf), "type": .string(type), "algorithm": .string(algorithm),
            "label": label.map { .string($0) }, "exportable": .bool(exportable), "created": .string(created),
            "public": publicKey.map { .string($0) }, "group": group.map { .string($0) }, "store": store.map { .string($0) },
            "generation": generation.map { .int($0) }, "sealed": sealed.json,
        ])
    }

    init?(json: JSONValue) {
        guard let m = Members(json), let format = m.int("format"), let udf = m.string("udf"), let type = m.string("type"),
              let algorithm = m.string("algorithm"), let label = m.optional("label", \.stringValue), let exportable = m.bool("exportable"),
              let created = m.string("created"), let publicKey = m.optional("public", \.stringValue),
              let group = m.optional("group", \.stringValue), let store = m.optional("store", \.stringValue),
              let generation = m.optional("generation", \.integerValue), let sealed = m.members["sealed"].flatMap(SealedBox.init(json:))
        else { return nil }
        self.init(format: format, udf: udf, type: type, algorithm: algorithm, label: label, exportable: exportable, created: created,
                  publicKey: publicKey, group: group, store: store, generation: generation, sealed: sealed)
    }
}
