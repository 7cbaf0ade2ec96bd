import Foundation
import MeshCrypto
import MeshEscrow
import MeshMath
import MeshUDF
import Testing

/// Verifiable share sets: the commitment document, one-share checks, recovery that names a foreign share at
/// the threshold, and upkeep (recreate, extend, reshare).
@Suite struct CommitmentDocumentTests {
    static func coefficients(_ length: Int, _ count: Int, _ label: String) -> [SecureBytes] {
        (1...count).map { index in
            var bytes = Digest.shake256(Array("\(label)|\(index)".utf8), outputCount: length)
            bytes[0] &= 0x7F
            return SecureBytes(bytes)
        }
    }

    static func seedSplit(threshold: Int = 3, shares: Int = 5) throws -> (SecureBytes, SecretSharing.CommittedSplit) {
        let seed = SeedUDF.random(.meshProfileAccount).binary
        let signer = SecretSharing.profileSigner(for: seed)
        #expect(signer != nil, "an account seed implies its profile key")
        return (
            seed,
            try SecretSharing.splitCommitted(
                secret: seed,
                threshold: threshold,
                shareCount: shares,
                setIdentifier: signer?.kid,
                signer: signer
            )
        )
    }

    func code(_ body: () throws -> Void) -> ShareError? {
        do {
            try body()
            return nil
        } catch let error as ShareError { return error } catch { return nil }
    }

    @Test(arguments: [32, 35, 64])
    func committedSplitSharesAreByteIdenticalToAPlainSplit(length: Int) throws {
        let secret = SecureBytes(Digest.shake256(Array("s\(length)".utf8), outputCount: length))
        let given = Self.coefficients(length, 2, "c\(length)")
        let committed = try SecretSharing.splitCommitted(
            secret: secret,
            shareCount: 5,
            coefficients: given,
            signer: nil
        )
        let plain = try ShamirSecretSharing.split(secret: secret, shareCount: 5, coefficients: given)
        #expect(
            committed.split.shares.map(\.text) == plain.map { ShareUDF(threshold: 3, x: $0.x, value: $0.value).text }
        )
        #expect(committed.document.signer == nil)
        #expect(
            committed.document.commitments == (try FeldmanCommitment.commitments(secret: secret, coefficients: given))
        )
    }

    @Test func everyShareVerifiesAloneAndTheSignedDocumentRoundTrips() throws {
        let (_, committed) = try Self.seedSplit()
        let document = try CommitmentDocument.parse(committed.document.json)
        let profileUDF = SecretSharing.profileSigner(for: committed.split.secret)!.kid
        #expect(document.signer == profileUDF && document.setIdentifier == profileUDF)
        #expect(document.udf == committed.document.udf && document.udf.hasPrefix("M"))
        #expect(document.threshold == 3 && document.shareCount == 5 && document.epoch == 1 && document.previous == nil)
        #expect(document.group.identifier == "feldman-q3072-L35-v1")
        for (index, share) in committed.split.shares.enumerated() {
            #expect(document.check(share) == .valid)
            try document.verify(share, position: index + 1)
        }
    }

    @Test func changedForeignAndOtherEpochSharesAreRefusedByName() throws {
        let (_, committed) = try Self.seedSplit()
        let document = committed.document
        let share = committed.split.shares[1]
        var bytes = share.value.unprotectedBytes
        bytes[10] ^= 0x40
        let changed = ShareUDF(threshold: 3, x: 2, value: SecureBytes(bytes))
        let error = code { try document.verify(changed, position: 2) }
        #expect(error?.code == .shareMismatch && error?.share?.x == 2)
        // Another split of another seed, same threshold and length: on another polynomial.
        let (_, other) = try Self.seedSplit()
        #expect(code { try document.verify(other.split.shares[0]) }?.code == .shareMismatch)
        // Another kind of set.
        let twoOfThree = try SecretSharing.split(secret: SecureRandom.bytes(35), threshold: 2, shareCount: 3)
        #expect(code { try document.verify(twoOfThree.shares[0]) }?.code == .foreignShare)
        let short = try SecretSharing.split(secret: SecureRandom.bytes(32), threshold: 3, shareCount: 3)
        #expect(code { try document.verify(short.shares[0]) }?.code == .foreignShare)
        // Another epoch: after a reshare, an old share against the new document.
        let reshared = try ShareSet(validating: Array(committed.split.shares.prefix(3)))
            .reshare(verifiedBy: document, threshold: 3, shareCount: 5, signer: { _ in nil })
        let stale = code { try reshared.document.verify(committed.split.shares[3], position: 4) }
        #expect(stale?.code == .wrongEpoch && stale?.share?.x == 4)
    }

    @Test func exactlyTheThresholdWithOneForeignShareIsNamed() throws {
        let (seed, committed) = try Self.seedSplit()
        let (_, other) = try Self.seedSplit()
        let shares = [committed.split.shares[0], other.split.shares[2], committed.split.shares[4]]
        let set = try ShareSet(validating: shares)
        // Without the document the foreign share goes unnoticed: a wrong secret.
        #expect(try set.recover().secret != seed)
        let error = code { _ = try set.recover(verifiedBy: committed.document) }
        #expect(error?.code == .shareMismatch)
        #expect(error?.culprits.map(\.position) == [2] && error?.culprits.map(\.x) == [3])
        let good = try ShareSet(validating: [
            committed.split.shares[0], committed.split.shares[2], committed.split.shares[4],
        ])
        #expect(try good.recover(verifiedBy: committed.document).secret == seed)
    }

    @Test func recreateAndExtendGiveThePolynomialsOwnValues() throws {
        let secret = SecureBytes(Digest.shake256(Array("upkeep".utf8), outputCount: 35))
        let given = Self.coefficients(35, 2, "upkeep")
        let committed = try SecretSharing.splitCommitted(
            secret: secret,
            shareCount: 5,
            coefficients: given,
            signer: nil
        )
        let seven = try ShamirSecretSharing.split(secret: secret, shareCount: 7, coefficients: given)
        let s = committed.split.shares
        let recreated = try ShareSet(validating: [s[0], s[2], s[3]]).newShares(
            at: [2],
            .recreate,
            verifiedBy: committed.document
        )
        #expect(recreated.map(\.text) == [s[1].text])
        let extended = try ShareSet(validating: [s[0], s[3], s[4]]).newShares(
            at: [6, 7],
            .extend,
            verifiedBy: committed.document
        )
        #expect(
            extended.map(\.text) == [seven[5], seven[6]].map { ShareUDF(threshold: 3, x: $0.x, value: $0.value).text }
        )
        #expect(extended.allSatisfy { committed.document.check($0) == .valid })
        let set = try ShareSet(validating: [s[0], s[3], s[4]])
        #expect(
            code { _ = try set.newShares(at: [6], .recreate, verifiedBy: committed.document) }?.code == .invalidIndex
        )
        #expect(code { _ = try set.newShares(at: [2], .extend, verifiedBy: committed.document) }?.code == .invalidIndex)
        #expect(
            code { _ = try set.newShares(at: [4], .recreate, verifiedBy: committed.document) }?.code == .invalidIndex
        )
        #expect(
            code { _ = try set.newShares(at: [17], .extend, verifiedBy: committed.document) }?.code == .invalidIndex
        )
        // A bad share among those given stops the upkeep.
        var bytes = s[3].value.unprotectedBytes
        bytes[0] ^= 1
        let bad = try ShareSet(validating: [s[0], ShareUDF(threshold: 3, x: 4, value: SecureBytes(bytes)), s[4]])
        #expect(
            code { _ = try bad.newShares(at: [2], .recreate, verifiedBy: committed.document) }?.code == .shareMismatch
        )
    }

    @Test func reshareKeepsTheSecretAndRefusesMixedEpochs() throws {
        let (seed, committed) = try Self.seedSplit()
        let old = committed.split.shares
        let signer = SecretSharing.profileSigner(for: seed)
        let reshared = try ShareSet(validating: [old[1], old[2], old[4]])
            .reshare(verifiedBy: committed.document, threshold: 3, shareCount: 5)
        let document = try CommitmentDocument.parse(reshared.document.json)
        #expect(
            document.epoch == 2 && document.previous?.udf == committed.document.udf && document.previous?.epoch == 1
        )
        #expect(document.commitments[0] == committed.document.commitments[0], "same secret, same A_0")
        #expect(document.setIdentifier == committed.document.setIdentifier && document.signer == signer?.kid)
        let new = reshared.split.shares
        #expect(Set(new.map(\.text)).isDisjoint(with: old.map(\.text)))
        #expect(try ShareSet(validating: [new[0], new[3], new[4]]).recover(verifiedBy: document).secret == seed)
        try document.confirm(try ShareSet(validating: [new[0], new[1], new[2]]))
        // 2 old + 2 new: refused, naming the old ones.
        let mixed = code {
            _ = try ShareSet(validating: [old[0], new[1], old[2], new[3]]).recover(verifiedBy: document)
        }
        #expect(mixed?.code == .mixedEpochs && mixed?.culprits.map(\.x) == [1, 3])
        // Old shares alone against the new document.
        #expect(
            code { _ = try ShareSet(validating: [old[0], old[1], old[2]]).recover(verifiedBy: document) }?.code
                == .wrongEpoch
        )
        #expect(code { try document.confirm(try ShareSet(validating: [old[0], old[1], old[2]])) }?.code == .wrongEpoch)
        // A reshare to another threshold: an old share among new ones is named by epoch, not as mixed_threshold.
        let twoOfThree = try ShareSet(validating: [new[0], new[1], new[2]]).reshare(
            verifiedBy: document,
            threshold: 2,
            shareCount: 3
        )
        let texts = [twoOfThree.split.shares[0].text, new[4].text, twoOfThree.split.shares[2].text]
        #expect(code { _ = try ShareSet.parse(texts) }?.code == .mixedThreshold, "without the document")
        let named = code { _ = try ShareSet.parse(texts, verifiedBy: twoOfThree.document) }
        #expect(named?.code == .mixedEpochs && named?.culprits.map(\.position) == [2])
        #expect(try ShareSet.parse([texts[0], texts[2]], verifiedBy: twoOfThree.document).recover().secret == seed)
    }

    @Test func shortSecretsAndDamagedDocumentsAreRefused() throws {
        #expect(
            code {
                _ = try SecretSharing.splitCommitted(
                    secret: SecureRandom.bytes(16),
                    threshold: 2,
                    shareCount: 3,
                    signer: nil
                )
            }?.code
                == .commitmentsUnavailable
        )
        #expect(SecretSharing.commitmentRefusal(secretLength: 16)?.contains("2^64") == true)
        #expect(SecretSharing.commitmentRefusal(secretLength: 32) == nil)
        let (_, committed) = try Self.seedSplit()
        let text = String(decoding: committed.document.json, as: UTF8.self)
        // Swap the payload for one that says threshold 2: the signature no longer verifies.
        let payload = String(decoding: committed.document.payload, as: UTF8.self).replacingOccurrences(
            of: "\"threshold\":3",
            with: "\"threshold\":2"
        )
        let forged = text.replacingOccurrences(
            of: Base64URL.encode(committed.document.payload),
            with: Base64URL.encode(Array(payload.utf8))
        )
        #expect(forged != text)
        #expect(code { _ = try CommitmentDocument.parse(Array(forged.utf8)) }?.code == .invalidCommitments)
        #expect(code { _ = try CommitmentDocument.parse(Array("{}".utf8)) }?.code == .invalidCommitments)
        #expect(
            code { _ = try CommitmentDocument.parse(Array(text.utf8).dropLast(20).map { $0 }) }?.code
                == .invalidCommitments
        )
    }
}
