import MeshCrypto

/// What every entry of a store is bound to (format 3 entry AAD), taken from its header.
struct StoreBinding: Sendable, Equatable {
    let headerFormat: Int
    /// Format 2 headers: 16 random bytes in hex. Format 1: nil.
    let storeID: String?
    /// Format 2 headers: 1, 2, … (one more at every `passwd`). Format 1: nil (counts as 0).
    let generation: Int?
    /// "passphrase" or "none".
    let protection: String

    init(headerFormat: Int, storeID: String?, generation: Int?, protection: String) {
        self.headerFormat = headerFormat
        self.storeID = storeID
        self.generation = generation
        self.protection = protection
    }

    init(_ header: StoreHeader) {
        self.init(
            headerFormat: header.format,
            storeID: header.store_id,
            generation: header.generation,
            protection: header.protection
        )
    }
}

/// `store.json`: reading, writing and unlocking the header (Docs/formats.md, "Key store").
extension KeyStore {
    /// The scrypt parameters a header may ask for, checked before any scrypt runs (the header is not
    /// authenticated until the master key unwraps): N = 2^10 … 2^20, r = 8, p = 1 (what meshkey writes;
    /// at most 1 GiB and about one second), salt 16 … 64 bytes.
    static let kdfR = 8
    static let kdfP = 1

    static func readHeader(_ path: String) throws(KeyStoreError) -> (header: StoreHeader, bytes: [UInt8]) {
        let file = path + "/" + headerName
        let bytes: [UInt8]
        do { bytes = try StoreFiles.read(file) } catch {
            if error.code == .notFound {
                throw KeyStoreError(.notInitialized, "no key store here (run `meshkey store init`)", path: path)
            }
            throw error
        }
        guard let header = StoreJSON.decode(StoreHeader.self, bytes) else {
            throw KeyStoreError(.corruptHeader, "not a key store header", path: file)
        }
        switch header.format {
        case 1:
            guard header.store_id == nil, header.generation == nil, header.commitment == nil else {
                throw KeyStoreError(.corruptHeader, "a format 1 header with format 2 members", path: file)
            }
        case 2:
            guard let id = header.store_id, let idBytes = Hex.decode(id), idBytes.count == 16,
                Hex.encode(idBytes) == id,
                let generation = header.generation, (1...(1 << 40)).contains(generation)
            else {
                throw KeyStoreError(.corruptHeader, "the store id or generation is malformed", path: file)
            }
        default:
            throw KeyStoreError(.corruptHeader, "unknown store format \(header.format)", path: file)
        }
        return (header, bytes)
    }

    /// The header, after finishing or rolling back an interrupted rotation (which needs the exclusive
    /// lock; the usual path only takes the shared one).
    static func readHeaderRecovering(_ path: String) throws(KeyStoreError) -> (header: StoreHeader, bytes: [UInt8]) {
        for _ in 0..<3 {
            do {
                let lock = try StoreLock(folder: path, exclusive: false)
                defer { withExtendedLifetime(lock) {} }
                let read = try readHeader(path)
                if !hasPendingRotation(path, read.header) { return read }
            }
            let lock = try StoreLock(folder: path, exclusive: true)
            defer { withExtendedLifetime(lock) {} }
            try finishRotation(path)
        }
        throw KeyStoreError(.io, "a rotation of this store keeps reappearing; is another meshkey running?", path: path)
    }

    static func makeHeader(
        masterKey: SecureBytes,
        passphrase: SecureBytes?,
        binding: StoreBinding,
        log2N: Int,
        created: String
    ) throws(KeyStoreError) -> StoreHeader {
        guard let passphrase else {
            return StoreHeader(
                format: formatVersion,
                store_id: binding.storeID,
                generation: binding.generation,
                protection: "none",
                kdf: nil,
                master_key: nil,
                master_key_unprotected: Hex.encode(masterKey.unprotectedBytes),
                created: created
            )
        }
        let kdf = StoreHeader.KDF(
            name: "scrypt",
            log2_n: log2N,
            r: kdfR,
            p: kdfP,
            salt: Hex.encode(SecureRandom.bytes(16).unprotectedBytes)
        )
        let (wrappingKey, commitmentKey) = try deriveKeys(passphrase, kdf, format: formatVersion)
        let nonce = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        do {
            let sealed = try AESGCM.seal(
                masterKey,
                key: wrappingKey,
                nonce: nonce,
                authenticating: masterAAD(kdf, binding: binding)
            )
            return StoreHeader(
                format: formatVersion,
                store_id: binding.storeID,
                generation: binding.generation,
                protection: "passphrase",
                kdf: kdf,
                master_key: SealedBox(
                    alg: "AES-256-GCM",
                    nonce: Hex.encode(nonce),
                    ciphertext: Hex.encode(sealed.ciphertext),
                    tag: Hex.encode(sealed.tag)
                ),
                commitment: Hex.encode(commitment(masterKey, key: commitmentKey!, binding: binding).unprotectedBytes),
                master_key_unprotected: nil,
                created: created
            )
        } catch { throw KeyStoreError(.io, "wrapping the master key failed: \(error)") }
    }

    /// AAD of the wrapped master key. Format 2: "meshkey-master-v2" then store id, generation, protection,
    /// KDF name, log2 N, r, p, salt (length-prefixed). Format 1: "meshkey-master-v1" ‖ 0x00 ‖
    /// "name:log2n:r:p:salt".
    static func masterAAD(_ kdf: StoreHeader.KDF, binding: StoreBinding) -> [UInt8] {
        if binding.headerFormat == 1 {
            return Array("meshkey-master-v1".utf8) + [0]
                + Array("\(kdf.name):\(kdf.log2_n):\(kdf.r):\(kdf.p):\(kdf.salt)".utf8)
        }
        return lengthPrefixed(
            "meshkey-master-v2",
            [
                binding.storeID ?? "", String(binding.generation ?? 0), binding.protection,
                kdf.name, String(kdf.log2_n), String(kdf.r), String(kdf.p), kdf.salt,
            ]
        )
    }

    /// Key commitment (format 2): HMAC-SHA-256 under the passphrase-derived commitment key of
    /// "meshkey-commitment-v2" ‖ length-prefixed store id and generation ‖ the 32 master-key bytes.
    static func commitment(_ masterKey: SecureBytes, key: SecureBytes, binding: StoreBinding) -> SecureBytes {
        let message = SecureBytes(
            prefix: lengthPrefixed("meshkey-commitment-v2", [binding.storeID ?? "", String(binding.generation ?? 0)]),
            masterKey
        )
        return key.withUnsafeBytes { k in
            message.withUnsafeBytes { m in HMAC.authenticate(.sha256, key: k, message: m) }
        }
    }

    /// Format 2: scrypt gives 64 bytes, the wrapping key then the commitment key. Format 1: 32 bytes, the
    /// wrapping key. The parameters are capped before scrypt runs.
    static func deriveKeys(
        _ passphrase: SecureBytes,
        _ kdf: StoreHeader.KDF,
        format: Int
    ) throws(KeyStoreError) -> (wrapping: SecureBytes, commitment: SecureBytes?) {
        guard kdf.name == "scrypt" else {
            throw KeyStoreError(.corruptHeader, "unsupported KDF '\(kdf.name)' (only scrypt)")
        }
        guard kdfCostRange.contains(kdf.log2_n), kdf.r == kdfR, kdf.p == kdfP else {
            throw KeyStoreError(
                .corruptHeader,
                "scrypt parameters log2 N = \(kdf.log2_n), r = \(kdf.r), p = \(kdf.p) are outside what meshkey accepts (log2 N \(kdfCostRange.lowerBound)…\(kdfCostRange.upperBound), r = \(kdfR), p = \(kdfP)); scrypt was not run"
            )
        }
        guard let salt = Hex.decode(kdf.salt), (16...64).contains(salt.count) else {
            throw KeyStoreError(.corruptHeader, "the scrypt salt must be 16…64 bytes of hex")
        }
        let output: SecureBytes
        do {
            output = try Scrypt.deriveKey(
                password: passphrase,
                salt: salt,
                log2N: kdf.log2_n,
                r: kdf.r,
                p: kdf.p,
                outputCount: format >= 2 ? 64 : 32
            )
        } catch { throw KeyStoreError(.io, "scrypt failed: \(error)") }
        if format >= 2 { return (output.slice(0..<32), output.slice(32..<64)) }
        return (output, nil)
    }

    static func unlock(
        _ header: StoreHeader,
        passphrase: SecureBytes?,
        path: String
    ) throws(KeyStoreError) -> SecureBytes {
        let file = path + "/" + headerName
        let binding = StoreBinding(header)
        switch header.protection {
        case "none":
            guard passphrase == nil else {
                throw KeyStoreError(
                    .unprotectedStore,
                    "store.json says this store has no passphrase, but a passphrase was given: if the store was made with --insecure-no-passphrase, open it with --unprotected; otherwise store.json was replaced, do not use this store",
                    path: path
                )
            }
            guard header.kdf == nil, header.master_key == nil, header.commitment == nil,
                let hex = header.master_key_unprotected, let bytes = Hex.decode(hex), bytes.count == 32
            else {
                throw KeyStoreError(.corruptHeader, "the unprotected master key is malformed", path: file)
            }
            return SecureBytes(bytes)
        case "passphrase":
            guard let passphrase, !passphrase.isEmpty else {
                throw KeyStoreError(
                    .passphraseRequired,
                    "this key store needs its passphrase (it is not an unprotected store)",
                    path: path
                )
            }
            guard header.master_key_unprotected == nil, let kdf = header.kdf, let box = header.master_key,
                box.alg == "AES-256-GCM",
                let nonce = Hex.decode(box.nonce), let ciphertext = Hex.decode(box.ciphertext),
                let tag = Hex.decode(box.tag)
            else {
                throw KeyStoreError(.corruptHeader, "the wrapped master key is malformed", path: file)
            }
            var expected: [UInt8]?
            if header.format >= 2 {
                guard let hex = header.commitment, let bytes = Hex.decode(hex), bytes.count == 32 else {
                    throw KeyStoreError(.corruptHeader, "the key commitment is missing or malformed", path: file)
                }
                expected = bytes
            }
            let keys: (wrapping: SecureBytes, commitment: SecureBytes?)
            do { keys = try deriveKeys(passphrase, kdf, format: header.format) } catch {
                throw KeyStoreError(error.code, error.reason, path: file)
            }
            let masterKey: SecureBytes
            do {
                masterKey = try AESGCM.open(
                    ciphertext: ciphertext,
                    tag: tag,
                    key: keys.wrapping,
                    nonce: nonce,
                    authenticating: masterAAD(kdf, binding: binding)
                )
            } catch {
                throw KeyStoreError(
                    .wrongPassphrase,
                    "wrong passphrase (the master key in store.json did not unlock)",
                    path: path
                )
            }
            guard masterKey.count == 32 else {
                throw KeyStoreError(.corruptHeader, "the master key is not 32 bytes", path: file)
            }
            if let expected, let commitmentKey = keys.commitment {
                let actual = commitment(masterKey, key: commitmentKey, binding: binding)
                guard actual.withUnsafeBytes({ a in expected.withUnsafeBytes { e in ConstantTime.equal(a, e) } }) else {
                    throw KeyStoreError(
                        .headerMismatch,
                        "the master key in store.json does not match its key commitment (store.json was forged or replaced); nothing was used",
                        path: path
                    )
                }
            }
            return masterKey
        default:
            throw KeyStoreError(.corruptHeader, "unknown protection '\(header.protection)'", path: file)
        }
    }
}
