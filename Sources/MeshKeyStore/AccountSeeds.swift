import MeshUDF

/// Finding a profile's account seed without unsealing the other entries: an account seed is named by its
/// profile UDF, and its type and specifier are in the entry file's clear part (bound to the sealed part, so
/// `entry(udf:)` still verifies the one chosen).
extension KeyStore {
    /// The UDFs (profile UDFs) of the entries whose clear part says they are account seeds (type `seed`,
    /// specifier MeshProfileAccount), in name order. Nothing is unsealed: open the one you use with
    /// `entry(udf:)` or `privateBytes(udf:)`, which verify it. Entry files that do not parse are skipped.
    public func accountSeedUDFs() throws(KeyStoreError) -> [String] {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        var udfs: [String] = []
        for name in try StoreFiles.names(in: path) where Self.isEntryName(name) {
            let udf = String(name.dropLast(Self.entrySuffix.count))
            guard let bytes = try? StoreFiles.read(entryPath(udf)), let file = StoreJSON.decode(EntryFile.self, bytes),
                file.type == EntryType.seed.rawValue, file.algorithm == EntryKind.seed(.meshProfileAccount).name,
                file.udf.uppercased() == udf
            else { continue }
            udfs.append(udf)
        }
        return udfs
    }
}
