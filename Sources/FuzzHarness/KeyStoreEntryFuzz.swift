import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshKeyStore
import MeshKeys
import MeshMath
import MeshUDF

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `keystore_entry`: the input is written as an entry file into a store and read back through the public
/// `KeyStore` API (`entry`, `privateBytes`, `list`), and written as the `store.json` header of a second
/// store that is then opened without a passphrase (no scrypt runs: a passphrase store is refused first).
///
/// The stores live in a private temporary folder made once per process. The entry store's master key is
/// fixed (an unprotected store, key bytes 0…31), so that the seeds, sealed under it, open: mutations of
/// them reach every check after decryption. The entry file is named by its `udf` member when that is a
/// valid entry name, as the store names its files.
enum KeyStoreEntryFuzz {
    static let masterKey = (0..<32).map { UInt8($0) }
    static let fallbackName = "MFUZ-ZENT-RYAA"

    /// The two store folders, made on first use and removed at exit.
    struct Folders: Sendable {
        let root: String
        let entries: String
        let header: String
    }

    static let folders: Folders = {
        var template = Array("/tmp/meshkey-fuzz-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { preconditionFailure("cannot make a temporary folder") }
        let root = String(cString: made)
        let folders = Folders(root: root, entries: root + "/entries", header: root + "/header")
        for folder in [folders.entries, folders.header] {
            precondition(mkdir(folder, 0o700) == 0, "cannot make \(folder)")
        }
        let header =
            "{\"created\":\"2026-12-02T00:00:00Z\",\"format\":1,\"master_key_unprotected\":\"\(Hex.encode(masterKey))\",\"protection\":\"none\"}\n"
        FuzzFiles.write(Array(header.utf8), to: folders.entries + "/store.json")
        atexit { FuzzFiles.removeTree(KeyStoreEntryFuzz.folders.root) }
        return folders
    }()

    static let store: KeyStore = {
        do { return try KeyStore.open(at: folders.entries, passphrase: nil) } catch {
            preconditionFailure("the fixed test store does not open: \(error)")
        }
    }()

    static func run(_ input: [UInt8]) throws(FuzzFailure) {
        try checkEntry(input)
        try checkHeader(input)
    }

    // MARK: Entries

    /// The name the store would give the file: its `udf` member if that is a valid entry name.
    static func entryName(_ input: [UInt8]) -> String {
        guard let udf = JSONValue.parse(input)?["udf"]?.stringValue, (1...128).contains(udf.utf8.count),
            !udf.hasPrefix("Z"),
            udf.utf8.allSatisfy({ (0x41...0x5A).contains($0) || (0x32...0x37).contains($0) || $0 == 0x2D })
        else { return fallbackName }
        return udf
    }

    static func checkEntry(_ input: [UInt8]) throws(FuzzFailure) {
        let name = entryName(input)
        let path = folders.entries + "/" + name + ".json"
        FuzzFiles.write(input, to: path)
        defer { unlink(path) }
        let entry = Result { () throws(KeyStoreError) in try store.entry(udf: name) }
        let secret = Result { () throws(KeyStoreError) in try store.privateBytes(udf: name) }
        let listed = Result { () throws(KeyStoreError) in try store.list() }
        guard case .success(let (entries, failures)) = listed else { throw FuzzFailure("listing the store failed") }
        try expect(
            entries.count + failures.count == 1,
            "the store lists \(entries.count) entries and \(failures.count) failures for one file"
        )

        switch (entry, secret) {
        case (.failure(let error), .failure(let other)):
            try expect(
                error.code == .tamperedEntry && other.code == .tamperedEntry && failures.first?.code == .tamperedEntry,
                "an unusable entry file was refused with \(error.code), \(other.code), \(failures.first?.code.rawValue ?? "nothing")"
            )
            try expect(error.udf == name, "the refusal does not name the entry")
        case (.success(let value), .success(let bytes)):
            try expect(entries == [value], "list and entry disagree")
            try expect(value.udf == name, "an entry was read under another name")
            try checkContents(value, bytes)
        default:
            throw FuzzFailure("entry and privateBytes disagree on whether the entry is usable")
        }
    }

    /// An accepted entry holds what its public part says.
    static func checkContents(_ entry: StoreEntry, _ secret: SecureBytes) throws(FuzzFailure) {
        switch entry.type {
        case .key:
            guard let algorithm = entry.keyAlgorithm,
                let key = try? store.privateKey(udf: entry.udf),
                let published = try? StandardKey.publishedForm(of: key, curve: algorithm)
            else {
                throw FuzzFailure("an accepted key entry does not load as a key")
            }
            try expect(
                key.algorithm == algorithm && (try? key.rawRepresentation()) == secret,
                "the key is not the sealed bytes"
            )
            try expect(entry.publicKey == published, "the public key shown is not the key's")
            try expect(
                KeyFingerprint.udf(curve: algorithm, key: published) == entry.udf,
                "the entry is not named by its key's UDF"
            )
        case .seed:
            try expect(entry.publicKey == nil, "a seed entry shows a public key")
            try expect((try? SeedUDF(binary: secret)) != nil, "an accepted seed entry does not hold a seed")
        case .share:
            guard let loaded = try? store.share(udf: entry.udf) else {
                throw FuzzFailure("an accepted share entry does not load as a share")
            }
            try expect(loaded.key.scalar.bytes == secret, "the share is not the sealed scalar")
            try expect(entry.publicKey == loaded.key.publicKeyExtended, "the public key shown is not the share's")
            try expect(loaded.key.udf() == entry.udf, "the entry is not named by its share's UDF")
            try expect(entry.group != nil, "a share entry without its group key")
        }
    }

    // MARK: Headers

    static func checkHeader(_ input: [UInt8]) throws(FuzzFailure) {
        FuzzFiles.write(input, to: folders.header + "/store.json")
        let status = Result { () throws(KeyStoreError) in try KeyStore.status(at: folders.header) }
        let needs = Result { () throws(KeyStoreError) in try KeyStore.needsPassphrase(at: folders.header) }
        let opened = Result { () throws(KeyStoreError) in try KeyStore.open(at: folders.header, passphrase: nil) }
        try expect((status.error == nil) == (needs.error == nil), "status and needsPassphrase disagree on the header")
        if let error = status.error {
            try expect(
                error.code == .corruptHeader && needs.error?.code == .corruptHeader
                    && opened.error?.code == .corruptHeader,
                "an unreadable header was refused with \(error.code)"
            )
            return
        }
        guard case .success(let needsPassphrase) = needs, case .success(let summary) = status else { return }
        try expect(
            (1...KeyStore.formatVersion).contains(summary.format) && summary.entryCount == 0,
            "the status of an accepted header is wrong"
        )
        try expect(
            summary.passphraseProtected == needsPassphrase,
            "status and needsPassphrase disagree on the protection"
        )
        switch opened {
        case .success(let other):
            try expect(!needsPassphrase, "a store that needs a passphrase opened without one")
            try expect((try? other.list())?.entries.isEmpty == true, "an empty store lists entries")
        case .failure(let error):
            try expect(
                error.code == (needsPassphrase ? .passphraseRequired : .corruptHeader),
                "opening without a passphrase failed with \(error.code)"
            )
        }
    }

    // MARK: Seeds

    /// Entry files sealed under the fixed master key (one key of each algorithm, an account seed and
    /// another seed, exportable or not), the fixed header, and a passphrase header (cheapest scrypt cost).
    static func seeds(_ vectors: VectorSeeds) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        func keep(_ entry: StoreEntry?) {
            guard let entry else { return }
            if let bytes = FuzzFiles.read(folders.entries + "/" + entry.udf + ".json") { seeds.append(bytes) }
            try? store.delete(udf: entry.udf)
        }
        for (index, algorithm) in KeyAlgorithm.allCases.enumerated() {
            keep(try? store.generate(algorithm, exportable: index % 2 == 0, label: index == 0 ? "fuzz seed" : nil))
        }
        keep(try? store.add(seed: SeedUDF.random(.meshProfileAccount), exportable: false))
        keep(try? store.add(seed: SeedUDF.random(.meshProfileDevice, secretByteCount: 16), label: "device"))
        if let header = FuzzFiles.read(folders.entries + "/store.json") { seeds.append(header) }
        let protected = folders.root + "/passphrase"
        if (try? KeyStore.initialize(
            at: protected,
            passphrase: SecureBytes(Array("fuzz".utf8)),
            kdfCost: KeyStore.kdfCostRange.lowerBound
        )) != nil,
            let header = FuzzFiles.read(protected + "/store.json")
        {
            seeds.append(header)
        }
        return seeds
    }
}
