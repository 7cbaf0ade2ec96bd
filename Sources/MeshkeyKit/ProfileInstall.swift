public import MeshKeyStore
public import MeshKeys
import MeshUDF

/// Putting a profile into a key store: its account seed as an entry and its signed public document as
/// `<profile UDF>.profile` in the store folder. One write order and one rollback for every caller: the seed
/// entry first (unless the store already holds it), then the document (written atomically, replacing an
/// older one); if the document cannot be written, a seed entry this call added is removed again, so that
/// on error the store is as it was.
extension KeyStore {
    /// A new profile: a fresh random account seed, stored (exportable only if asked), and its document.
    /// Returns the profile.
    public func createProfile(exportable: Bool = false) throws -> MeshProfile {
        let profile = try MeshProfile(accountSeed: SeedUDF.random(.meshProfileAccount))
        try installProfile(profile, exportable: exportable)
        return profile
    }

    /// A recovered profile, installed into this store (empty or not): its seed entry unless already there
    /// (stored not exportable, unless `exportable`) and its document. With `expecting`, a profile whose
    /// UDF is not that one is refused (`profile_mismatch`) before anything is written. Returns whether the
    /// seed entry was added (false: the store held it already).
    @discardableResult
    public func installProfile(
        _ profile: MeshProfile,
        expecting expected: String? = nil,
        exportable: Bool = false
    ) throws -> Bool {
        try ProfileExpectation.check(profile.udf, expected: expected)
        let document = try ProfileDocument(profile: profile)
        var added = false
        if (try? entry(udf: profile.udf)) == nil {
            _ = try add(seed: profile.seed, exportable: exportable, label: "account seed")
            added = true
        }
        do { try Self.writeProfileDocument(document.json, profileUDF: profile.udf, at: path) } catch {
            if added { try? purge(udf: profile.udf) }
            throw error
        }
        return added
    }

    /// The verified profile document of `profileUDF` kept in the store folder, or nil when there is none.
    public func profileDocument(of profileUDF: String) throws -> ProfileDocument? {
        guard let bytes = try Self.readProfileDocument(profileUDF: profileUDF, at: path) else { return nil }
        return try ProfileDocument.verify(bytes)
    }

    /// Writes (or replaces) the profile's document in the store folder, under the store's exclusive lock.
    public func writeProfileDocument(of profile: MeshProfile) throws {
        try Self.writeProfileDocument(try ProfileDocument(profile: profile).json, profileUDF: profile.udf, at: path)
    }
}

/// The "profile UDF must be the one expected" rule (`--expect`).
public enum ProfileExpectation {
    /// Throws `profile_mismatch` when `expected` is given and is not `udf` (compared in any case or dash form).
    public static func check(_ udf: String, expected: String?) throws(OperationError) {
        if let expected, !UDFMatch.same(expected, udf) {
            throw OperationError(
                "profile_mismatch",
                "the shares restore profile \(udf), not \(expected); nothing was written"
            )
        }
    }
}
