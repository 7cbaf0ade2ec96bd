import MeshCrypto
import Testing

@testable import MeshMath

@Suite struct ShamirTests {
    func recovered(_ outcome: ShamirRecovery.Outcome) -> SecureBytes? {
        if case .recovered(let secret, _, _) = outcome { return secret }
        return nil
    }

    @Test(arguments: [(1, 2, 3), (16, 3, 5), (32, 3, 5), (35, 2, 3), (64, 4, 6), (7, 15, 15), (32, 1, 4)])
    func anyThresholdSubsetRecovers(length: Int, threshold: Int, count: Int) throws {
        let secret = SecureRandom.bytes(length)
        let shares = try ShamirSecretSharing.split(secret: secret, threshold: threshold, shareCount: count)
        #expect(shares.map(\.x) == Array(1...count))
        #expect(shares.allSatisfy { $0.value.count == length })
        // Every rotation of the shares, truncated to the threshold, recovers the secret.
        for start in 0..<count {
            let subset = (0..<threshold).map { shares[(start + $0) % count] }
            #expect(recovered(try ShamirRecovery.recover(subset, threshold: threshold, byteLength: length)) == secret)
        }
        // All shares at once: correct, and every surplus share checked.
        let outcome = try ShamirRecovery.recover(shares.reversed(), threshold: threshold, byteLength: length)
        guard case .recovered(let value, let used, let checked) = outcome else {
            Issue.record("consistent set refused")
            return
        }
        #expect(value == secret)
        #expect(used.count == threshold && checked.count == count - threshold)
    }

    @Test func fewerThanThresholdSharesGiveSomethingElse() throws {
        let secret = SecureRandom.bytes(32)
        let shares = try ShamirSecretSharing.split(secret: secret, threshold: 3, shareCount: 5)
        // Interpolating two shares of a 3-of-5 set yields an unrelated value (or none).
        #expect(ShamirRecovery.interpolate(Array(shares.prefix(2)), byteLength: 32) != secret)
    }

    /// With L = 1 (p = 257) a share value of 256 happens about once in 257 evaluations; a truncating
    /// split would then lose the secret. Every split must still recover exactly.
    @Test func valuesThatDoNotFitAreRedrawnNotTruncated() throws {
        for round in 0..<1500 {
            let secret = SecureBytes([UInt8(truncatingIfNeeded: round)])
            let shares = try ShamirSecretSharing.split(secret: secret, threshold: 2, shareCount: 5)
            let outcome = try ShamirRecovery.recover(shares, threshold: 2, byteLength: 1)
            #expect(recovered(outcome) == secret)
        }
    }

    @Test func givenCoefficientsThatOverflowAreRefused() {
        // f(x) = 255 + x over p = 257: f(1) = 256 does not fit in one byte.
        #expect(throws: ShamirParameterError.self) {
            try ShamirSecretSharing.split(secret: SecureBytes([255]), shareCount: 3, coefficients: [SecureBytes([1])])
        }
        // A coefficient not below p is refused.
        #expect(throws: ShamirParameterError.self) {
            try ShamirSecretSharing.split(secret: SecureBytes([1]), shareCount: 3, coefficients: [SecureBytes([1, 1])])
        }
    }

    @Test func libraryAPIHandlesThousandsOfShares() throws {
        let secret = SecureRandom.bytes(32)
        let shares = try ShamirSecretSharing.split(secret: secret, threshold: 40, shareCount: 2000)
        #expect(shares.last?.x == 2000)
        let subset = Array(shares.shuffled().prefix(40))
        #expect(recovered(try ShamirRecovery.recover(subset, threshold: 40, byteLength: 32)) == secret)
    }

    @Test func oneBadShareIsNamedWithTwoSurplus() throws {
        let secret = SecureRandom.bytes(32)
        var shares = try ShamirSecretSharing.split(secret: secret, threshold: 3, shareCount: 5)
        // Only threshold + 1 shares: inconsistency found, culprit not identifiable.
        var bad = shares[2].value
        bad[5] ^= 0x01
        shares[2] = ShamirShare(x: 3, value: bad)
        #expect(
            try ShamirRecovery.recover(Array(shares.prefix(4)), threshold: 3, byteLength: 32)
                == .inconsistent(culprits: [])
        )
        #expect(try ShamirRecovery.recover(shares, threshold: 3, byteLength: 32) == .inconsistent(culprits: [2]))
    }

    @Test func twoBadSharesAreNamedWithinTheDecodingRadius() throws {
        let secret = SecureRandom.bytes(16)
        var shares = try ShamirSecretSharing.split(secret: secret, threshold: 3, shareCount: 8)
        for index in [1, 4] {
            var bad = shares[index].value
            bad[0] ^= 0x80
            shares[index] = ShamirShare(x: shares[index].x, value: bad)
        }
        #expect(try ShamirRecovery.recover(shares, threshold: 3, byteLength: 16) == .inconsistent(culprits: [1, 4]))
        // With six shares the two errors are beyond the radius (6 < 3 + 2·2): detected, not named.
        #expect(
            try ShamirRecovery.recover(Array(shares.prefix(6)), threshold: 3, byteLength: 16)
                == .inconsistent(culprits: [])
        )
    }

    @Test func parameterMisuseIsRefused() {
        let secret = SecureBytes([1, 2, 3])
        #expect(throws: ShamirParameterError.self) {
            try ShamirSecretSharing.split(secret: secret, threshold: 0, shareCount: 3)
        }
        #expect(throws: ShamirParameterError.self) {
            try ShamirSecretSharing.split(secret: secret, threshold: 4, shareCount: 3)
        }
        #expect(throws: ShamirParameterError.self) {
            try ShamirSecretSharing.split(secret: SecureBytes(), threshold: 2, shareCount: 3)
        }
        // L = 1: p = 257, so at most 256 shares.
        #expect(throws: ShamirParameterError.self) {
            try ShamirSecretSharing.split(secret: SecureBytes([1]), threshold: 2, shareCount: 257)
        }
        let duplicate = [ShamirShare(x: 1, value: SecureBytes([1])), ShamirShare(x: 1, value: SecureBytes([2]))]
        #expect(throws: ShamirParameterError.self) {
            try ShamirRecovery.recover(duplicate, threshold: 2, byteLength: 1)
        }
    }

    /// The word-sized weight path and the big-integer path agree.
    @Test func smallLagrangeMatchesBigIntegerWeights() {
        let field = ShamirSecretSharing.field(byteLength: 35)
        for nodes in [[1, 2, 3], [16, 3, 9, 1], [2, 5, 7, 11, 13, 15], Array(1...15)] {
            for target in [0, 4, 17] where !nodes.contains(target) {
                let small = SmallLagrange.weights(nodes: nodes, target: target, field: field)
                let big = LagrangeBasis(nodes: nodes, prime: field.prime).weights(at: target)
                    .map { $0.limbs(count: field.limbCount)! }
                #expect(small == big)
            }
        }
        #expect(SmallLagrange.weights(nodes: Array(1...40), target: 0, field: field) == nil)  // 39! > 2^62
        #expect(SmallLagrange.weights(nodes: Array(1...15), target: 0, field: field) != nil)
    }

    @Test func combinationsAreEnumeratedOnce() {
        var seen: [[Int]] = []
        forEachCombination(of: 6, choose: 3) {
            seen.append($0)
            return true
        }
        #expect(seen.count == 20)
        #expect(Set(seen.map { $0.description }).count == 20)
    }
}
