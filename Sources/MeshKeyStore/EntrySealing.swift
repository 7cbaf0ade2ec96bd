import MeshCrypto
import MeshKeys
import MeshMath
import MeshUDF

/// The sealed entry file: its AAD, writing it, and reading it back with every check.
extension KeyStore {
    /// AAD of an entry's sealed part. Format 3 (format 2 stores): UTF-8("meshkey-entry-v3"), then each of
    /// store id, generation (decimal), protection, udf, type, algorithm, group (hex, empty if none), label
    /// ("+" ‖ label, or "-" if none) and created as a 4-byte big-endian length ‖ UTF-8. Format 2 (format 1
    /// stores): the same without the first three fields, prefix "meshkey-entry-v2". Format 1 (read only):
    /// UTF-8("meshkey-entry-v1") ‖ 0x00 ‖ udf ‖ 0x00 ‖ type.
    static func entryAAD(
        format: Int,
        binding: StoreBinding? = nil,
        udf: String,
        type: EntryType,
        algorithm: String,
        group: String?,
        label: String?,
        created: String
    ) -> [UInt8] {
        if format == 1 {
            return Array("meshkey-entry-v1".utf8) + [0] + Array(udf.utf8) + [0] + Array(type.rawValue.utf8)
        }
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
            bytes +=
                [UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
                + utf8
        }
        return bytes
    }

    /// The entry format this store writes: 3 in a format 2 store, 2 in a format 1 store.
    var writtenEntryFormat: Int { binding.headerFormat >= 2 ? Self.entryFormat : 2 }

    /// The sealed entry file: plaintext version (1) ‖ flags (bit 0: exportable) ‖ private bytes, under
    /// `key`, bound to `binding`.
    static func entryFile(
        _ entry: StoreEntry,
        secret: SecureBytes,
        key: SecureBytes,
        binding: StoreBinding
    ) throws(KeyStoreError) -> [UInt8] {
        let format = binding.headerFormat >= 2 ? entryFormat : 2
        let plaintext = SecureBytes(prefix: [1, entry.exportable ? 1 : 0], secret)
        let nonce = SecureRandom.bytes(AESGCM.nonceByteCount).unprotectedBytes
        let sealed: (ciphertext: [UInt8], tag: [UInt8])
        do {
            sealed = try AESGCM.seal(
                plaintext,
                key: key,
                nonce: nonce,
                authenticating: entryAAD(
                    format: format,
                    binding: binding,
                    udf: entry.udf,
                    type: entry.type,
                    algorithm: entry.kind.name,
                    group: entry.group.map { Hex.encode($0) },
                    label: entry.label,
                    created: entry.created
                )
            )
        } catch { throw KeyStoreError(.io, "sealing failed: \(error)", udf: entry.udf) }
        let file = EntryFile(
            format: format,
            udf: entry.udf,
            type: entry.type.rawValue,
            algorithm: entry.kind.name,
            label: entry.label,
            exportable: entry.exportable,
            created: entry.created,
            publicKey: entry.publicKey.map { Hex.encode($0) },
            group: entry.group.map { Hex.encode($0) },
            store: format >= 3 ? binding.storeID : nil,
            generation: format >= 3 ? binding.generation : nil,
            sealed: SealedBox(
                alg: "AES-256-GCM",
                nonce: Hex.encode(nonce),
                ciphertext: Hex.encode(sealed.ciphertext),
                tag: Hex.encode(sealed.tag)
            )
        )
        return StoreJSON.encode(file)
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
        guard binding.headerFormat >= 2 ? file.format == Self.entryFormat : (file.format == 1 || file.format == 2)
        else {
            throw tampered("entry format \(file.format) does not belong in a format \(binding.headerFormat) store")
        }
        if file.format >= 3 {
            guard file.store == binding.storeID, file.generation == binding.generation else {
                throw tampered(
                    "the entry is bound to another store or generation (copied in, or store.json replaced); it was not used"
                )
            }
        }
        guard UDFMatch.identical(file.udf, udf) else {
            throw tampered("the file holds entry \(file.udf) (swapped or renamed); it was not used")
        }
        guard let type = EntryType(rawValue: file.type) else { throw tampered("unknown entry type '\(file.type)'") }
        guard file.sealed.alg == "AES-256-GCM", let nonce = Hex.decode(file.sealed.nonce),
            let ciphertext = Hex.decode(file.sealed.ciphertext), let tag = Hex.decode(file.sealed.tag)
        else {
            throw tampered("the sealed part is malformed")
        }
        let plaintext: SecureBytes
        do {
            plaintext = try AESGCM.open(
                ciphertext: ciphertext,
                tag: tag,
                key: masterKey,
                nonce: nonce,
                authenticating: Self.entryAAD(
                    format: file.format,
                    binding: binding,
                    udf: udf,
                    type: type,
                    algorithm: file.algorithm,
                    group: file.group,
                    label: file.label,
                    created: file.created
                )
            )
        } catch { throw tampered("the sealed part fails authentication (edited or moved); it was not used") }
        guard plaintext.count > 2, plaintext[0] == 1 else { throw tampered("unknown sealed layout") }
        guard (plaintext[1] & 1 == 1) == file.exportable else { throw tampered("the exportable flag was changed") }
        let secret = plaintext.slice(2..<plaintext.count)
        var publicKey: [UInt8]?
        var group: [UInt8]?
        let kind: EntryKind
        guard type != .share || file.format >= 2 else { throw tampered("a share entry in format 1") }
        guard (file.group != nil) == (type == .share) else {
            throw tampered("a group key on an entry that is not a share, or a share without one")
        }
        switch type {
        case .key:
            guard case .key(let algorithm)? = EntryKind(type: .key, name: file.algorithm) else {
                throw tampered("unknown algorithm '\(file.algorithm)'")
            }
            kind = .key(algorithm)
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
            guard let seedKind = EntryKind(type: .seed, name: file.algorithm) else {
                throw tampered("unknown seed specifier '\(file.algorithm)'")
            }
            kind = seedKind
            guard let seedUDF = try? Self.seedUDF(secret), UDFMatch.identical(seedUDF, udf) else {
                throw tampered("the seed's UDF is not the entry's UDF")
            }
            guard file.publicKey == nil else { throw tampered("a seed entry with a public part") }
        case .share:
            guard case .share(let curve)? = EntryKind(type: .share, name: file.algorithm) else {
                throw tampered("unknown curve '\(file.algorithm)'")
            }
            kind = .share(curve)
            guard let key = try? ScalarKey(storedScalar: secret, curve: curve) else {
                throw tampered("the sealed share is not a scalar mod L")
            }
            guard UDFMatch.identical(key.udf(), udf) else {
                throw tampered("the share's fingerprint is not the entry's UDF")
            }
            guard file.publicKey == Hex.encode(key.publicKeyExtended) else {
                throw tampered("the public key in clear was changed")
            }
            guard let groupHex = file.group, let groupBytes = Hex.decode(groupHex),
                (try? GroupElement.decode(groupBytes, curve: curve)) != nil
            else { throw tampered("the group key is not a \(curve.rawValue) point") }
            publicKey = key.publicKeyExtended
            group = groupBytes
        }
        let entry = StoreEntry(
            udf: udf,
            kind: kind,
            label: file.label,
            exportable: file.exportable,
            created: file.created,
            publicKey: publicKey,
            group: group
        )
        return (entry, secret)
    }
}
