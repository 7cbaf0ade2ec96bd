public import MeshCrypto
public import MeshJOSE
public import MeshKeys
import MeshMath

/// The recipients of a sealed JWE (an online escrow entry, a sealed recryption share), each with the `kid`
/// computed from the key itself, never taken on trust from a file.
///
/// An X25519 / X448 key's UDF is the fingerprint of its extended form u ‖ (v odd ? 0x80 : 0x00), and a
/// public JWK holds only u: a JWK's `kid` is therefore accepted only when it is the UDF of u with one of the
/// two parities, and refused (`identifier_mismatch`) otherwise; a JWK without `kid` gives a recipient without
/// one. A profile document gives its EscrowEncryption key with the UDF the signed document states (checked
/// there to be the key's fingerprint).
public enum EscrowRecipient {
    /// The recipient of a public X25519 / X448 JWK.
    public static func recipient(jwk: OKPKey) throws(EscrowError) -> JWE.AgreementRecipient {
        guard jwk.d == nil else {
            throw EscrowError(
                .invalidParameters,
                "the JWK holds a private key; give the public JWK (store export --format jwk)"
            )
        }
        let curve = jwk.algorithm
        guard curve == .x25519 || curve == .x448 else {
            throw EscrowError(
                .invalidParameters,
                "the JWK is an \(jwk.algorithm.rawValue) key; recipients are X25519 or X448 keys"
            )
        }
        let key: OpenSSLPublicKey
        do { key = try jwk.publicKey() } catch { throw EscrowError(error) }
        guard let kid = jwk.kid else { return JWE.AgreementRecipient(key: key, kid: nil) }
        let candidates = udfCandidates(u: jwk.x, curve: curve)
        guard let match = candidates.first(where: { sameUDF($0, kid) }) else {
            throw EscrowError(
                .identifierMismatch,
                "the JWK's kid \(KeyLabel.displayed(kid)) is not the UDF of its key (\(candidates.joined(separator: " or ")))"
            )
        }
        return JWE.AgreementRecipient(key: key, kid: match)
    }

    /// The EscrowEncryption key of a verified profile document.
    public static func recipient(profile document: ProfileDocument) throws(EscrowError) -> JWE.AgreementRecipient {
        guard let escrow = document.key(.escrowEncryption) else {
            throw EscrowError(.invalidParameters, "the profile document has no EscrowEncryption key")
        }
        do {
            let key = try OpenSSLPublicKey(algorithm: .x448, rawRepresentation: escrow.publicKey)
            return JWE.AgreementRecipient(key: key, kid: escrow.udf)
        } catch { throw EscrowError(.invalidParameters, "the profile's EscrowEncryption key does not load: \(error)") }
    }

    /// The recipient of a private X25519 / X448 key (a store key): its UDF from the key.
    public static func recipient(privateKey: OpenSSLPrivateKey) throws(EscrowError) -> JWE.AgreementRecipient {
        guard privateKey.algorithm == .x25519 || privateKey.algorithm == .x448 else {
            throw EscrowError(
                .invalidParameters,
                "an \(privateKey.algorithm.rawValue) key; recipients are X25519 or X448 keys"
            )
        }
        return JWE.AgreementRecipient(key: privateKey.publicKey, kid: try EscrowedKeySet.udf(of: privateKey))
    }

    /// The UDFs of u with v even and with v odd.
    static func udfCandidates(u: [UInt8], curve: KeyAlgorithm) -> [String] {
        [u + [0x00], u + [0x80]].map { KeyFingerprint.udf(curve: curve, key: $0) }
    }

    /// UDFs compared as ASCII bytes, without dashes and case.
    public static func sameUDF(_ a: String, _ b: String) -> Bool {
        func canonical(_ text: String) -> [UInt8]? {
            var out: [UInt8] = []
            for byte in text.utf8 {
                guard byte < 0x80 else { return nil }
                if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") { continue }
                out.append(byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte)
            }
            return out
        }
        guard let x = canonical(a), let y = canonical(b) else { return false }
        return x == y
    }
}
