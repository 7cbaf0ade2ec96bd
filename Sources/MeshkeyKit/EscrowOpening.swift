public import MeshCrypto
public import MeshEscrow
public import MeshKeyStore
import MeshUDF

extension KeyStore {
    /// The private key that opens an online entry: the EscrowEncryption key of the store's profile (with
    /// `profile` .some: the one named, or the only one) or the store key `key` (X25519/X448).
    public func escrowOpeningKey(profile: String??, key: String?) throws -> OpenSSLPrivateKey {
        if let profile { return try profileEscrowKey(named: profile).key }
        guard let key else { throw OperationError("invalid_input", "give exactly one of --with-profile and --key") }
        return try privateKey(udf: key)
    }

    /// Installs the keys of an opened entry: each key the store does not hold yet is added, labelled with its
    /// role and exportable only if the entry says so. Returns how many were added.
    public func installEscrowedKeys(_ keySet: EscrowedKeySet) throws -> Int {
        var added = 0
        for item in keySet.keys {
            if (try? entry(udf: item.udf)) != nil { continue }
            let stored = try add(key: item.privateKey, exportable: item.exportable, label: item.role)
            guard UDFMatch.identical(stored.udf, item.udf) else {
                throw OperationError("udf_mismatch", "the stored key's UDF \(stored.udf) differs from \(item.udf)")
            }
            added += 1
        }
        return added
    }
}
