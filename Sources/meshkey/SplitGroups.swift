import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshPaper
import MeshUDF
import MeshkeyKit

extension Meshkey.Split {
    /// `split --group 2of3 --group 1of1 --group 3of5 --groups-needed 2`.
    func splitGroups(_ secret: SecureBytes, generated: Bool) throws {
        var groups: [ShareGroups.Group] = []
        for text in group {
            let parts = text.lowercased().split(separator: "of", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
                throw CommandFailure("invalid_parameters", "--group is k of n written like 2of3 (got \(text))")
            }
            groups.append(ShareGroups.Group(threshold: k, count: n))
        }
        let split: ShareGroups.Split
        do { split = try ShareGroups.split(secret: secret, groups: groups, groupsNeeded: groupsNeeded ?? 0) } catch {
            throw CommandFailure(error.code.name, error.reason)
        }
        if let printFile {
            let created = PaperSheet.today()
            var sheets: [PaperSheet] = []
            for (index, members) in split.groups.enumerated() {
                for share in members {
                    sheets.append(
                        PaperSheet(
                            share: share.text,
                            x: share.x,
                            threshold: share.threshold,
                            total: members.count,
                            identifier: split.identifier,
                            created: created,
                            label: "group \(index + 1) of \(split.groups.count)",
                            extraInstructions: [
                                "Group \(index + 1) of \(split.groups.count); \(split.groupsNeeded) complete groups are needed.",
                                "The helper gives each group's shares in one --group option: meshkey recover --group SHARES --group SHARES …",
                            ],
                            details: sheetOptions.details,
                            printed: members.map(\.x)
                        )
                    )
                }
            }
            try Meshkey.Print.writePDF(sheets, to: printFile, paper: PaperSize(rawValue: paper)!, qr: true)
        }
        if json {
            var members: [(String, JSONValueOut)] = []
            if generated { members.append(("secret", .string(Base32.encode(split.secret)))) }
            members += [
                ("identifier", .string(split.identifier)),
                ("groups_needed", .int(split.groupsNeeded)),
                (
                    "groups",
                    .array(
                        split.groups.map { shares in
                            .object([
                                ("threshold", .int(shares[0].threshold)),
                                ("shares", .array(shares.map { .string($0.text) })),
                            ])
                        }
                    )
                ),
            ]
            Terminal.print(JSONValueOut.object(members).text)
        } else {
            var lines: [String] = []
            if generated { lines.append(Base32.encode(split.secret)) }
            lines.append(split.identifier)
            for (index, shares) in split.groups.enumerated() {
                lines += shares.map { "group \(index + 1) (\($0.threshold) of \(shares.count)): \($0.text)" }
            }
            Terminal.print(lines.joined(separator: "\n"))
        }
    }
}

extension Meshkey.Recover {
    /// `recover --group "S… S…" --group "S…"`: one option per group of holders, its shares separated by
    /// spaces or commas.
    func recoverGroups() throws {
        guard shareSource.shares.isEmpty, shareSource.scan.isEmpty, commitments == nil else {
            throw CommandFailure(
                "invalid_parameters",
                "with --group, give every share inside a --group (no other shares, --scan or --commitments)"
            )
        }
        let recovered = try ShareRecovery.recover(groups: group)
        try emit(
            recovered,
            [("identifier", .string(recovered.identifier)), ("kind", .string(recovered.kind.rawValue))]
        )
    }
}
