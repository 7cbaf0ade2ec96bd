public import MeshCrypto
import MeshMath
public import MeshUDF

/// Two-level share sets ("2 of {family 2-of-3, lawyer 1-of-1, friends 3-of-5}") from nested Mesh shares: the
/// secret is split into one top-level share per group (threshold = the groups needed), and each group share's
/// whole binary form (`90 ‖ k·16 + x−1 ‖ f(x)`, L + 2 bytes) is split again as a secret of its own length
/// among the group's holders. Every sheet is an ordinary Mesh share, so each level can be combined by hand
/// with any Mesh tool; recovery climbs a level when a group's recovered value is a share UDF (type 0x90).
public enum ShareGroups {
    /// One group's shape.
    public struct Group: Sendable, Equatable {
        public let threshold: Int
        public let count: Int
        public init(threshold: Int, count: Int) {
            self.threshold = threshold
            self.count = count
        }
    }

    /// The result of a grouped split: the holders' shares, group by group.
    public struct Split: Sendable {
        public let secret: SecureBytes
        public let groupsNeeded: Int
        public let groups: [[ShareUDF]]
        public var identifier: String { SecretSharing.identifier(of: secret) }
    }

    /// Splits `secret` (1 … 62 bytes, so that a member share holds L + 2 bytes ≤ 64) among 1 … 15 groups,
    /// any `groupsNeeded` of which recover it. A group of 1 of 1 holds its group share (threshold 1), and
    /// `groupsNeeded` may be 1; both are threshold-1 splits on purpose.
    public static func split(secret: SecureBytes, groups: [Group], groupsNeeded: Int) throws(ShareError) -> Split {
        guard (1...62).contains(secret.count) else {
            throw ShareError(
                .invalidSecret,
                "the secret is \(secret.count) bytes; grouped shares hold 1 to 62 (each level adds 2 bytes)"
            )
        }
        guard (1...15).contains(groups.count) else {
            throw ShareError(.invalidParameters, "\(groups.count) groups; a grouped set has 1 to 15")
        }
        guard (1...groups.count).contains(groupsNeeded) else {
            throw ShareError(.invalidParameters, "\(groupsNeeded) groups needed, but there are \(groups.count)")
        }
        for (index, group) in groups.enumerated() {
            guard (1...15).contains(group.count), (1...group.count).contains(group.threshold) else {
                throw ShareError(
                    .invalidParameters,
                    "group \(index + 1) is \(group.threshold) of \(group.count); groups are k of n with 1 ≤ k ≤ n ≤ 15"
                )
            }
        }
        let top = try SecretSharing.split(
            secret: secret,
            threshold: groupsNeeded,
            shareCount: groups.count,
            allowThresholdOne: true
        )
        var members: [[ShareUDF]] = []
        for (group, groupShare) in zip(groups, top.shares) {
            members.append(
                try SecretSharing.split(
                    secret: groupShare.binary,
                    threshold: group.threshold,
                    shareCount: group.count,
                    allowThresholdOne: true
                ).shares
            )
        }
        return Split(secret: secret, groupsNeeded: groupsNeeded, groups: members)
    }

    /// Recovers from the shares given per group (in the sheets' group order; a group not present is an empty
    /// list). Each group with at least its threshold gives its group share; a group with fewer is named when
    /// the groups that did recover are not enough (`insufficient_shares`). Other failures name the group.
    public static func recover(_ groups: [[ShareUDF]]) throws(ShareError) -> RecoveredSecret {
        var groupShares: [ShareUDF] = []
        var recoveredGroups: [Int] = []
        var short: [String] = []
        for (index, shares) in groups.enumerated() where !shares.isEmpty {
            let name = "group \(index + 1)"
            let set: ShareSet
            do { set = try ShareSet(validating: shares) } catch {
                if error.code == .insufficientShares {
                    short.append(
                        "\(name) has \(shares.count) share\(shares.count == 1 ? "" : "s"), \(shares[0].threshold) needed"
                    )
                    continue
                }
                throw ShareError(error.code, "\(name): \(error.description)")
            }
            let value: RecoveredSecret
            do { value = try set.recover() } catch { throw ShareError(error.code, "\(name): \(error.description)") }
            guard value.secret.count >= 3, value.secret[0] == 0x90,
                let groupShare = try? ShareUDF.parse(Base32.encode(value.secret))
            else {
                throw ShareError(
                    .wrongType,
                    "\(name) does not recover a group share (type 0x90): its shares are not of a grouped set, or are from different sets"
                )
            }
            groupShares.append(groupShare)
            recoveredGroups.append(index + 1)
        }
        guard let first = groupShares.first else {
            throw ShareError(
                .insufficientShares,
                "no group has enough shares" + (short.isEmpty ? "" : ": " + short.joined(separator: "; "))
            )
        }
        let needed = first.threshold
        guard groupShares.count >= needed else {
            let done = recoveredGroups.map { "group \($0)" }.joined(separator: ", ")
            throw ShareError(
                .insufficientShares,
                "\(groupShares.count) of \(needed) groups needed recovered (\(done))"
                    + (short.isEmpty
                        ? "; give the shares of another group" : "; short: " + short.joined(separator: "; "))
            )
        }
        do { return try ShareSet(validating: groupShares).recover() } catch {
            if error.code == .duplicateShare {
                throw ShareError(
                    .duplicateShare,
                    "two of the groups given are the same group (their group shares have the same x)"
                )
            }
            throw ShareError(error.code, "top level: \(error.description)")
        }
    }
}
