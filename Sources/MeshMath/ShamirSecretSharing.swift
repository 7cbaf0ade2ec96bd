public import MeshCrypto

/// Shamir secret sharing over the prime field p = smallest prime > 2^(8L) (L = secret length in bytes),
/// the scheme of the Mesh UDF drafts.
///
/// The polynomial is f(x) = a0 + a1·x + … + a(k−1)·x^(k−1) mod p with a0 = the secret read big-endian.
/// Shares are (x, f(x)) for x = 1, 2, …; every f(x) must fit in L bytes, so random coefficients are
/// drawn again whenever one does not (a value is never truncated).
///
/// This is the programmatic API: any number of shares up to p − 1 and any threshold from 1 to the share
/// count. The Mesh share format adds its own limits (see `MeshEscrow`).
public enum ShamirSecretSharing {
    /// Splits `secret` into `shareCount` shares, any `threshold` of which recover it.
    ///
    /// Coefficients are uniform below p: each is L + 17 random bytes from OpenSSL reduced mod p
    /// (bias below 2^-128).
    public static func split(
        secret: SecureBytes,
        threshold: Int,
        shareCount: Int
    ) throws(ShamirParameterError)
        -> [ShamirShare]
    {
        let field = try checkedField(secret: secret, threshold: threshold, shareCount: shareCount)
        while true {
            let randomBytes = SecureRandom.bytes((threshold - 1) * 8 * field.wideLimbCount)
            if let shares = evaluate(
                secret: secret,
                field: field,
                threshold: threshold,
                shareCount: shareCount,
                coefficients: .random(randomBytes)
            ) {
                return shares
            }
            // Some f(x) did not fit in L bytes (probability about shareCount · offset / 2^(8L)): draw again.
        }
    }

    /// Splits with given coefficients a1 … a(k−1) (big-endian, each below p). Deterministic; for test
    /// vectors and for callers that bring their own randomness. Throws if a coefficient is not below p or
    /// some share value does not fit in L bytes.
    public static func split(
        secret: SecureBytes,
        shareCount: Int,
        coefficients: [SecureBytes]
    )
        throws(ShamirParameterError) -> [ShamirShare]
    {
        let threshold = coefficients.count + 1
        let field = try checkedField(secret: secret, threshold: threshold, shareCount: shareCount)
        for coefficient in coefficients where coefficient.count > 8 * field.limbCount {
            throw ShamirParameterError("a coefficient is wider than the field")
        }
        guard
            let shares = evaluate(
                secret: secret,
                field: field,
                threshold: threshold,
                shareCount: shareCount,
                coefficients: .given(coefficients)
            )
        else {
            throw ShamirParameterError("a coefficient is not below p, or a share value does not fit in L bytes")
        }
        return shares
    }

    /// The field modulus for secrets of `byteLength` bytes.
    public static func prime(byteLength: Int) -> GMPInteger { ShamirPrime.prime(byteLength: byteLength) }

    // MARK: Internals

    enum CoefficientSource {
        case random(SecureBytes)
        case given([SecureBytes])
    }

    static func field(byteLength: Int) -> SecretField { FieldCache.field(byteLength: byteLength) }

    static func checkedField(
        secret: SecureBytes,
        threshold: Int,
        shareCount: Int
    )
        throws(ShamirParameterError) -> SecretField
    {
        guard !secret.isEmpty else { throw ShamirParameterError("the secret is empty") }
        guard threshold >= 1 else { throw ShamirParameterError("the threshold must be at least 1") }
        guard shareCount >= threshold else { throw ShamirParameterError("fewer shares than the threshold") }
        let field = field(byteLength: secret.count)
        // x must stay below p; p > 2^(8L) ≥ 256.
        if field.byteLength < 8, shareCount >= (1 << (8 * field.byteLength)) + field.offset {
            throw ShamirParameterError("more shares than the field has non-zero points")
        }
        return field
    }

    /// Evaluates the polynomial at x = 1…shareCount; nil if a value does not fit in L bytes or a given
    /// coefficient is not below p. When the shares are returned, `onCoefficients` has first seen the
    /// coefficients (slot j = a_j, `field.limbCount` limbs each; e.g. to commit to them).
    static func evaluate(
        secret: SecureBytes,
        field: SecretField,
        threshold: Int,
        shareCount: Int,
        coefficients source: CoefficientSource,
        onCoefficients: (SecretLimbs) -> Void = { _ in }
    ) -> [ShamirShare]? {
        let n = field.limbCount
        let work = SecretField.Workspace(field)
        // coefficients[0] = a0 (the secret), then a1 … a(k−1); one n-limb slot each, plus an accumulator.
        let storage = SecretLimbs(count: (threshold + 1) * n)
        let accumulator = storage.slot(threshold * n)
        secret.withUnsafeBytes { SecretField.load(bigEndian: $0, into: storage.slot(0), limbs: n) }
        var valid = true
        switch source {
        case .random(let bytes):
            let wideBytes = 8 * field.wideLimbCount
            bytes.withUnsafeBytes { raw in
                for index in 1..<threshold {
                    let chunk = UnsafeRawBufferPointer(rebasing: raw[(index - 1) * wideBytes..<index * wideBytes])
                    SecretField.load(bigEndian: chunk, into: work.product, limbs: field.wideLimbCount)
                    field.reduceWide(into: storage.slot(index * n), work)
                }
            }
        case .given(let given):
            for (offset, coefficient) in given.enumerated() {
                let slot = storage.slot((offset + 1) * n)
                coefficient.withUnsafeBytes { SecretField.load(bigEndian: $0, into: slot, limbs: n) }
                valid = valid && field.isBelowModulus(slot, work)
            }
        }
        guard valid else { return nil }

        var shares: [ShamirShare] = []
        shares.reserveCapacity(shareCount)
        var allFit = true
        for x in 1...shareCount {
            // Horner: acc = a(k−1); acc = acc·x + a(i) for i = k−2 … 0.
            accumulator.update(from: storage.slot((threshold - 1) * n), count: n)
            var index = threshold - 2
            while index >= 0 {
                field.multiply(accumulator, accumulator, small: UInt(x), work)
                field.add(accumulator, accumulator, storage.slot(index * n), work)
                index -= 1
            }
            allFit = field.fitsByteLength(accumulator) && allFit
            let value = SecureBytes(count: field.byteLength) { bytes in
                SecretField.store(accumulator, limbs: n, bigEndian: bytes)
            }
            shares.append(ShamirShare(x: x, value: value))
        }
        guard allFit else { return nil }
        onCoefficients(storage)
        return shares
    }
}

/// Fields are immutable once built; keep one per secret length.
enum FieldCache {
    private static let cache = SynchronizedCache<Int, SecretField>()
    static func field(byteLength: Int) -> SecretField {
        cache.value(for: byteLength) { SecretField(byteLength: byteLength) }
    }
}
