public import MeshCrypto
public import MeshMath

/// Threshold decryption with key shares over the group order L (threshold-06 §3–§4): each holder computes
/// wᵢ·E and the sum of the partial results is the key agreement x·E.
///
/// * Additive (n of n): shares s₁ … sₙ with Σ sᵢ = x mod L; wᵢ = sᵢ.
/// * Shamir (t of n): f(z) = x + a₁z + … + a_{t−1}z^{t−1} mod L, share (xᵢ, f(xᵢ)) with distinct non-zero
///   xᵢ; for a quorum wᵢ = λᵢ·yᵢ mod L with λᵢ = Πⱼ≠ᵢ xⱼ/(xⱼ − xᵢ).
public enum ThresholdKey {
    /// One Shamir share.
    public struct Share: Sendable {
        public let x: UInt
        public let y: CurveScalar
        public init(x: UInt, y: CurveScalar) {
            self.x = x
            self.y = y
        }
    }

    /// n additive shares of `key` (n ≥ 2): n − 1 uniform random non-zero scalars, the last one the
    /// difference (retried in the negligible case that it is zero).
    public static func splitAdditive(_ key: CurveScalar, count: Int) -> [CurveScalar] {
        precondition(count >= 2, "at least two shares")
        while true {
            var shares = (0..<(count - 1)).map { _ in CurveScalar.randomNonZero(curve: key.curve) }
            let last = shares.reduce(key) { $0 - $1 }
            if last.isZero { continue }
            shares.append(last)
            return shares
        }
    }

    /// Shamir shares of `key` at x = 1 … n for threshold t (2 ≤ t ≤ n). Evaluation is constant time in
    /// the secret coefficients (Horner's rule on ``CurveScalar``).
    public static func splitShamir(_ key: CurveScalar, threshold: Int, count: Int) -> [Share] {
        precondition(threshold >= 2 && threshold <= count, "2 ≤ t ≤ n")
        let curve = key.curve
        while true {
            let coefficients = [key] + (1..<threshold).map { _ in CurveScalar.random(curve: curve) }
            let shares = (1...count).map { x -> Share in
                let point = CurveScalar(public: GMPInteger(x), curve: curve)
                var value = coefficients[threshold - 1]
                for index in stride(from: threshold - 2, through: 0, by: -1) {
                    value = value * point + coefficients[index]
                }
                return Share(x: UInt(x), y: value)
            }
            if shares.contains(where: \.y.isZero) { continue }
            return shares
        }
    }

    /// The Lagrange coefficients at 0 for a quorum's x values (public; distinct and non-zero).
    public static func lagrange(_ xs: [UInt], curve: KeyAlgorithm) throws(ScalarKeyError) -> [CurveScalar] {
        do {
            return try CurveScalar.lagrangeAtZero(xs.map { GMPInteger(Int($0)) }, curve: curve)
                .map { CurveScalar(public: $0, curve: curve) }
        } catch { throw ScalarKeyError(error.description) }
    }

    /// The weights λᵢ·yᵢ mod L of a Shamir quorum (the additive shares of the key for this quorum).
    public static func weights(_ shares: [Share]) throws(ScalarKeyError) -> [CurveScalar] {
        guard let curve = shares.first?.y.curve else { throw ScalarKeyError("no shares") }
        let lambdas = try lagrange(shares.map(\.x), curve: curve)
        return zip(lambdas, shares).map { $0 * $1.y }
    }

    /// A holder's partial result weight·E (E validated; true parity on X curves).
    public static func partial(
        weight: CurveScalar,
        ephemeral: [UInt8],
        curve: KeyAlgorithm
    ) throws(ScalarKeyError) -> GroupElement {
        try Recryption.partial(share: weight, ephemeral: ephemeral, curve: curve)
    }

    /// A share holder's partial result wᵢ·E from its key file: for an additive share wᵢ is the share; for a
    /// Shamir share (a file with x) `quorum` lists the x values of the holders taking part, this one
    /// included, comma-separated ("1,3,5"), and wᵢ = λᵢ·yᵢ mod L.
    public static func partial(
        share file: ScalarKeyFile,
        quorum: String?,
        ephemeral: [UInt8]
    ) throws(ScalarKeyError) -> GroupElement {
        let key = try file.key()
        var weight = key.scalar
        if let x = file.x {
            guard let quorum else { throw ScalarKeyError(.invalidInput, "a Shamir share needs --quorum") }
            let xs = quorum.split(separator: ",").compactMap { UInt(trimmingSpaces($0)) }
            guard xs.count == quorum.split(separator: ",").count, let index = xs.firstIndex(of: x) else {
                throw ScalarKeyError(
                    .invalidInput,
                    "--quorum must be x values separated by commas and include this share's x (\(x))"
                )
            }
            weight = try lagrange(xs, curve: key.curve)[index] * key.scalar
        } else if quorum != nil {
            throw ScalarKeyError(.invalidInput, "--quorum is for Shamir shares; this share is additive")
        }
        return try partial(weight: weight, ephemeral: ephemeral, curve: key.curve)
    }

    private static func trimmingSpaces(_ text: Substring) -> Substring {
        var text = text
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The sum of the partial results (each validated).
    public static func combine(_ partials: [[UInt8]], curve: KeyAlgorithm) throws(ScalarKeyError) -> GroupElement {
        try Recryption.combine(partials, curve: curve)
    }
}
