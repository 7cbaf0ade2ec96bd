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
    public static let formatVersion = 1
    /// Entries written now; format 1 entries (whose label and date are not authenticated) are still read.
    public static let entryFormat = 2
    /// log2 N of the default scrypt cost (r = 8, p = 1); see Docs/formats.md for the measured time.
    public static let defaultKDFCost = 18
    public static let kdfCostRange = 10...20
    static let headerName = "store.json"
    static let entrySuffix = ".json"

    public let path: String
    let masterKey: SecureBytes

    private init(path: String, masterKey: SecureBytes) {
        self.path = path
        self.masterKey = masterKey
    }

    // MARK: Location

    /// `explicit` (`--store`), else `$MESHKEY_HOME`, else `$XDG_DATA_HOME/meshkey`, else
    /// `$HOME/.local/share/meshkey`.
    public static func location(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let home = environment["MESHKEY_HOME"], !home.isEmpty { return home }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/meshkey" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
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
        let header = try makeHeader(masterKey: masterKey, passphrase: passphrase, log2N: kdfCost, created: StoreJSON.now())
        try StoreFiles.atomicWrite(StoreJSON.encode(header), folder: path, name: headerName)
        return KeyStore(path: path, masterKey: masterKey)
    }

    /// Opens the store at `path`, unlocking the master key with `passphrase` (nil only for a store made
    /// with `--insecure-no-passphrase`).
    public static func open(at path: String, passphrase: SecureBytes?) throws(KeyStoreError) -> KeyStore {
        try StoreFiles.checkFolder(path)
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let header = try readHeader(path)
        return KeyStore(path: path, masterKey: try unlock(header, passphrase: passphrase, path: path))
    }

    /// Whether the store at `path` needs a passphrase (false for `--insecure-no-passphrase`).
    public static func needsPassphrase(at path: String) throws(KeyStoreError) -> Bool {
        // The header alone: opening a store must not list its folder (`show` stays O(1) in the entries).
        try StoreFiles.checkFolder(path)
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        return try readHeader(path).protection == "passphrase"
    }

    /// The header and entry counts, without the passphrase.
    public static func status(at path: String) throws(KeyStoreError) -> StoreStatus {
        try StoreFiles.checkFolder(path)
        let lock = try StoreLock(folder: path, exclusive: false)
        defer { withExtendedLifetime(lock) {} }
        let header = try readHeader(path)
        let names = try StoreFiles.names(in: path)
        return StoreStatus(path: path, format: header.format, passphraseProtected: header.protection == "passphrase",
                           kdfName: header.kdf?.name, kdfLog2N: header.kdf?.log2_n, kdfR: header.kdf?.r,
                           kdfP: header.kdf?.p, created: header.created,
                           entryCount: names.filter(isEntryName).count,
                           temporaryFileCount: names.filter { $0.hasPrefix(StoreFiles.temporaryPrefix) }.count)
    }

    /// Re-wraps the master key under `newPassphrase` with a fresh salt (entries are not touched).
    public func changePassphrase(to newPassphrase: SecureBytes, kdfCost: Int? = nil) throws(KeyStoreError) {
        guard !newPassphrase.isEmpty else { throw KeyStoreError(.passphraseRequired, "the new passphrase is empty") }
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        let old = try Self.readHeader(path)
        let cost = kdfCost ?? old.kdf?.log2_n ?? Self.defaultKDFCost
        guard Self.kdfCostRange.contains(cost) else {
            throw KeyStoreError(.invalidInput, "the KDF cost (log2 N) must be \(Self.kdfCostRange.lowerBound)…\(Self.kdfCostRange.upperBound), not \(cost)")
        }
        let header = try Self.makeHeader(masterKey: masterKey, passphrase: newPassphrase, log2N: cost, created: old.created)
        try StoreFiles.atomicWrite(StoreJSON.encode(header), folder: path, name: Self.headerName)
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
        let raw: SecureBytes
        let published: [UInt8]
        do {
            raw = try key.rawRepresentation()
            published = try StandardKey.publishedForm(of: key, curve: Self.curve(key.algorithm))
        } catch { throw KeyStoreError(.invalidInput, "cannot read the key: \(error)") }
        let udf = KeyFingerprint.udf(curve: Self.curve(key.algorithm), key: published)
        let entry = StoreEntry(udf: udf, type: .key, algorithm: key.algorithm.rawValue, label: label,
                               exportable: exportable, created: StoreJSON.now(), publicKey: published, group: nil)
        try store(entry, secret: raw)
        return entry
    }

    /// Stores a seed. An account seed (specifier MeshProfileAccount) is named by its profile UDF; any
    /// other seed by the content digest of its binary form under content type `meshkey-seed`.
    /// Seeds with fewer than 16 secret bytes are refused.
    public func add(seed: SeedUDF, exportable: Bool = true, label: String? = nil) throws(KeyStoreError) -> StoreEntry {
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
    public func add(share: CurveScalar, curve: CurveID, group: [UInt8], exportable: Bool = true,
                    label: String? = nil) throws(KeyStoreError) -> StoreEntry {
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
        guard entry.type == .share, let curve = CurveID(rawValue: entry.algorithm) else {
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
        let normalized = try Self.normalize(udf)
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
        let normalized = try Self.normalize(udf)
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

    static func curve(_ algorithm: KeyAlgorithm) -> CurveID {
        switch algorithm {
        case .ed25519: .ed25519
        case .ed448: .ed448
        case .x25519: .x25519
        case .x448: .x448
        }
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

    /// AAD of an entry's sealed part. Format 2: UTF-8("meshkey-entry-v2"), then each of udf, type,
    /// algorithm, group (hex, empty if none), label ("+" ‖ label, or "-" if none) and created as a 4-byte
    /// big-endian length ‖ UTF-8, so that every field in clear is authenticated. Format 1 (read only):
    /// UTF-8("meshkey-entry-v1") ‖ 0x00 ‖ udf ‖ 0x00 ‖ type.
    static func entryAAD(format: Int, udf: String, type: EntryType, algorithm: String, group: String?, label: String?,
                         created: String) -> [UInt8] {
        if format == 1 { return Array("meshkey-entry-v1".utf8) + [0] + Array(udf.utf8) + [0] + Array(type.rawValue.utf8) }
        var aad = Array("meshkey-entry-v2".utf8)
        for field in [udf, type.rawValue, algorithm, group ?? "", label.map { "+" + $0 } ?? "-", created] {
            let bytes = Array(field.utf8)
            let count = UInt32(bytes.count)
            aad += [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)] + bytes
        }
        return aad
    }

    /// AAD of the wrapped master key: binds the KDF parameters.
    static func masterAAD(_ kdf: StoreHeader.KDF) -> [UInt8] {
        Array("meshkey-master-v1".utf8) + [0] + Array("\(kdf.name):\(kdf.log2_n):\(kdf.r):\(kdf.p):\(kdf.salt)".utf8)
    }

    /// Sealed plaintext: version (1) ‖ flags (bit 0: exportable) ‖ private bytes.
    private func store(_ entry: StoreEntry, secret: SecureBytes) throws(KeyStoreError) {
        let plaintext = SecureBytes(prefix: [1, entry.exportable ? 1 : 0], secret)
        let nonce = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        let sealed: (ciphertext: [UInt8], tag: [UInt8])
        do {
            sealed = try AESGCM.seal(plaintext, key: masterKey, nonce: nonce,
                                     authenticating: Self.entryAAD(format: Self.entryFormat, udf: entry.udf, type: entry.type,
                                                                   algorithm: entry.algorithm, group: entry.group.map { Hex.encode($0) },
                                                                   label: entry.label, created: entry.created))
        } catch { throw KeyStoreError(.io, "sealing failed: \(error)", udf: entry.udf) }
        let file = EntryFile(format: Self.entryFormat, udf: entry.udf, type: entry.type.rawValue,
                             algorithm: entry.algorithm, label: entry.label, exportable: entry.exportable,
                             created: entry.created, publicKey: entry.publicKey.map { Hex.encode($0) },
                             group: entry.group.map { Hex.encode($0) },
                             sealed: SealedBox(alg: "AES-256-GCM", nonce: Hex.encode(nonce),
                                               ciphertext: Hex.encode(sealed.ciphertext), tag: Hex.encode(sealed.tag)))
        let lock = try StoreLock(folder: path, exclusive: true)
        defer { withExtendedLifetime(lock) {} }
        guard !StoreFiles.exists(entryPath(entry.udf)) else {
            throw KeyStoreError(.exists, "already in the store", udf: entry.udf)
        }
        try StoreFiles.atomicWrite(StoreJSON.encode(file), folder: path, name: entry.udf + Self.entrySuffix)
    }

    /// Reads, parses, unseals and cross-checks one entry. Every failure names the UDF.
    private func load(udf: String) throws(KeyStoreError) -> (entry: StoreEntry, secret: SecureBytes) {
        func tampered(_ reason: String) -> KeyStoreError { KeyStoreError(.tamperedEntry, reason, udf: udf) }
        let bytes: [UInt8]
        do { bytes = try StoreFiles.read(entryPath(udf)) } catch {
            if error.code == .notFound { throw KeyStoreError(.notFound, "no such entry in \(path)", udf: udf) }
            throw KeyStoreError(error.code, error.reason, udf: udf)
        }
        guard let file = StoreJSON.decode(EntryFile.self, bytes) else {
            throw tampered("the file is not a complete entry (truncated or edited); it was not used")
        }
        guard file.format == 1 || file.format == Self.entryFormat else { throw tampered("unknown entry format \(file.format)") }
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
                                        authenticating: Self.entryAAD(format: file.format, udf: udf, type: type, algorithm: file.algorithm,
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
                published = try StandardKey.publishedForm(of: key, curve: Self.curve(algorithm))
            } catch { throw tampered("the sealed key does not load as \(algorithm.rawValue)") }
            guard UDFMatch.identical(KeyFingerprint.udf(curve: Self.curve(algorithm), key: published), udf) else {
                throw tampered("the key's fingerprint is not the entry's UDF")
            }
            guard file.publicKey == Hex.encode(published) else { throw tampered("the public key in clear was changed") }
            publicKey = published
        case .seed:
            guard let seedUDF = try? Self.seedUDF(secret), UDFMatch.identical(seedUDF, udf) else { throw tampered("the seed's UDF is not the entry's UDF") }
            guard file.publicKey == nil else { throw tampered("a seed entry with a public part") }
        case .share:
            guard let curve = CurveID(rawValue: file.algorithm) else { throw tampered("unknown curve '\(file.algorithm)'") }
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

    private static func readHeader(_ path: String) throws(KeyStoreError) -> StoreHeader {
        let file = path + "/" + headerName
        let bytes: [UInt8]
        do { bytes = try StoreFiles.read(file) } catch {
            if error.code == .notFound { throw KeyStoreError(.notInitialized, "no key store here (run `meshkey store init`)", path: path) }
            throw error
        }
        guard let header = StoreJSON.decode(StoreHeader.self, bytes) else {
            throw KeyStoreError(.corruptHeader, "not a key store header", path: file)
        }
        guard header.format == formatVersion else {
            throw KeyStoreError(.corruptHeader, "unknown store format \(header.format)", path: file)
        }
        return header
    }

    private static func makeHeader(masterKey: SecureBytes, passphrase: SecureBytes?, log2N: Int,
                                   created: String) throws(KeyStoreError) -> StoreHeader {
        guard let passphrase else {
            return StoreHeader(format: formatVersion, protection: "none", kdf: nil, master_key: nil,
                               master_key_unprotected: Hex.encode(masterKey.unprotectedBytes), created: created)
        }
        let kdf = StoreHeader.KDF(name: "scrypt", log2_n: log2N, r: 8, p: 1,
                                  salt: Hex.encode(SecureRandom.bytes(16).unprotectedBytes))
        let wrappingKey = try deriveWrappingKey(passphrase, kdf)
        let nonce = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        do {
            let sealed = try AESGCM.seal(masterKey, key: wrappingKey, nonce: nonce, authenticating: masterAAD(kdf))
            return StoreHeader(format: formatVersion, protection: "passphrase", kdf: kdf,
                               master_key: SealedBox(alg: "AES-256-GCM", nonce: Hex.encode(nonce),
                                                     ciphertext: Hex.encode(sealed.ciphertext), tag: Hex.encode(sealed.tag)),
                               master_key_unprotected: nil, created: created)
        } catch { throw KeyStoreError(.io, "wrapping the master key failed: \(error)") }
    }

    private static func deriveWrappingKey(_ passphrase: SecureBytes, _ kdf: StoreHeader.KDF) throws(KeyStoreError) -> SecureBytes {
        guard kdf.name == "scrypt", kdfCostRange.contains(kdf.log2_n), kdf.r >= 1, kdf.r <= 32, kdf.p >= 1, kdf.p <= 16,
              let salt = Hex.decode(kdf.salt), salt.count >= 16 else {
            throw KeyStoreError(.corruptHeader, "unsupported KDF parameters")
        }
        do {
            return try Scrypt.deriveKey(password: passphrase, salt: salt, log2N: kdf.log2_n, r: kdf.r, p: kdf.p, outputCount: 32)
        } catch { throw KeyStoreError(.io, "scrypt failed: \(error)") }
    }

    private static func unlock(_ header: StoreHeader, passphrase: SecureBytes?, path: String) throws(KeyStoreError) -> SecureBytes {
        let file = path + "/" + headerName
        switch header.protection {
        case "none":
            guard let hex = header.master_key_unprotected, let bytes = Hex.decode(hex), bytes.count == 32 else {
                throw KeyStoreError(.corruptHeader, "the unprotected master key is malformed", path: file)
            }
            return SecureBytes(bytes)
        case "passphrase":
            guard let passphrase, !passphrase.isEmpty else {
                throw KeyStoreError(.passphraseRequired, "this key store needs its passphrase", path: path)
            }
            guard let kdf = header.kdf, let box = header.master_key, box.alg == "AES-256-GCM",
                  let nonce = Hex.decode(box.nonce), let ciphertext = Hex.decode(box.ciphertext),
                  let tag = Hex.decode(box.tag) else {
                throw KeyStoreError(.corruptHeader, "the wrapped master key is malformed", path: file)
            }
            let wrappingKey: SecureBytes
            do { wrappingKey = try deriveWrappingKey(passphrase, kdf) } catch {
                throw KeyStoreError(error.code, error.reason, path: file)
            }
            let masterKey: SecureBytes
            do {
                masterKey = try AESGCM.open(ciphertext: ciphertext, tag: tag, key: wrappingKey, nonce: nonce,
                                            authenticating: masterAAD(kdf))
            } catch {
                throw KeyStoreError(.wrongPassphrase, "wrong passphrase (the master key in store.json did not unlock)", path: path)
            }
            guard masterKey.count == 32 else { throw KeyStoreError(.corruptHeader, "the master key is not 32 bytes", path: file) }
            return masterKey
        default:
            throw KeyStoreError(.corruptHeader, "unknown protection '\(header.protection)'", path: file)
        }
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
