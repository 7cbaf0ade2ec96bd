public import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeys
import MeshMath
import MeshUDF

/// A set of private keys to escrow: the plaintext of an escrow entry.
///
///     {"type": "EscrowedKeySet", "version": 2,
///      "keys": [{"kty": "OKP", "crv": "X448", "x": "…", "d": "…", "udf": "M…", "role": "…", "exportable": false}, …]}
///
/// Each key is an RFC 8037 OKP JWK (`d` the raw private key) plus the key's UDF (its Mesh fingerprint),
/// role (a free label, e.g. the store entry's label) and, since version 2, the store entry's exportable
/// flag, which `escrow open --import` gives the installed key. A version 1 set (no `version`, no
/// `exportable`, written before the flag was carried) is still read; its keys are then not exportable. The
/// document is built directly in secure memory. Reading checks that `x` matches `d`, that `udf` is the
/// key's fingerprint and that a role is a valid label (no control characters, ``KeyLabel``).
public struct EscrowedKeySet: Sendable {
    public static let type = "EscrowedKeySet"
    /// The version written; 1 (no `version` member) and 2 are read.
    public static let version = 2

    public struct Key: Sendable {
        public let udf: String
        public let role: String?
        public let privateKey: OpenSSLPrivateKey
        /// Whether the store entry may export the key (the store entry's flag; false for a version 1 set).
        public let exportable: Bool
        public init(udf: String, role: String?, privateKey: OpenSSLPrivateKey, exportable: Bool) {
            self.udf = udf
            self.role = role
            self.privateKey = privateKey
            self.exportable = exportable
        }
    }

    public let keys: [Key]
    /// The version the set was read in (or is written in).
    public let formatVersion: Int

    public init(keys: [Key]) {
        self.keys = keys
        formatVersion = Self.version
    }

    init(keys: [Key], formatVersion: Int) {
        self.keys = keys
        self.formatVersion = formatVersion
    }

    /// The key's Mesh UDF (the fingerprint of its published form).
    public static func udf(of key: OpenSSLPrivateKey) throws(EscrowError) -> String {
        let curve = key.algorithm
        do { return KeyFingerprint.udf(curve: curve, key: try StandardKey.publishedForm(of: key, curve: curve)) } catch
        {
            throw EscrowError(.invalidKeySet, "cannot compute the key UDF: \(error)")
        }
    }

    /// The UTF-8 JSON document, in secure memory.
    public func serialized() throws(EscrowError) -> SecureBytes {
        var out = SecureBytes()
        func add(_ text: String) { Array(text.utf8).withUnsafeBytes { out.append($0) } }
        add("{\"keys\":[")
        for (index, key) in keys.enumerated() {
            if index > 0 { add(",") }
            let d: SecureBytes
            do { d = try key.privateKey.rawRepresentation() } catch { throw EscrowError(.invalidKeySet, "\(error)") }
            add("{\"crv\":\(JSONValue.string(key.privateKey.algorithm.rawValue).serialized),\"d\":\"")
            out.append(Base64URL.encode(d))
            add("\",\"exportable\":\(key.exportable ? "true" : "false"),\"kty\":\"OKP\"")
            if let role = key.role { add(",\"role\":\(JSONValue.string(role).serialized)") }
            add(",\"udf\":\(JSONValue.string(key.udf).serialized)")
            add(",\"x\":\"\(Base64URL.encode(key.privateKey.publicKey.rawRepresentation))\"}")
        }
        add("],\"type\":\"\(Self.type)\",\"version\":\(Self.version)}")
        return out
    }

    /// Reads and checks a document.
    public static func parse(_ bytes: SecureBytes) throws(EscrowError) -> EscrowedKeySet {
        // Parsed in place: the private keys go from the secure plaintext into secure buffers only.
        guard let (tree, secrets) = SecretJSON.parse(bytes, secretMember: "d"), let document = tree.objectValue else {
            throw EscrowError(.invalidKeySet, "the decrypted data is not JSON")
        }
        guard document["type"]?.stringValue == type else {
            throw EscrowError(.invalidKeySet, "the decrypted data is not an \(type)")
        }
        let formatVersion: Int
        switch document["version"] {
        case nil: formatVersion = 1
        case .number(2)?: formatVersion = 2
        case let other?:
            throw EscrowError(
                .invalidKeySet,
                "version \(other.serialized) is not supported (this meshkey reads 1 and 2)"
            )
        }
        guard let list = document["keys"]?.arrayValue else { throw EscrowError(.invalidKeySet, "no keys") }
        var keys: [Key] = []
        for (index, item) in list.enumerated() {
            let jwk: OKPKey
            do { jwk = try OKPKey(json: item, secrets: secrets) } catch {
                throw EscrowError(.invalidKeySet, "key \(index + 1): \(error)")
            }
            guard let udf = item["udf"]?.stringValue else {
                throw EscrowError(.invalidKeySet, "key \(index + 1) has no udf")
            }
            let role = item["role"]?.stringValue
            if let role, let problem = KeyLabel.problem(role) {
                throw EscrowError(.invalidKeySet, "key \(index + 1): role: \(problem)")
            }
            let exportable: Bool
            switch (formatVersion, item["exportable"]) {
            case (1, nil): exportable = false
            case (2, .bool(let flag)?): exportable = flag
            default:
                throw EscrowError(
                    .invalidKeySet,
                    formatVersion == 1
                        ? "key \(index + 1): exportable in a version 1 set"
                        : "key \(index + 1): exportable is missing or not true/false"
                )
            }
            let privateKey: OpenSSLPrivateKey
            do { privateKey = try jwk.privateKey() } catch {
                throw EscrowError(.invalidKeySet, "key \(index + 1): \(error)")
            }
            guard UDFMatch.identical(try Self.udf(of: privateKey), udf) else {
                throw EscrowError(.invalidKeySet, "key \(index + 1): \(udf) is not the key's fingerprint")
            }
            keys.append(Key(udf: udf, role: role, privateKey: privateKey, exportable: exportable))
        }
        return EscrowedKeySet(keys: keys, formatVersion: formatVersion)
    }
}
