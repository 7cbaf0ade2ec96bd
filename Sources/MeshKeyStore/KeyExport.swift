public import MeshCrypto
import MeshUDF

/// Export formats of `KeyStore.export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// Public: SubjectPublicKeyInfo PEM. Private: PKCS#8 PEM (unencrypted).
    case pkcs8
    /// Ed25519 only. Public: `ssh-ed25519 AAAA… UDF`. Private: `openssh-key-v1` PEM, unencrypted.
    case openssh
    /// X25519 only. Public: `age1…`. Private: `AGE-SECRET-KEY-1…` (bech32 of the raw scalar).
    case age
    /// RFC 8037 OKP JWK (`kty`, `crv`, `x`, with `d` for private, `kid` = the UDF).
    case jwk
    /// Public: the entry's UDF. Private: the seed UDF (`Z…`), for seed entries only.
    case udf
}

extension KeyStore {
    /// The entry in `format`, as text bytes ending in a newline. Private parts only when `includePrivate`
    /// and the entry is exportable; they come back in secure memory.
    public func export(udf: String, format: ExportFormat, includePrivate: Bool) throws(KeyStoreError) -> SecureBytes {
        let normalized = try Self.normalize(udf)
        let entry = try entry(udf: normalized)
        func refuse(_ reason: String) -> KeyStoreError { KeyStoreError(.invalidInput, reason, udf: normalized) }
        if includePrivate && !entry.exportable {
            throw KeyStoreError(.notExportable, "is not exportable; its private part stays in the store", udf: normalized)
        }
        if entry.type == .seed {
            guard format == .udf else { throw refuse("is a seed; seeds export only as --format udf") }
            if !includePrivate { return SecureBytes(Array((normalized + "\n").utf8)) }
            let binary = try privateBytes(udf: normalized)
            return SecureBytes(prefix: [], SecureBytes(Array(Base32.encode(binary).utf8))).appendingNewline()
        }
        if entry.type == .share {
            guard format == .udf, !includePrivate else {
                throw refuse("is a recryption share; it exports only as its public UDF (use it in place: meshkey recrypt partial --share)")
            }
            return SecureBytes(Array((normalized + "\n").utf8))
        }
        let key = try privateKey(udf: normalized)
        let algorithm = key.algorithm
        func text(_ string: String) -> SecureBytes { SecureBytes(Array(string.utf8)) }
        do {
            switch format {
            case .udf:
                guard !includePrivate else { throw refuse("keys have no private UDF form; use pkcs8, jwk, openssh or age") }
                return text(normalized + "\n")
            case .pkcs8:
                return includePrivate ? try key.pemRepresentation() : text(try key.publicKey.pemRepresentation())
            case .jwk:
                let x = TextCodecs.base64URL(key.publicKey.rawRepresentation)
                var json = SecureBytes(Array("{\"crv\": \"\(algorithm.rawValue)\", ".utf8))
                if includePrivate {
                    json.append(SecureBytes(Array("\"d\": \"".utf8)))
                    json.append(TextCodecs.base64URL(secure: try key.rawRepresentation()))
                    json.append(SecureBytes(Array("\", ".utf8)))
                }
                json.append(SecureBytes(Array("\"kid\": \"\(normalized)\", \"kty\": \"OKP\", \"x\": \"\(x)\"}\n".utf8)))
                return json
            case .openssh:
                guard algorithm == .ed25519 else { throw refuse("OpenSSH export is for Ed25519 keys (this is \(algorithm.rawValue))") }
                let publicRaw = key.publicKey.rawRepresentation
                if !includePrivate {
                    return text("ssh-ed25519 \(TextCodecs.base64(SSHWire.publicBlob(publicRaw))) \(normalized)\n")
                }
                return SSHWire.privateKeyPEM(seed: try key.rawRepresentation(), publicKey: publicRaw, comment: normalized)
            case .age:
                guard algorithm == .x25519 else { throw refuse("age export is for X25519 keys (this is \(algorithm.rawValue))") }
                if !includePrivate { return text(Bech32.encode(hrp: "age", data: key.publicKey.rawRepresentation) + "\n") }
                var upper = Bech32.encode(hrp: "age-secret-key-", secure: try key.rawRepresentation(), uppercase: true)
                upper.append(SecureBytes([0x0A]))
                return upper
            }
        } catch let error as KeyStoreError {
            throw error
        } catch {
            throw KeyStoreError(.io, "export failed: \(error)", udf: normalized)
        }
    }
}

extension SecureBytes {
    func appendingNewline() -> SecureBytes {
        var copy = self
        copy.append(SecureBytes([0x0A]))
        return copy
    }
}

/// Base64 (RFC 4648 §4, padded) and base64url (§5, unpadded) into strings or secure memory: MeshCrypto's
/// constant-time encoders (`Base64`, `Base64URL`).
enum TextCodecs {
    static func base64(_ bytes: [UInt8]) -> String { Base64.encode(bytes) }

    static func base64(secure bytes: SecureBytes) -> SecureBytes { Base64.encode(secure: bytes) }

    static func base64URL(_ bytes: [UInt8]) -> String { Base64URL.encode(bytes) }

    static func base64URL(secure bytes: SecureBytes) -> SecureBytes { Base64URL.encode(bytes) }
}

/// The OpenSSH wire encodings (RFC 4251 strings) and the `openssh-key-v1` private key container
/// (OpenSSH PROTOCOL.key), unencrypted.
enum SSHWire {
    static func string(_ bytes: [UInt8]) -> [UInt8] {
        let n = UInt32(bytes.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)] + bytes
    }

    static func uint32(_ n: UInt32) -> [UInt8] { [UInt8(n >> 24), UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)] }

    static func publicBlob(_ publicKey: [UInt8]) -> [UInt8] {
        string(Array("ssh-ed25519".utf8)) + string(publicKey)
    }

    static func privateKeyPEM(seed: SecureBytes, publicKey: [UInt8], comment: String) -> SecureBytes {
        let check = SecureRandom.bytes(4).unprotectedBytes
        // Private section: checkint ×2, key type, public key, seed ‖ public key, comment, padding 1, 2, 3 …
        var section = SecureBytes(check + check + string(Array("ssh-ed25519".utf8)) + string(publicKey)
                                  + uint32(UInt32(seed.count + publicKey.count)))
        section.append(seed)
        section.append(SecureBytes(publicKey + string(Array(comment.utf8))))
        var padding: [UInt8] = []
        var next: UInt8 = 1
        while (section.count + padding.count) % 8 != 0 { padding.append(next); next += 1 }
        section.append(SecureBytes(padding))
        var blob = SecureBytes(Array("openssh-key-v1".utf8) + [0] + string(Array("none".utf8)) + string(Array("none".utf8))
                               + string([]) + uint32(1) + string(publicBlob(publicKey)) + uint32(UInt32(section.count)))
        blob.append(section)
        let encoded = TextCodecs.base64(secure: blob)
        var pem = SecureBytes(Array("-----BEGIN OPENSSH PRIVATE KEY-----\n".utf8))
        var offset = 0
        while offset < encoded.count {
            let end = min(offset + 70, encoded.count)
            pem.append(encoded.slice(offset..<end))
            pem.append(SecureBytes([0x0A]))
            offset = end
        }
        pem.append(SecureBytes(Array("-----END OPENSSH PRIVATE KEY-----\n".utf8)))
        return pem
    }
}
