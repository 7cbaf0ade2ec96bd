/// The OpenSSH wire encodings (RFC 4251 strings, RFC 8709 Ed25519 public keys) and the `openssh-key-v1`
/// private key container (OpenSSH PROTOCOL.key), unencrypted, written into secure memory.
public enum OpenSSHWire {
    /// An RFC 4251 `string`: the length (32 bits, big-endian) and the bytes.
    static func string(_ bytes: [UInt8]) -> [UInt8] { uint32(UInt32(bytes.count)) + bytes }

    static func uint32(_ n: UInt32) -> [UInt8] {
        [UInt8(n >> 24), UInt8(n >> 16 & 255), UInt8(n >> 8 & 255), UInt8(n & 255)]
    }

    /// The public key blob of an Ed25519 key: `string "ssh-ed25519"`, `string key`.
    public static func publicBlob(_ publicKey: [UInt8]) -> [UInt8] {
        string(Array("ssh-ed25519".utf8)) + string(publicKey)
    }

    /// The `authorized_keys` line of an Ed25519 key: `ssh-ed25519 <base64 blob> <comment>`, with a newline.
    public static func publicKeyLine(_ publicKey: [UInt8], comment: String) -> String {
        "ssh-ed25519 \(Base64.encode(publicBlob(publicKey))) \(comment)\n"
    }

    /// The unencrypted `openssh-key-v1` PEM of an Ed25519 key (its 32-byte seed and public key), base64 lines
    /// of 70 characters, in secure memory. The check integer is random, as OpenSSH writes it.
    public static func privateKeyPEM(seed: SecureBytes, publicKey: [UInt8], comment: String) -> SecureBytes {
        let check = SecureRandom.bytes(4).unprotectedBytes
        // Private section: checkint ×2, key type, public key, seed ‖ public key, comment, padding 1, 2, 3 …
        var section = SecureBytes(
            check + check + string(Array("ssh-ed25519".utf8)) + string(publicKey)
                + uint32(UInt32(seed.count + publicKey.count))
        )
        section.append(seed)
        section.append(SecureBytes(publicKey + string(Array(comment.utf8))))
        var padding: [UInt8] = []
        var next: UInt8 = 1
        while (section.count + padding.count) % 8 != 0 {
            padding.append(next)
            next += 1
        }
        section.append(SecureBytes(padding))
        var blob = SecureBytes(
            Array("openssh-key-v1".utf8) + [0] + string(Array("none".utf8)) + string(Array("none".utf8))
                + string([]) + uint32(1) + string(publicBlob(publicKey)) + uint32(UInt32(section.count))
        )
        blob.append(section)
        let encoded = Base64.encode(secure: blob)
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
