public import MeshCrypto

/// Feldman commitments to a Shamir polynomial: A_j = g^(a_j) mod q for the coefficients a_0 = secret,
/// a_1 … a_(k−1), in the ``SchnorrGroup`` of the secret's length. A share (x, y) is on the committed
/// polynomial when g^y = ∏ A_j^(x^j) mod q.
///
/// Committing and the g^y of a check raise g to secret exponents with GMP's fixed-limb `mpn_sec_powm`; the
/// right-hand side uses only public values (the commitments and x) with plain `mpz` arithmetic.
public enum FeldmanCommitment {
    /// The commitments for fixed coefficients a_1 … a_(k−1) (big-endian, each below p) of `secret` — the same
    /// polynomial as ``ShamirSecretSharing/split(secret:shareCount:coefficients:)``. For test vectors.
    public static func commitments(
        secret: SecureBytes,
        coefficients: [SecureBytes]
    )
        throws(ShamirParameterError) -> [[UInt8]]
    {
        guard let group = SchnorrGroup.group(byteLength: secret.count) else {
            throw ShamirParameterError("no commitment group for \(secret.count)-byte secrets (32 to 64 bytes only)")
        }
        let field = ShamirSecretSharing.field(byteLength: secret.count)
        let n = field.limbCount
        let threshold = coefficients.count + 1
        let storage = SecretLimbs(count: threshold * n)
        let work = SecretField.Workspace(field)
        secret.withUnsafeBytes { SecretField.load(bigEndian: $0, into: storage.slot(0), limbs: n) }
        for (index, coefficient) in coefficients.enumerated() {
            guard coefficient.count <= 8 * n else {
                throw ShamirParameterError("a coefficient is wider than the field")
            }
            coefficient.withUnsafeBytes {
                SecretField.load(bigEndian: $0, into: storage.slot((index + 1) * n), limbs: n)
            }
            guard field.isBelowModulus(storage.slot((index + 1) * n), work) else {
                throw ShamirParameterError("a coefficient is not below p")
            }
        }
        return commit(storage, threshold: threshold, field: field, group: group)
    }

    /// A_j for the coefficients held in `storage` (slot j = a_j, n limbs each).
    static func commit(_ storage: SecretLimbs, threshold: Int, field: SecretField, group: SchnorrGroup) -> [[UInt8]] {
        (0..<threshold).map { index in
            group.securePowerOfGenerator(
                exponent: storage.slot(index * field.limbCount),
                exponentLimbs: field.limbCount
            )
        }
    }

    /// Whether `bytes` is a usable commitment: 384 bytes, 1 < A < q and A^p = 1 (in the order-p subgroup).
    public static func isGroupElement(_ bytes: [UInt8], group: SchnorrGroup) -> Bool {
        guard bytes.count == SchnorrGroup.modulusBits / 8 else { return false }
        let value = GMPInteger(bigEndian: bytes)
        let q = group.q
        guard GMPInteger(1) < value, value < q else { return false }
        return value.raised(to: GMPInteger(bigEndian: group.order), modulo: q) == GMPInteger(1)
    }

    /// Whether the share (x, y) lies on the committed polynomial: g^y = ∏ A_j^(x^j) mod q, the right side
    /// computed as ((A_(k−1))^x · A_(k−2))^x … · A_0 (exponents x only). `commitments` must hold elements that
    /// passed ``isGroupElement(_:group:)``; y must be L bytes.
    public static func verify(_ share: ShamirShare, commitments: [[UInt8]], group: SchnorrGroup) -> Bool {
        guard let last = commitments.last, share.value.count == group.byteLength, share.x >= 1 else { return false }
        let q = group.q
        var accumulator = GMPInteger(bigEndian: last)
        for commitment in commitments.dropLast().reversed() {
            accumulator = (accumulator.raised(to: UInt(share.x), modulo: q) * GMPInteger(bigEndian: commitment)).modulo(
                q
            )
        }
        let expected = accumulator.bigEndianBytes(count: SchnorrGroup.modulusBits / 8)!
        let field = ShamirSecretSharing.field(byteLength: group.byteLength)
        let value = SecretLimbs(count: field.limbCount)
        share.value.withUnsafeBytes { SecretField.load(bigEndian: $0, into: value.slot(0), limbs: field.limbCount) }
        let actual = group.securePowerOfGenerator(exponent: value.slot(0), exponentLimbs: field.limbCount)
        return SecretVerdict.reveal(ConstantTime.equal(actual, expected))
    }
}
