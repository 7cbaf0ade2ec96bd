public import MeshCrypto

/// The proof of knowledge of an offline escrow entry's key that a `Get` of the entry needs (its identifier is
/// printed on every paper sheet, so it proves nothing). The portal never learns the key:
///
///     authenticator = HKDF-SHA-256(IKM = the entry's 256-bit key, salt = empty,
///                                  info = "meshkey-portal offline-entry authenticator v1", 32 bytes)
///     proof         = HMAC-SHA-256(authenticator, "meshkey-portal offline-entry proof v1" ‖ 0x00 ‖ identifier ‖ 0x00 ‖ challenge)
///
/// The owner sends the authenticator with `Publish`; whoever recovers the key from the shares derives it again,
/// asks for a challenge (`ChallengeRequest`, 32 random bytes, single use, short-lived) and sends the proof with
/// `GetRequest`. The authenticator alone does not decrypt the entry (the key does).
public enum OfflineEntryProof {
    public static let authenticatorInfo = Array("meshkey-portal offline-entry authenticator v1".utf8)
    public static let proofLabel = Array("meshkey-portal offline-entry proof v1".utf8)
    public static let authenticatorBytes = 32
    public static let challengeBytes = 32

    /// The authenticator of the entry whose key is `key`.
    public static func authenticator(key: SecureBytes) throws(OpenSSLError) -> SecureBytes {
        try HKDF.deriveKey(.sha256, inputKeyMaterial: key, info: authenticatorInfo, outputCount: authenticatorBytes)
    }

    /// The proof for `challenge` on the entry `identifier`.
    public static func proof(authenticator: SecureBytes, identifier: String, challenge: [UInt8]) -> [UInt8] {
        HMAC.authenticate(
            .sha256,
            key: authenticator,
            message: proofLabel + [0] + Array(identifier.utf8) + [0] + challenge
        )
        .unprotectedBytes
    }

    /// Whether `proof` is right, compared in constant time.
    public static func check(
        _ proof: [UInt8],
        authenticator: SecureBytes,
        identifier: String,
        challenge: [UInt8]
    ) -> Bool {
        ConstantTime.equal(
            proof,
            Self.proof(authenticator: authenticator, identifier: identifier, challenge: challenge)
        )
    }
}
