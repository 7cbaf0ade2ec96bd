#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import MeshCrypto
public import MeshKeys
public import MeshMath
public import MeshUDF

/// What an entry holds.
public enum EntryType: String, Sendable, CaseIterable {
    /// A seed UDF (`Z…`): 0xC8 ‖ key specifier ‖ secret.
    case seed
    /// A raw private key (Ed25519, Ed448, X25519, X448).
    case key
    /// A share of a split group key (recryption): a scalar mod L used as is, with the group's public key.
    case share
}

/// The public description of an entry (verified against the sealed part before it is returned).
public struct StoreEntry: Sendable, Equatable {
    /// The entry's UDF, which is also its file name.
    public let udf: String
    public let type: EntryType
    /// `Ed25519`, `Ed448`, `X25519` or `X448` for keys; the seed's key specifier name for seeds.
    public let algorithm: String
    public let label: String?
    public let exportable: Bool
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public let created: String
    /// Keys: the published public form (RFC 8032 for Edwards keys, u ‖ parity of v for X keys). Shares: the
    /// share's public point, same encoding. Seeds: nil.
    public let publicKey: [UInt8]?
    /// Shares: the group public key the share belongs to (same encoding). Others: nil.
    public let group: [UInt8]?

    /// The key algorithm, for key entries.
    public var keyAlgorithm: KeyAlgorithm? { type == .key ? KeyAlgorithm(rawValue: algorithm) : nil }
}

/// The header's state, readable without the passphrase.
public struct StoreStatus: Sendable, Equatable {
    public let path: String
    public let format: Int
    /// False for a store made with `--insecure-no-passphrase`: its master key is stored unwrapped.
    public let passphraseProtected: Bool
    public let kdfName: String?
    public let kdfLog2N: Int?
    public let kdfR: Int?
    public let kdfP: Int?
    public let created: String
    public let entryCount: Int
    public let temporaryFileCount: Int
}

/// What `verify` found.
public struct VerifyReport: Sendable {
    /// Entries that opened and matched their UDF.
    public let verified: [String]
    /// One error per bad entry, naming its UDF.
    public let failures: [KeyStoreError]
    /// Stray temporary files (from interrupted writes) that were removed.
    public let removedTemporaryFiles: [String]
}

/// The embedded key store: one folder (0700) holding `store.json`, a `lock` file and one sealed file per
/// entry (0600). See Docs/formats.md, "Key store".
///
/// Every entry's private part is sealed with AES-256-GCM under a random 32-byte master key, which is
/// itself wrapped under a scrypt key of the passphrase. All writes are atomic (temporary file, fsync,
/// rename, fsync of the folder) and made under an exclusive `flock` on `lock`; reads take a shared lock.
public final class KeyStore: Sendable {
    /// Headers written now (store id, generation, key commitment); format 1 headers are still opened.
    public static let formatVersion = 2
    /// Entries written into a format 2 store: bound to the store id, generation and protection (AAD).
    /// A format 1 store (written by an older meshkey) still reads and writes format 1/2 entries until
    /// `passwd` rotates it to format 2 (see Docs/formats.md, "Key store").
    public static let entryFormat = 3
    /// log2 N of the default scrypt cost (r = 8, p = 1); see Docs/formats.md for the measured time.
    public static let defaultKDFCost = 18
    public static let kdfCostRange = 10...20
    static let headerName = "store.json"
    static let entrySuffix = ".json"

    public let path: String
    let masterKey: SecureBytes
    /// What entries are bound to, from the header this value was opened with.
    let binding: StoreBinding
    /// The header's bytes at open: every write first checks that `store.json` is still exactly these.
    let headerBytes: [UInt8]

    init(path: String, masterKey: SecureBytes, binding: StoreBinding, headerBytes: [UInt8]) {
        self.path = path
        self.masterKey = masterKey
        self.binding = binding
        self.headerBytes = headerBytes
    }

    // MARK: Location

    /// `explicit` (`--store`), else `$MESHKEY_HOME`, else `$XDG_DATA_HOME/meshkey` (if absolute), else
    /// `$HOME/.local/share/meshkey`. With none of these (or a relative `HOME`) it refuses (`no_home`)
    /// rather than use a folder relative to the working directory.
    public static func location(explicit: String?, environment: [String: String]) throws(KeyStoreError) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let home = environment["MESHKEY_HOME"], !home.isEmpty { return home }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/meshkey" }
        guard let home = environment["HOME"], home.hasPrefix("/") else {
            throw KeyStoreError(.noHome, "HOME is \(environment["HOME"].map { $0.isEmpty ? "empty" : "not an absolute path" } ?? "not set") and neither --store, $MESHKEY_HOME nor $XDG_DATA_HOME names the store; refusing a store relative to the working directory")
        }
        return home + "/.local/share/meshkey"
    }

    // MARK: Creating and opening

    /// Creates a store at `path` (the folder is created with mode 0700 if missing; an existing folder must
    /// already be 0700). `passphrase` nil means `--insecure-no-passphrase`.
    public static func initialize(at path: String, passphrase: SecureBytes?,
                                  kdfCost: Int = defaultKDFCost) throws(KeyStoreError) -> KeyStore {
        guard kdfCostRange.contains(kdfCost) else {
            throw KeyStoreError(.invalidInput, "the KDF cost (log2 N) must be \(kdfCostRange.lowerBound)…\(kdfCostRange.upperBound), not \(kdfCost)")
        }
        if let passphrase, passphrase.isEmpty { throw KeyStoreError(.passphraseRequired, "the passphrase is empty") }
        if !StoreFiles.exists(path) { try makeFolders(path) }
        try StoreFiles.checkFolder(path)
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        guard !StoreFiles.exists(path + "/" + headerName) else {
            throw KeyStoreError(.exists, "a key store already exists here", path: path)
        }
        let masterKey = SecureRandom.bytes(32)
        let binding = StoreBinding(headerFormat: formatVersion, storeID: Hex.encode(SecureRandom.bytes(16).unprotectedBytes),
                                   generation: 1, protection: passphrase == nil ? "none" : "passphrase")
        let header = try makeHeader(masterKey: masterKey, passphrase: passphrase, binding: binding, log2N: kdfCost,
                                    created: StoreJSON.now())
        let bytes = StoreJSON.encode(header)
        try StoreFiles.atomicWrite(bytes, folder: path, name: headerName)
        return KeyStore(path: path, masterKey: masterKey, binding: binding, headerBytes: bytes)
    }

    /// Opens the store at `path`, unlocking the master key with `passphrase`. `nil` is the explicit
    /// request to open an unprotected store (`--unprotected`): a store with a passphrase then fails with
    /// `passphrase_required`, and a passphrase given to a store whose header says "none" fails with
    /// `unprotected_store` (a replaced `store.json` must not silently take over). A rotation (`passwd`)
    /// that was interrupted is first finished or rolled back, under the exclusive lock.
    public static func open(at path: String, passphrase: SecureBytes?) throws(KeyStoreError) -> KeyStore {
        try StoreFiles.checkFolder(path)
        let (header, bytes) = try readHeaderRecovering(path)
        return KeyStore(path: path, masterKey: try unlock(header, passphrase: passphrase, path: path),
                        binding: StoreBinding(header), headerBytes: bytes)
    }

    /// Whether the store at `path` needs a passphrase (false for `--insecure-no-passphrase`).
    public static func needsPassphrase(at path: String) throws(KeyStoreError) -> Bool {
        // The header alone: opening a store must not list its folder (`show` stays O(1) in the entries).
        try StoreFiles.checkFolder(path)
        return try readHeaderRecovering(path).header.protection == "passphrase"
    }

    /// The header and entry counts, without the passphrase.
    public static func status(at path: String) throws(KeyStoreError) -> StoreStatus {
        try StoreFiles.checkFolder(path)
        _ = try readHeaderRecovering(path)
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let header = try readHeader(path).header
        let names = try StoreFiles.names(in: path)
        return StoreStatus(path: path, format: header.format, passphraseProtected: header.protection == "passphrase",
                           kdfName: header.kdf?.name, kdfLog2N: header.kdf?.log2_n, kdfR: header.kdf?.r,
                           kdfP: header.kdf?.p, created: header.created,
                           entryCount: names.filter(isEntryName).count,
                           temporaryFileCount: names.filter { $0.hasPrefix(StoreFiles.temporaryPrefix) }.count)
    }

    // MARK: Reading entries

    /// Every entry, each opened and verified. Entries that fail are returned in `failures` (by UDF).
    public func list() throws(KeyStoreError) -> (entries: [StoreEntry], failures: [KeyStoreError]) {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        var entries: [StoreEntry] = []
        var failures: [KeyStoreError] = []
        for name in try StoreFiles.names(in: path) where Self.isEntryName(name) {
            let udf = String(name.dropLast(Self.entrySuffix.count))
            do { entries.append(try load(udf: udf).entry) } catch { failures.append(error) }
        }
        return (entries, failures)
    }

    /// One entry, verified (reads only that entry's file).
    public func entry(udf: String) throws(KeyStoreError) -> StoreEntry {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        return try load(udf: try Self.normalize(udf)).entry
    }

    /// The raw private part of an entry, for use inside this process (signing, agreement): the raw
    /// private key of a key entry, or the binary seed (0xC8 ‖ specifier ‖ secret) of a seed entry.
    /// The exportable flag does not apply; `export` enforces it.
    public func privateBytes(udf: String) throws(KeyStoreError) -> SecureBytes {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        return try load(udf: try Self.normalize(udf)).secret
    }

    /// The OpenSSL private key of a key entry.
    public func privateKey(udf: String) throws(KeyStoreError) -> OpenSSLPrivateKey {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let normalized = try Self.normalize(udf)
        let (entry, secret) = try load(udf: normalized)
        guard let algorithm = entry.keyAlgorithm else {
            throw KeyStoreError(.invalidInput, "is a \(entry.type.rawValue), not a key", udf: normalized)
        }
        do { return try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: secret) } catch {
            throw KeyStoreError(.tamperedEntry, "the sealed key does not load", udf: normalized)
        }
    }

    /// Opens every entry; reports each failure by UDF. Overwrites and removes stray temporary files (under
    /// the exclusive lock, so no write is in progress).
    public func verify() throws(KeyStoreError) -> VerifyReport {
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        var verified: [String] = []
        var failures: [KeyStoreError] = []
        var removed: [String] = []
        for name in try StoreFiles.names(in: path) {
            if name.hasPrefix(StoreFiles.temporaryPrefix) {
                // A half-written entry or an interrupted purge: overwrite (best effort), then unlink.
                let file = path + "/" + name
                try? StoreFiles.overwrite(file)
                if unlink(file) == 0 { removed.append(name) }
                continue
            }
            guard Self.isEntryName(name) else { continue }
            let udf = String(name.dropLast(Self.entrySuffix.count))
            do {
                _ = try load(udf: udf)
                verified.append(udf)
            } catch { failures.append(error) }
        }
        if !removed.isEmpty { try StoreFiles.syncFolder(path) }
        return VerifyReport(verified: verified, failures: failures, removedTemporaryFiles: removed)
    }

    // MARK: Adding entries

    /// Generates a key with OpenSSL and stores it. Returns the new entry.
    public func generate(_ algorithm: KeyAlgorithm, exportable: Bool = true, label: String? = nil) throws(KeyStoreError) -> StoreEntry {
        let key: OpenSSLPrivateKey
        do { key = try OpenSSLPrivateKey.generate(algorithm) } catch {
            throw KeyStoreError(.io, "key generation failed: \(error)")
        }
        return try add(key: key, exportable: exportable, label: label)
    }

    /// Stores a private key.
    public func add(key: OpenSSLPrivateKey, exportable: Bool = true, label: String? = nil) throws(KeyStoreError) -> StoreEntry {
        try Self.checkLabel(label)
        let raw: SecureBytes
        let published: [UInt8]
        do {
            raw = try key.rawRepresentation()
            published = try StandardKey.publishedForm(of: key, curve: key.algorithm)
        } catch { throw KeyStoreError(.invalidInput, "cannot read the key: \(error)") }
        let udf = KeyFingerprint.udf(curve: key.algorithm, key: published)
        let entry = StoreEntry(udf: udf, type: .key, algorithm: key.algorithm.rawValue, label: label,
                               exportable: exportable, created: StoreJSON.now(), publicKey: published, group: nil)
        try store(entry, secret: raw)
        return entry
    }

    /// Stores a seed. An account seed (specifier MeshProfileAccount) is named by its profile UDF; any
    /// other seed by the content digest of its binary form under content type `meshkey-seed`.
    /// Seeds with fewer than 16 secret bytes are refused.
    public func add(seed: SeedUDF, exportable: Bool = true, label: String? = nil) throws(KeyStoreError) -> StoreEntry {
        try Self.checkLabel(label)
        guard seed.secret.count >= 16 else {
            throw KeyStoreError(.invalidInput, "the seed's secret is \(seed.secret.count) bytes; at least 16 are needed")
        }
        let udf = try Self.seedUDF(seed.binary)
        let entry = StoreEntry(udf: udf, type: .seed, algorithm: Self.specifierName(seed.specifier), label: label,
                               exportable: exportable, created: StoreJSON.now(), publicKey: nil, group: nil)
        try store(entry, secret: seed.binary)
        return entry
    }

    /// Stores a share of a split group key (a recryption share): a non-zero scalar mod L for `curve`, named
    /// by the fingerprint of its public point; `group` is the group public key (RFC 8032 or extended).
    public func add(share: CurveScalar, curve: KeyAlgorithm, group: [UInt8], exportable: Bool = true,
                    label: String? = nil) throws(KeyStoreError) -> StoreEntry {
        try Self.checkLabel(label)
        let key: ScalarKey
        do {
            key = try ScalarKey(scalar: share, curve: curve)
            _ = try GroupElement.decode(group, curve: curve)
        } catch { throw KeyStoreError(.invalidInput, "not a share of a \(curve.rawValue) group key: \(error)") }
        let entry = StoreEntry(udf: key.udf(), type: .share, algorithm: curve.rawValue, label: label, exportable: exportable,
                               created: StoreJSON.now(), publicKey: key.publicKeyExtended, group: group)
        try store(entry, secret: key.scalar.bytes)
        return entry
    }

    /// The scalar of a share entry, with its entry.
    public func share(udf: String) throws(KeyStoreError) -> (entry: StoreEntry, key: ScalarKey) {
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let normalized = try Self.normalize(udf)
        let (entry, secret) = try load(udf: normalized)
        guard entry.type == .share, let curve = KeyAlgorithm(rawValue: entry.algorithm) else {
            throw KeyStoreError(.invalidInput, "is a \(entry.type.rawValue), not a share", udf: normalized)
        }
        do { return (entry, try ScalarKey(storedScalar: secret, curve: curve)) } catch {
            throw KeyStoreError(.tamperedEntry, "the sealed share does not load", udf: normalized)
        }
    }

    // MARK: Removing entries

    /// Deletes an entry's file.
    public func delete(udf: String) throws(KeyStoreError) {
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try unlinkEntry(try Self.normalize(udf))
    }

    /// Deletes the file of the entry named by a normalized UDF; the caller holds the exclusive lock.
    func unlinkEntry(_ normalized: String) throws(KeyStoreError) {
        let file = entryPath(normalized)
        guard StoreFiles.exists(file) else { throw KeyStoreError(.notFound, "no such entry in \(path)", udf: normalized) }
        guard unlink(file) == 0 else { throw KeyStoreError(.io, "cannot delete: \(StoreFiles.errnoText())", udf: normalized) }
        try StoreFiles.syncFolder(path)
    }

    /// Renames the entry to a temporary name, overwrites its bytes with random data, fsyncs, then unlinks
    /// it. Overwriting is best effort: SSDs and journaling or copy-on-write file systems may keep copies.
    public func purge(udf: String) throws(KeyStoreError) {
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try overwriteEntry(try Self.normalize(udf))
    }

    /// Overwrites and deletes the entry named by a normalized UDF; the caller holds the exclusive lock.
    func overwriteEntry(_ normalized: String) throws(KeyStoreError) {
        let file = entryPath(normalized)
        guard StoreFiles.exists(file) else { throw KeyStoreError(.notFound, "no such entry in \(path)", udf: normalized) }
        let temporary = StoreFiles.temporaryName(in: path)
        guard rename(file, temporary) == 0 else { throw KeyStoreError(.io, "cannot rename: \(StoreFiles.errnoText())", udf: normalized) }
        try StoreFiles.syncFolder(path)
        try StoreFiles.overwrite(temporary)
        guard unlink(temporary) == 0 else { throw KeyStoreError(.io, "cannot unlink: \(StoreFiles.errnoText())", udf: normalized) }
        try StoreFiles.syncFolder(path)
    }

    // MARK: Internals

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
              upper.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x32 && $0 <= 0x37) || $0 == 0x2D }) else {
            throw KeyStoreError(.invalidInput, "the entry name is not a UDF (Base32 letters, digits 2–7 and dashes)")
        }
        guard !upper.hasPrefix("Z") else {
            throw KeyStoreError(.invalidInput, "that is a seed UDF (Z…), which is secret; entries are named by M… UDFs (not echoed)")
        }
        return upper
    }

    static let seedContentType = "meshkey-seed"

    static func seedUDF(_ binary: SecureBytes) throws(KeyStoreError) -> String {
        let seed: SeedUDF
        do { seed = try SeedUDF(binary: binary) } catch { throw KeyStoreError(.invalidInput, "not a seed: \(error.reason)") }
        if seed.specifier == .meshProfileAccount {
            do {
                return try DerivedKey(seed: seed, keyName: MeshProfile.Role.profileSignature.keyName, curve: .ed448).udf
            } catch { throw KeyStoreError(.io, "profile key derivation failed: \(error)") }
        }
        return ContentDigest(data: binary.unprotectedBytes, contentType: seedContentType).presentation()
    }

    static func specifierName(_ specifier: SeedUDF.KeySpecifier) -> String {
        let names: [UInt16: String] = [0: "Any", 1: "X25519", 2: "X448", 3: "Ed25519", 4: "Ed448",
                                       256: "MeshProfileDevice", 257: "MeshActivationDevice",
                                       258: "MeshProfileAccount", 259: "MeshActivationAccount",
                                       260: "MeshProfileService", 261: "MeshActivationService"]
        return names[specifier.rawValue] ?? "specifier-\(specifier.rawValue)"
    }

    /// AAD of an entry's sealed part. Format 3 (format 2 stores): UTF-8("meshkey-entry-v3"), then each of
    /// store id, generation (decimal), protection, udf, type, algorithm, group (hex, empty if none), label
    /// ("+" ‖ label, or "-" if none) and created as a 4-byte big-endian length ‖ UTF-8. Format 2 (format 1
    /// stores): the same without the first three fields, prefix "meshkey-entry-v2". Format 1 (read only):
    /// UTF-8("meshkey-entry-v1") ‖ 0x00 ‖ udf ‖ 0x00 ‖ type.
    static func entryAAD(format: Int, binding: StoreBinding? = nil, udf: String, type: EntryType, algorithm: String,
                         group: String?, label: String?, created: String) -> [UInt8] {
        if format == 1 { return Array("meshkey-entry-v1".utf8) + [0] + Array(udf.utf8) + [0] + Array(type.rawValue.utf8) }
        var fields = [udf, type.rawValue, algorithm, group ?? "", label.map { "+" + $0 } ?? "-", created]
        if format >= 3, let binding {
            fields = [binding.storeID ?? "", String(binding.generation ?? 0), binding.protection] + fields
        }
        return lengthPrefixed(format >= 3 ? "meshkey-entry-v3" : "meshkey-entry-v2", fields)
    }

    /// UTF-8(tag) ‖ for each field: 4-byte big-endian length ‖ UTF-8.
    static func lengthPrefixed(_ tag: String, _ fields: [String]) -> [UInt8] {
        var bytes = Array(tag.utf8)
        for field in fields {
            let utf8 = Array(field.utf8)
            let count = UInt32(utf8.count)
            bytes += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)] + utf8
        }
        return bytes
    }

    /// Labels are printed on terminals: control characters are refused (``KeyLabel``).
    static func checkLabel(_ label: String?) throws(KeyStoreError) {
        if let label, let problem = KeyLabel.problem(label) { throw KeyStoreError(.invalidInput, problem) }
    }

    /// The entry format this store writes: 3 in a format 2 store, 2 in a format 1 store.
    var writtenEntryFormat: Int { binding.headerFormat >= 2 ? Self.entryFormat : 2 }

    /// The sealed entry file: plaintext version (1) ‖ flags (bit 0: exportable) ‖ private bytes, under
    /// `key`, bound to `binding`.
    static func entryFile(_ entry: StoreEntry, secret: SecureBytes, key: SecureBytes, binding: StoreBinding) throws(KeyStoreError) -> [UInt8] {
        let format = binding.headerFormat >= 2 ? entryFormat : 2
        let plaintext = SecureBytes(prefix: [1, entry.exportable ? 1 : 0], secret)
        let nonce = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        let sealed: (ciphertext: [UInt8], tag: [UInt8])
        do {
            sealed = try AESGCM.seal(plaintext, key: key, nonce: nonce,
                                     authenticating: entryAAD(format: format, binding: binding, udf: entry.udf, type: entry.type,
                                                              algorithm: entry.algorithm, group: entry.group.map { Hex.encode($0) },
                                                              label: entry.label, created: entry.created))
        } catch { throw KeyStoreError(.io, "sealing failed: \(error)", udf: entry.udf) }
        let file = EntryFile(format: format, udf: entry.udf, type: entry.type.rawValue,
                             algorithm: entry.algorithm, label: entry.label, exportable: entry.exportable,
                             created: entry.created, publicKey: entry.publicKey.map { Hex.encode($0) },
                             group: entry.group.map { Hex.encode($0) },
                             store: format >= 3 ? binding.storeID : nil, generation: format >= 3 ? binding.generation : nil,
                             sealed: SealedBox(alg: "AES-256-GCM", nonce: Hex.encode(nonce),
                                               ciphertext: Hex.encode(sealed.ciphertext), tag: Hex.encode(sealed.tag)))
        return StoreJSON.encode(file)
    }

    private func store(_ entry: StoreEntry, secret: SecureBytes) throws(KeyStoreError) {
        let bytes = try Self.entryFile(entry, secret: secret, key: masterKey, binding: binding)
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        try checkUnchangedHeader()
        guard !StoreFiles.exists(entryPath(entry.udf)) else {
            throw KeyStoreError(.exists, "already in the store", udf: entry.udf)
        }
        try StoreFiles.atomicWrite(bytes, folder: path, name: entry.udf + Self.entrySuffix)
    }

    /// Under the exclusive lock, before anything is written: `store.json` is still the header this value
    /// was opened with, and an entry in the folder opens under it (same master key, store id, generation
    /// and protection). Otherwise `header_mismatch` and nothing is written.
    func checkUnchangedHeader() throws(KeyStoreError) {
        let current: [UInt8]
        do { current = try StoreFiles.read(path + "/" + Self.headerName) } catch {
            throw KeyStoreError(.headerMismatch, "store.json is gone or unreadable since the store was opened (\(error.reason)); nothing was written", path: path)
        }
        guard current == headerBytes else {
            throw KeyStoreError(.headerMismatch, "store.json changed since the store was opened (replaced, or the passphrase was changed); nothing was written", path: path)
        }
        // One entry that opens under this header is enough; up to 8 are tried, so that one damaged entry
        // (left to `verify`) does not block writes. If none opens, the header is not the entries' header:
        // another store's, an older generation's, or a planted key.
        var tried: [String] = []
        for name in try StoreFiles.names(in: path) where Self.isEntryName(name) {
            guard let bytes = try? StoreFiles.read(path + "/" + name), StoreJSON.decode(EntryFile.self, bytes) != nil else { continue }
            let udf = String(name.dropLast(Self.entrySuffix.count))
            do {
                _ = try load(udf: udf)
                return
            } catch {
                guard error.code == .tamperedEntry else { continue }
                tried.append(udf)
                if tried.count == 8 { break }
            }
        }
        guard tried.isEmpty else {
            throw KeyStoreError(.headerMismatch, "no entry opens under this store.json (\(tried.count) tried, first \(tried[0])): the header was replaced, or the entries are damaged (run `meshkey store verify`); nothing was written", path: path)
        }
    }

    /// Reads, parses, unseals and cross-checks one entry. Every failure names the UDF.
    func load(udf: String) throws(KeyStoreError) -> (entry: StoreEntry, secret: SecureBytes) {
        func tampered(_ reason: String) -> KeyStoreError { KeyStoreError(.tamperedEntry, reason, udf: udf) }
        let bytes: [UInt8]
        do { bytes = try StoreFiles.read(entryPath(udf)) } catch {
            if error.code == .notFound { throw KeyStoreError(.notFound, "no such entry in \(path)", udf: udf) }
            throw KeyStoreError(error.code, error.reason, udf: udf)
        }
        guard let file = StoreJSON.decode(EntryFile.self, bytes) else {
            throw tampered("the file is not a complete entry (truncated or edited); it was not used")
        }
        // A format 2 store holds format 3 entries only; a format 1 store format 1 and 2 entries.
        guard binding.headerFormat >= 2 ? file.format == Self.entryFormat : (file.format == 1 || file.format == 2) else {
            throw tampered("entry format \(file.format) does not belong in a format \(binding.headerFormat) store")
        }
        if file.format >= 3 {
            guard file.store == binding.storeID, file.generation == binding.generation else {
                throw tampered("the entry is bound to another store or generation (copied in, or store.json replaced); it was not used")
            }
        }
        guard UDFMatch.identical(file.udf, udf) else {
            throw tampered("the file holds entry \(file.udf) (swapped or renamed); it was not used")
        }
        guard let type = EntryType(rawValue: file.type) else { throw tampered("unknown entry type '\(file.type)'") }
        guard file.sealed.alg == "AES-256-GCM", let nonce = Hex.decode(file.sealed.nonce),
              let ciphertext = Hex.decode(file.sealed.ciphertext), let tag = Hex.decode(file.sealed.tag) else {
            throw tampered("the sealed part is malformed")
        }
        let plaintext: SecureBytes
        do {
            plaintext = try AESGCM.open(ciphertext: ciphertext, tag: tag, key: masterKey, nonce: nonce,
                                        authenticating: Self.entryAAD(format: file.format, binding: binding, udf: udf, type: type, algorithm: file.algorithm,
                                                                      group: file.group, label: file.label, created: file.created))
        } catch { throw tampered("the sealed part fails authentication (edited or moved); it was not used") }
        guard plaintext.count > 2, plaintext[0] == 1 else { throw tampered("unknown sealed layout") }
        guard (plaintext[1] & 1 == 1) == file.exportable else { throw tampered("the exportable flag was changed") }
        let secret = plaintext.slice(2..<plaintext.count)
        var publicKey: [UInt8]?
        var group: [UInt8]?
        guard type != .share || file.format >= 2 else { throw tampered("a share entry in format 1") }
        guard (file.group != nil) == (type == .share) else { throw tampered("a group key on an entry that is not a share, or a share without one") }
        switch type {
        case .key:
            guard let algorithm = KeyAlgorithm(rawValue: file.algorithm) else { throw tampered("unknown algorithm '\(file.algorithm)'") }
            let published: [UInt8]
            do {
                let key = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: secret)
                published = try StandardKey.publishedForm(of: key, curve: algorithm)
            } catch { throw tampered("the sealed key does not load as \(algorithm.rawValue)") }
            guard UDFMatch.identical(KeyFingerprint.udf(curve: algorithm, key: published), udf) else {
                throw tampered("the key's fingerprint is not the entry's UDF")
            }
            guard file.publicKey == Hex.encode(published) else { throw tampered("the public key in clear was changed") }
            publicKey = published
        case .seed:
            guard let seedUDF = try? Self.seedUDF(secret), UDFMatch.identical(seedUDF, udf) else { throw tampered("the seed's UDF is not the entry's UDF") }
            guard file.publicKey == nil else { throw tampered("a seed entry with a public part") }
        case .share:
            guard let curve = KeyAlgorithm(rawValue: file.algorithm) else { throw tampered("unknown curve '\(file.algorithm)'") }
            guard let key = try? ScalarKey(storedScalar: secret, curve: curve) else { throw tampered("the sealed share is not a scalar mod L") }
            guard UDFMatch.identical(key.udf(), udf) else { throw tampered("the share's fingerprint is not the entry's UDF") }
            guard file.publicKey == Hex.encode(key.publicKeyExtended) else { throw tampered("the public key in clear was changed") }
            guard let groupHex = file.group, let groupBytes = Hex.decode(groupHex),
                  (try? GroupElement.decode(groupBytes, curve: curve)) != nil else { throw tampered("the group key is not a \(curve.rawValue) point") }
            publicKey = key.publicKeyExtended
            group = groupBytes
        }
        let entry = StoreEntry(udf: udf, type: type, algorithm: file.algorithm, label: file.label,
                               exportable: file.exportable, created: file.created, publicKey: publicKey, group: group)
        return (entry, secret)
    }

    private static func makeFolders(_ path: String) throws(KeyStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        let parts = path.split(separator: "/")
        for (index, part) in parts.enumerated() {
            prefix += "/" + part
            if StoreFiles.exists(prefix) { continue }
            // Intermediate folders get the usual mode; the store folder itself 0700.
            let mode: mode_t = index == parts.count - 1 ? 0o700 : 0o755
            guard mkdir(prefix, mode) == 0 || errno == EEXIST else {
                throw KeyStoreError(.io, "cannot create the folder: \(StoreFiles.errnoText())", path: prefix)
            }
        }
        // mkdir applies the umask; make sure the store folder is exactly 0700.
        guard chmod(path, 0o700) == 0 else { throw KeyStoreError(.io, "cannot chmod: \(StoreFiles.errnoText())", path: path) }
    }
}
