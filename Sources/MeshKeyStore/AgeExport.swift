import MeshCrypto

/// The age export of an X25519 key: the recipient `age1…` (public) or the identity `AGE-SECRET-KEY-1…`
/// (private, Bech32 in upper case, written into secure memory), with a newline.
enum AgeExport {
    static func text(_ key: OpenSSLPrivateKey, includePrivate: Bool) throws(OpenSSLKeyError) -> SecureBytes {
        guard includePrivate else {
            return SecureBytes(Array((Bech32.encode(hrp: "age", data: key.publicKey.rawRepresentation) + "\n").utf8))
        }
        var identity = Bech32.encode(hrp: "age-secret-key-", secure: try key.rawRepresentation(), uppercase: true)
        identity.append(SecureBytes([0x0A]))
        return identity
    }
}
