import MeshCrypto
import MeshEscrow
import MeshUDF
import Testing

/// Groups of holders: 2 of {family 2-of-3, lawyer 1-of-1, friends 3-of-5} from nested Mesh shares.
@Suite struct ShareGroupsTests {
    static let policy = [
        ShareGroups.Group(threshold: 2, count: 3), ShareGroups.Group(threshold: 1, count: 1),
        ShareGroups.Group(threshold: 3, count: 5),
    ]

    @Test func anyTwoCompleteGroupsRecoverAndAShortGroupIsNamed() throws {
        let seed = SeedUDF.random(.meshProfileAccount).binary
        let split = try ShareGroups.split(secret: seed, groups: Self.policy, groupsNeeded: 2)
        #expect(split.groups.map(\.count) == [3, 1, 5])
        #expect(
            split.groups.joined().allSatisfy { $0.secretLength == 37 },
            "a member share holds a 37-byte group share"
        )
        let family = split.groups[0]
        let lawyer = split.groups[1]
        let friends = split.groups[2]
        #expect(try ShareGroups.recover([Array(family.prefix(2)), lawyer, []]).secret == seed)
        #expect(try ShareGroups.recover([[family[2], family[0]], [], Array(friends.suffix(3))]).secret == seed)
        #expect(try ShareGroups.recover([[], lawyer, [friends[0], friends[2], friends[4]]]).secret == seed)
        do {
            _ = try ShareGroups.recover([[family[1]], lawyer, []])
            Issue.record("one family share and the lawyer recovered")
        } catch {
            #expect(error.code == .insufficientShares)
            #expect(error.reason.contains("group 1 has 1 share, 2 needed") && error.reason.contains("1 of 2 groups"))
        }
        do {
            _ = try ShareGroups.recover([[], lawyer, []])
            Issue.record("one group recovered")
        } catch { #expect(error.code == .insufficientShares) }
    }

    @Test func eachLevelCombinesByHandAsOrdinaryMeshShares() throws {
        let secret = SecureRandom.bytes(32)
        let split = try ShareGroups.split(secret: secret, groups: Self.policy, groupsNeeded: 2)
        // Level 1: a group's shares recover a share UDF of the top level (type 0x90, threshold 2, x = group).
        let familyValue = try ShareSet(validating: Array(split.groups[0].prefix(2))).recover().secret
        let familyShare = try ShareUDF.parse(Base32.encode(familyValue))
        #expect(familyShare.threshold == 2 && familyShare.x == 1)
        // The lawyer's 1-of-1 sheet holds its group share directly.
        let lawyerShare = try ShareUDF.parse(Base32.encode(split.groups[1][0].value))
        #expect(lawyerShare.x == 2)
        // Level 2: the two group shares recover the secret.
        #expect(try ShareSet(validating: [familyShare, lawyerShare]).recover().secret == secret)
    }

    @Test func badPoliciesAreRefused() {
        func code(_ groups: [ShareGroups.Group], _ needed: Int, length: Int = 32) -> ShareError.Code? {
            do {
                _ = try ShareGroups.split(secret: SecureRandom.bytes(length), groups: groups, groupsNeeded: needed)
                return nil
            } catch { return error.code }
        }
        #expect(code(Self.policy, 4) == .invalidParameters)
        #expect(code(Self.policy, 0) == .invalidParameters)
        #expect(code([ShareGroups.Group(threshold: 4, count: 3)], 1) == .invalidParameters)
        #expect(code(Self.policy, 2, length: 63) == .invalidSecret)
        #expect(code(Self.policy, 2) == nil)
    }
}
