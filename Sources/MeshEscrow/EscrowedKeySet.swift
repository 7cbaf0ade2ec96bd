public import MeshCrypto
import MeshJOSE
import MeshKeys
import MeshMath
import MeshUDF

/// A set of private keys to escrow: the plaintext of an escrow entry.
///
///     {"type": "EscrowedKeySet",
///      "keys": [{"kty": "OKP", "crv": "X448", "x": "…", "d": "…", "udf": "M…", "role": "…"}, …]}
///
/// Each key is an RFC 8037 OKP JWK (`d` the raw private key) plus the key's UDF (its Mesh fingerprint)
/// and role (a free label, e.g. the store entry's label). The document is built directly in secure
/// memory. Reading checks that `x` matches `d` and that `udf` is the key's fingerprint.
public struct EscrowedKeySet: Sendable {
    public static let type = "EscrowedKeySet"

    public struct Key: Sendable {
        public let udf: String
        public let role: String?
        public let privateKey: OpenSSLPrivateKey
        public init(udf: String, role: String?, privateKey: OpenSSLPrivateKey) {
            self.udf = udf
            self.role = role
            self.privateKey = privateKey
        }
    }

    public let keys: [Key]

    public init(keys: [Key]) { self.keys = keys }

    /// The key's Mesh UDF (the fingerprint of its published form).
    public static func udf(of key: OpenSSLPrivateKey) throws(EscrowError) -> String {
        guard let curve = CurveID(rawValue: key.algorithm.rawValue) else { throw EscrowError(.invalidKeySet, "unknown curve") }
        do { return KeyFingerprint.udf(curve: curve, key: try StandardKey.publishedForm(of: key, curve: curve)) } catch {
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
            add("\",\"kty\":\"OKP\"")
            if let role = key.role { add(",\"role\":\(JSONValue.string(role).serialized)") }
            add(",\"udf\":\(JSONValue.string(key.udf).serialized)")
            add(",\"x\":\"\(Base64URL.encode(key.privateKey.publicKey.rawRepresentation))\"}")
        }
        add("],\"type\":\"\(Self.type)\"}")
        return out
    }

    /// Reads and checks a document.
    public static func parse(_ bytes: SecureBytes) throws(EscrowError) -> EscrowedKeySet {
        // Parsed in place: the private keys go from the secure plaintext into secure buffers only.
        guard let (tree, secrets) = SecretJSON.parse(bytes, secretMember: "d"), let document = tree.objectValue else {
            throw EscrowError(.invalidKeySet, "the decrypted data is not JSON")
        }
        guard document["type"]?.stringValue == type else { throw EscrowError(.invalidKeySet, "the decrypted data is not an \(type)") }
        guard let list = document["keys"]?.arrayValue else { throw EscrowError(.invalidKeySet, "no keys") }
        var keys: [Key] = []
        for (index, item) in list.enumerated() {
            let jwk: OKPKey
            do { jwk = try OKPKey(json: item, secrets: secrets) } catch { throw EscrowError(.invalidKeySet, "key \(index + 1): \(error)") }
            guard let udf = item["udf"]?.stringValue else { throw EscrowError(.invalidKeySet, "key \(index + 1) has no udf") }
            let role = item["role"]?.stringValue
            let privateKey: OpenSSLPrivateKey
            do { privateKey = try jwk.privateKey() } catch { throw EscrowError(.invalidKeySet, "key \(index + 1): \(error)") }
            guard UDFMatch.identical(try Self.udf(of: privateKey), udf) else {
                throw EscrowError(.invalidKeySet, "key \(index + 1): \(udf) is not the key's fingerprint")
            }
            keys.append(Key(udf: udf, role: role, privateKey: privateKey))
        }
        return EscrowedKeySet(keys: keys)
    }
}
