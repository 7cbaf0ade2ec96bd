/// Entry file names: an entry is `<UDF>.json`, named by its normalized UDF.
extension KeyStore {
    func entryPath(_ udf: String) -> String { path + "/" + udf + Self.entrySuffix }

    static func isEntryName(_ name: String) -> Bool {
        name != headerName && name.hasSuffix(entrySuffix) && !name.hasPrefix(".")
            && (try? normalize(String(name.dropLast(entrySuffix.count)))) != nil
    }

    /// A UDF as a file name: upper case Base32 letters, digits and dashes only.
    static func normalize(_ udf: String) throws(KeyStoreError) -> String {
        let upper = udf.uppercased()
        // The argument is never echoed: it might be a pasted secret.
        guard !upper.isEmpty, upper.count <= 128,
            upper.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x32 && $0 <= 0x37) || $0 == 0x2D })
        else {
            throw KeyStoreError(.invalidInput, "the entry name is not a UDF (Base32 letters, digits 2–7 and dashes)")
        }
        guard !upper.hasPrefix("Z") else {
            throw KeyStoreError(
                .invalidInput,
                "that is a seed UDF (Z…), which is secret; entries are named by M… UDFs (not echoed)"
            )
        }
        return upper
    }
}
