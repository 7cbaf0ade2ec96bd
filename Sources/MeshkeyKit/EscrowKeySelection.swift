public import MeshEscrow
public import MeshKeyStore
import MeshKeys

extension KeyStore {
    /// The keys to escrow, named by UDF or by label (`role`: every key entry with that label), in that
    /// order, each once, with their exportable flags. A non-exportable key is refused (`not_exportable`)
    /// unless `allowNonExportable`; a seed or share named by UDF is refused (`not_a_key`), a label no key
    /// has (`not_found`).
    public func escrowKeySet(udfs: [String], roles: [String], allowNonExportable: Bool) throws -> EscrowedKeySet {
        var chosen: [StoreEntry] = []
        for udf in udfs {
            let entry = try entry(udf: udf)
            guard entry.type == .key else {
                throw OperationError(
                    "not_a_key",
                    "\(udf) is a \(entry.type.rawValue), not a key; escrow seeds with profile escrow or split"
                )
            }
            chosen.append(entry)
        }
        if !roles.isEmpty {
            let all = try list().entries.filter { $0.type == .key }
            for role in roles {
                let matches = all.filter { $0.label == role }
                if matches.isEmpty {
                    throw OperationError("not_found", "no key with label \(KeyLabel.displayed(role)) in \(path)")
                }
                chosen += matches
            }
        }
        var seen = Set<String>()
        var keys: [EscrowedKeySet.Key] = []
        for entry in chosen where seen.insert(entry.udf).inserted {
            let released = try releasablePrivateKey(udf: entry.udf, allowNonExportable: allowNonExportable)
            // A label stored before labels were checked travels escaped (the opener refuses control characters).
            keys.append(
                EscrowedKeySet.Key(
                    udf: released.entry.udf,
                    role: released.entry.label.flatMap(KeyLabel.acceptable),
                    privateKey: released.key,
                    exportable: released.entry.exportable
                )
            )
        }
        return EscrowedKeySet(keys: keys)
    }
}
