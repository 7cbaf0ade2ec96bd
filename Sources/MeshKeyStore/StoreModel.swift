#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `store.json`: the store header.
struct StoreHeader: Codable, Equatable {
    struct KDF: Codable, Equatable {
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
struct SealedBox: Codable, Equatable {
    var alg: String
    var nonce: String
    var ciphertext: String
    var tag: String
}

/// `<UDF>.json`: one entry.
struct EntryFile: Codable, Equatable {
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

    enum CodingKeys: String, CodingKey {
        case format, udf, type, algorithm, label, exportable, created, sealed, group, store, generation
        case publicKey = "public"
    }
}

enum StoreJSON {
    static func encode<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Our own plain structs always encode.
        return Array(try! encoder.encode(value)) + [0x0A]
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
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
