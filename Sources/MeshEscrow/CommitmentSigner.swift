public import MeshCrypto
public import MeshKeys
import MeshMath

/// Who signs a commitment document: an Edwards key, named in the JWS header by its key UDF (`kid`) and its
/// public JWK, so that a holder can check the signature with the document alone and compare the `kid` with
/// a UDF they trust (for an account seed: the profile UDF on the sheet).
public struct CommitmentSigner: Sendable {
    public let curve: KeyAlgorithm
    public let publicKey: [UInt8]
    public let kid: String
    let sign: @Sendable ([UInt8]) -> [UInt8]

    public init(curve: KeyAlgorithm, publicKey: [UInt8], kid: String, sign: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        self.curve = curve
        self.publicKey = publicKey
        self.kid = kid
        self.sign = sign
    }

    /// The profile's ProfileSignature key (Ed448); `kid` is the profile UDF.
    public static func profile(_ profile: MeshProfile) -> CommitmentSigner {
        let key = profile.key(.profileSignature)
        let secret = key.privateKey
        return CommitmentSigner(curve: .ed448, publicKey: key.publicKey, kid: key.udf) { message in
            EdDSA.sign(message: message, secret: secret, curve: .ed448)
        }
    }
}

extension CommitmentSigner {
    /// A key the user names (an Ed25519 or Ed448 key held by OpenSSL, e.g. from `key generate --out`); `kid`
    /// is its key UDF. Nil for other algorithms.
    public static func key(_ key: OpenSSLPrivateKey) -> CommitmentSigner? {
        let curve = key.algorithm
        guard curve.isEdwards,
            let published = try? StandardKey.publishedForm(of: key, curve: curve),
            (try? key.signature(for: [0])) != nil
        else { return nil }
        return CommitmentSigner(
            curve: curve,
            publicKey: published,
            kid: KeyFingerprint.udf(curve: curve, key: published)
        ) { message in
            (try? key.signature(for: message)) ?? []
        }
    }
}
