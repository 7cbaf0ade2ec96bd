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
