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
