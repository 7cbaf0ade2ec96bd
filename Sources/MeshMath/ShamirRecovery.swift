public import MeshCrypto

/// Recovery of a Shamir secret from a set of shares, using surplus shares as a check.
///
/// Interpolation uses exactly `threshold` shares (the first ones given); every further share is checked
/// against the polynomial they define. If the set is inconsistent and there are enough surplus shares to
/// decide (n ≥ k + 2e for e bad shares), the bad shares are found by a search over removal sets of size
/// e = 1, 2, … : within that radius exactly one removal set leaves a consistent set, so the answer is
/// unambiguous.
///
/// Secret values are combined on fixed-limb arithmetic (no branch or memory index on their bits); the
/// Lagrange weights are computed from the public x coordinates with plain GMP.
public enum ShamirRecovery {
    public enum Outcome: Sendable, Equatable {
        /// The secret (L bytes), the x of each share used for interpolation and the x of each surplus
        /// share that was checked against it.
        case recovered(secret: SecureBytes, usedX: [Int], checkedX: [Int])
        /// The shares do not lie on one polynomial of degree threshold − 1. `culprits` holds the positions
        /// (indices into the input) of the shares that are off it when they could be identified, and is
        /// empty otherwise.
        case inconsistent(culprits: [Int])
    }

    /// Upper bound on the number of removal sets tried when looking for bad shares.
    public static let culpritSearchLimit = 20_000

    /// Recovers the secret. Preconditions (checked): at least `threshold` shares, threshold ≥ 1, distinct
    /// x in 1 ..< p, and every value exactly L = `byteLength` bytes.
    public static func recover(
        _ shares: [ShamirShare],
        threshold: Int,
        byteLength: Int
    )
        throws(ShamirParameterError) -> Outcome
    {
        guard threshold >= 1 else { throw ShamirParameterError("the threshold must be at least 1") }
        guard shares.count >= threshold else { throw ShamirParameterError("fewer shares than the threshold") }
        guard byteLength >= 1 else { throw ShamirParameterError("the secret is empty") }
        let field = ShamirSecretSharing.field(byteLength: byteLength)
        var seen = Set<Int>(minimumCapacity: shares.count)
        for share in shares {
            guard share.value.count == byteLength else { throw ShamirParameterError("share values differ in length") }
            guard share.x >= 1, field.isNonZeroPoint(share.x) else { throw ShamirParameterError("x out of range") }
            guard seen.insert(share.x).inserted else { throw ShamirParameterError("two shares have the same x") }
        }
        let context = Context(field: field, shares: shares, threshold: threshold)
        let all = Array(shares.indices)
        if let secret = context.recoverIfConsistent(all) {
            return .recovered(
                secret: secret,
                usedX: all.prefix(threshold).map { shares[$0].x },
                checkedX: all.dropFirst(threshold).map { shares[$0].x }
            )
        }
        return .inconsistent(culprits: context.findCulprits())
    }

    /// The polynomial's value at 0 from exactly `threshold` shares, without any check. Returns nil when
    /// the result does not fit in L bytes (which proves the shares inconsistent).
    public static func interpolate(_ shares: [ShamirShare], byteLength: Int) -> SecureBytes? {
        let field = ShamirSecretSharing.field(byteLength: byteLength)
        let context = Context(field: field, shares: shares, threshold: shares.count)
        return context.interpolateAtZero(Array(shares.indices))
    }

    /// Shared state of one recovery.
    final class Context {
        let field: SecretField
        let shares: [ShamirShare]
        let threshold: Int
        let work: SecretField.Workspace
        /// One n-limb slot per share (its value), plus two temporaries.
        let values: SecretLimbs
        let weightSlot: UnsafeMutablePointer<UInt>
        let sumSlot: UnsafeMutablePointer<UInt>

        /// The prime as a big integer, made only when the word-sized weight path does not apply.
        lazy var prime: GMPInteger = field.prime

        init(field: SecretField, shares: [ShamirShare], threshold: Int) {
            self.field = field
            self.shares = shares
            self.threshold = threshold
            work = SecretField.Workspace(field)
            let n = field.limbCount
            values = SecretLimbs(count: (shares.count + 2) * n)
            weightSlot = values.slot(shares.count * n)
            sumSlot = values.slot((shares.count + 1) * n)
            for (index, share) in shares.enumerated() {
                share.value.withUnsafeBytes { SecretField.load(bigEndian: $0, into: values.slot(index * n), limbs: n) }
            }
        }

        /// The Lagrange weights of the shares at `indices` for evaluating at `target`, as n-limb values.
        func weights(_ indices: [Int], at target: Int) -> [[UInt]] {
            let nodes = indices.map { shares[$0].x }
            if let small = SmallLagrange.weights(nodes: nodes, target: target, field: field) { return small }
            let n = field.limbCount
            return LagrangeBasis(nodes: nodes, prime: prime).weights(at: target).map { $0.limbs(count: n)! }
        }

        /// Σ w_i · y_i mod p over `indices`, into `sumSlot`.
        func weightedSum(_ indices: [Int], weights: [[UInt]]) {
            let n = field.limbCount
            sumSlot.update(repeating: 0, count: n)
            for (index, limbs) in zip(indices, weights) {
                weightSlot.update(from: limbs, count: n)
                field.multiply(weightSlot, weightSlot, values.slot(index * n), work)
                field.add(sumSlot, sumSlot, weightSlot, work)
            }
        }

        func interpolateAtZero(_ indices: [Int]) -> SecureBytes? {
            weightedSum(indices, weights: weights(indices, at: 0))
            guard field.fitsByteLength(sumSlot) else { return nil }
            return SecureBytes(count: field.byteLength) { bytes in
                SecretField.store(sumSlot, limbs: field.limbCount, bigEndian: bytes)
            }
        }

        /// Whether the shares at `indices` lie on one polynomial of degree < threshold: the first
        /// `threshold` define it and each further one is compared with its value there.
        func isConsistent(_ indices: [Int]) -> Bool {
            let base = Array(indices.prefix(threshold))
            let rest = indices.dropFirst(threshold)
            guard !rest.isEmpty else { return true }
            let nodes = base.map { shares[$0].x }
            let fitsInWords = rest.allSatisfy { SmallLagrange.fitsInWords(nodes: nodes, target: shares[$0].x) }
            let basis = fitsInWords ? nil : LagrangeBasis(nodes: nodes, prime: prime)
            var consistent = true
            for index in rest {
                let target = shares[index].x
                let weights =
                    basis.map { $0.weights(at: target).map { $0.limbs(count: field.limbCount)! } }
                    ?? SmallLagrange.weights(nodes: nodes, target: target, field: field)!
                weightedSum(base, weights: weights)
                // Compare every surplus share (no early exit) so that the time does not depend on which fails.
                consistent = field.equal(sumSlot, values.slot(index * field.limbCount)) && consistent
            }
            return consistent
        }

        func recoverIfConsistent(_ indices: [Int]) -> SecureBytes? {
            guard isConsistent(indices) else { return nil }
            return interpolateAtZero(Array(indices.prefix(threshold)))
        }

        /// Smallest removal set that leaves a consistent set, within the unique-decoding radius.
        func findCulprits() -> [Int] {
            let count = shares.count
            var tried = 0
            var errors = 1
            while count >= threshold + 2 * errors {
                var found: [Int]? = nil
                var exhausted = true
                forEachCombination(of: count, choose: errors) { removed in
                    tried += 1
                    if tried > ShamirRecovery.culpritSearchLimit {
                        exhausted = false
                        return false
                    }
                    let removedSet = Set(removed)
                    let remaining = (0..<count).filter { !removedSet.contains($0) }
                    if isConsistent(remaining), interpolateAtZero(Array(remaining.prefix(threshold))) != nil {
                        found = removed
                        return false
                    }
                    return true
                }
                if let found { return found }
                if !exhausted { return [] }
                errors += 1
            }
            return []
        }
    }
}

/// Calls `body` with each e-element subset of 0..<n in lexicographic order until it returns false.
func forEachCombination(of n: Int, choose e: Int, _ body: ([Int]) -> Bool) {
    guard e >= 1, e <= n else { return }
    var indices = Array(0..<e)
    while true {
        if !body(indices) { return }
        var position = e - 1
        while position >= 0 && indices[position] == n - e + position { position -= 1 }
        if position < 0 { return }
        indices[position] += 1
        for next in (position + 1)..<e { indices[next] = indices[next - 1] + 1 }
    }
}
