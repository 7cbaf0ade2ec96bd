import Foundation
import MeshCrypto
import Testing

@testable import MeshMath

/// The commitment groups, re-derived here with plain `mpz` arithmetic, and the Feldman commitments, split
/// hook and upkeep evaluation built on them.
@Suite struct FeldmanTests {
    /// Fixed coefficients below p for a polynomial of degree threshold − 1 (from SHAKE256 of a label).
    static func coefficients(length: Int, threshold: Int, label: String) -> [SecureBytes] {
        (1..<threshold).map { index in
            var bytes = Digest.shake256(Array("\(label)|\(index)".utf8), outputCount: length)
            bytes[0] &= 0x7F  // below 2^(8L) < p
            return SecureBytes(bytes)
        }
    }

    @Test func tabulatedCountersAreWhatTheSearchFinds() {
        // The full search takes about a minute; the lengths used by keys and seeds always, all with the variable set.
        let all = ProcessInfo.processInfo.environment["MESHKEY_FULL_PARAMETER_SEARCH"] == "1"
        let lengths = all ? Array(SchnorrGroup.lengths) : [32, 35, 64]
        for length in lengths {
            let found = SchnorrGroup.search(byteLength: length)
            let group = SchnorrGroup.group(byteLength: length)!
            #expect(
                found.modulusCounter == group.modulusCounter && found.generatorCounter == group.generatorCounter,
                "L = \(length)"
            )
        }
    }

    /// Re-derives q and g for every L from the published rule, with GMPInteger (mpz) operations only.
    @Test func parametersRederiveWithPlainMpz() {
        for length in SchnorrGroup.lengths {
            let group = SchnorrGroup.group(byteLength: length)!
            let p = GMPInteger.powerOfTwo(8 * length) + GMPInteger(ShamirPrime.offset(byteLength: length))
            #expect(p.isProbablePrime)
            let rbits = 3072 - 8 * length - 1
            let qInput = Array("meshkey share commitments v1|q|L=\(length)|\(group.modulusCounter)".utf8)
            let rHash = Digest.shake256(qInput, outputCount: (rbits + 7) / 8)
            let r =
                GMPInteger(bigEndian: rHash).modulo(GMPInteger.powerOfTwo(rbits - 1)) + GMPInteger.powerOfTwo(rbits - 1)
            let q = GMPInteger(2) * r * p + GMPInteger(1)
            #expect(q.bitWidth == 3072 && q.isProbablePrime, "L = \(length)")
            #expect(q.bigEndianBytes(count: 384)! == group.modulus)
            let gInput = Array("meshkey share commitments v1|g|L=\(length)|\(group.generatorCounter)".utf8)
            let h = GMPInteger(bigEndian: Digest.shake256(gInput, outputCount: 400)).modulo(q)
            let g = h.raised(to: GMPInteger(2) * r, modulo: q)
            #expect(g != GMPInteger(1))
            #expect(g.raised(to: p, modulo: q) == GMPInteger(1), "g has order p")
            #expect(g.bigEndianBytes(count: 384)! == group.generator)
            #expect(group.identifier == "feldman-q3072-L\(length)-v1")
            #expect(SchnorrGroup.group(identifier: group.identifier) === group)
        }
        #expect(SchnorrGroup.group(byteLength: 31) == nil && SchnorrGroup.group(byteLength: 16) == nil)
        #expect(SchnorrGroup.group(byteLength: 65) == nil)
    }

    @Test(arguments: [(32, 2, 3), (35, 3, 5), (64, 4, 6)])
    func fixedCoefficientCommitmentsMatchPlainMpzAndSharesAreUnchanged(length: Int, threshold: Int, count: Int) throws {
        var secretBytes = Digest.shake256(Array("secret \(length)".utf8), outputCount: length)
        secretBytes[0] = 0xC8
        let secret = SecureBytes(secretBytes)
        let given = Self.coefficients(length: length, threshold: threshold, label: "coefficients \(length)")
        let plain = try ShamirSecretSharing.split(secret: secret, shareCount: count, coefficients: given)
        let committed = try ShamirSecretSharing.splitCommitted(secret: secret, shareCount: count, coefficients: given)
        #expect(committed.shares == plain, "shares byte-identical with and without commitments")
        let group = SchnorrGroup.group(byteLength: length)!
        let q = GMPInteger(bigEndian: group.modulus)
        let g = GMPInteger(bigEndian: group.generator)
        let expected = ([secret] + given).map {
            g.raised(to: GMPInteger(bigEndian: $0.unprotectedBytes), modulo: q).bigEndianBytes(count: 384)!
        }
        #expect(committed.commitments == expected)
        #expect(try FeldmanCommitment.commitments(secret: secret, coefficients: given) == expected)
        for share in plain {
            #expect(FeldmanCommitment.verify(share, commitments: expected, group: group), "x = \(share.x)")
            // The check, by hand: g^y = Π A_j^(x^j).
            var rhs = GMPInteger(1)
            for (j, a) in expected.enumerated() {
                let e = GMPInteger(1)
                for _ in 0..<j { e.multiply(by: share.x) }
                rhs = (rhs * GMPInteger(bigEndian: a).raised(to: e, modulo: q)).modulo(q)
            }
            #expect(g.raised(to: GMPInteger(bigEndian: share.value.unprotectedBytes), modulo: q) == rhs)
        }
        #expect(expected.allSatisfy { FeldmanCommitment.isGroupElement($0, group: group) })
    }

    @Test func alteredAndForeignSharesFailVerification() throws {
        let secret = SecureRandom.bytes(35)
        let split = try ShamirSecretSharing.splitCommitted(secret: secret, threshold: 3, shareCount: 5)
        let other = try ShamirSecretSharing.splitCommitted(secret: SecureRandom.bytes(35), threshold: 3, shareCount: 5)
        for share in split.shares {
            #expect(FeldmanCommitment.verify(share, commitments: split.commitments, group: split.group))
            #expect(!FeldmanCommitment.verify(share, commitments: other.commitments, group: split.group))
            var bytes = share.value.unprotectedBytes
            bytes[bytes.count - 1] ^= 1
            #expect(
                !FeldmanCommitment.verify(
                    ShamirShare(x: share.x, value: SecureBytes(bytes)),
                    commitments: split.commitments,
                    group: split.group
                )
            )
            // The right value at the wrong x fails too.
            #expect(
                !FeldmanCommitment.verify(
                    ShamirShare(x: share.x % 5 + 1, value: share.value),
                    commitments: split.commitments,
                    group: split.group
                )
            )
        }
        // Same secret, another split: the shares differ and do not verify against the first document.
        let again = try ShamirSecretSharing.splitCommitted(secret: secret, threshold: 3, shareCount: 5)
        #expect(again.commitments[0] == split.commitments[0], "A_0 = g^secret is the same")
        #expect(!FeldmanCommitment.verify(again.shares[1], commitments: split.commitments, group: split.group))
    }

    @Test func groupElementCheckRefusesValuesOutsideTheSubgroup() {
        let group = SchnorrGroup.group(byteLength: 32)!
        let q = GMPInteger(bigEndian: group.modulus)
        #expect(!FeldmanCommitment.isGroupElement((GMPInteger(1)).bigEndianBytes(count: 384)!, group: group))
        #expect(
            !FeldmanCommitment.isGroupElement((q - GMPInteger(1)).bigEndianBytes(count: 384)!, group: group),
            "order 2"
        )
        #expect(!FeldmanCommitment.isGroupElement(GMPInteger(2).bigEndianBytes(count: 384)!, group: group))
        #expect(!FeldmanCommitment.isGroupElement(group.modulus, group: group))
        #expect(!FeldmanCommitment.isGroupElement(Array(group.generator.dropFirst()), group: group))
        #expect(FeldmanCommitment.isGroupElement(group.generator, group: group))
    }

    @Test func securelyRaisedEqualsRaised() {
        let group = SchnorrGroup.group(byteLength: 35)!
        let q = GMPInteger(bigEndian: group.modulus)
        let g = GMPInteger(bigEndian: group.generator)
        for _ in 0..<4 {
            let e = GMPInteger(bigEndian: SecureRandom.bytes(35).unprotectedBytes) + GMPInteger(1)
            #expect(g.securelyRaised(to: e, modulo: q) == g.raised(to: e, modulo: q))
        }
    }

    @Test func upkeepRecreatesAndExtendsTheSamePolynomial() throws {
        let secret = SecureRandom.bytes(35)
        let given = Self.coefficients(length: 35, threshold: 3, label: "upkeep")
        let seven = try ShamirSecretSharing.split(secret: secret, shareCount: 7, coefficients: given)
        let recreated = try ShamirUpkeep.evaluate([seven[0], seven[2], seven[3]], at: [2], byteLength: 35)
        #expect(recreated == [seven[1]], "recreate x=2 from {1,3,4}")
        let extended = try ShamirUpkeep.evaluate([seven[0], seven[3], seven[4]], at: [6, 7], byteLength: 35)
        #expect(extended == [seven[5], seven[6]], "extend to 6, 7 from {1,4,5}")
        #expect(throws: ShamirParameterError.self) {
            try ShamirUpkeep.evaluate([seven[0], seven[3], seven[4]], at: [4], byteLength: 35)
        }
    }
}
