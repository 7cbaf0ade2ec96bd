import Foundation
import TestSupport
import Testing

/// `meshkey profile create | escrow | recover | purge` through the binary, with temporary stores.
@Suite struct ProfileLifecycleCLITests {
    typealias Fixture = StoreCLITests.Fixture

    /// `meshkey profile <arguments> --store S --passphrase-file P`.
    func profile(_ fixture: Fixture, _ arguments: [String], input: String? = nil) throws -> CommandResult {
        try CommandRunner.run(
            ["profile"] + arguments + ["--store", fixture.store, "--passphrase-file", fixture.passphraseFile],
            input: input
        )
    }

    func lines(_ result: CommandResult) -> [String] { result.standardOutput.split(separator: "\n").map(String.init) }

    @Test func createEscrowRecoverOnNewHardware() throws {
        let old = try Fixture()
        let created = try profile(old, ["create"])
        #expect(created.exitCode == 0, "\(created.standardError)")
        let profileUDF = lines(created).first ?? ""
        #expect(profileUDF.hasPrefix("M"))
        // The seed is sealed: its bytes appear in no store file, and the document is there.
        let beforeEscrow = try old.snapshot()
        let escrow = try profile(old, ["escrow", "--threshold", "3", "--shares", "5"])
        #expect(escrow.exitCode == 0)
        #expect(try old.snapshot() == beforeEscrow)  // escrow changes nothing
        let escrowLines = lines(escrow)
        #expect(escrowLines.first == profileUDF)
        let shares = Array(escrowLines.dropFirst())
        #expect(shares.count == 5 && shares.allSatisfy { $0.hasPrefix("SA") })
        #expect(FileManager.default.fileExists(atPath: "\(old.store)/\(profileUDF).profile"))

        // The seven key UDFs on the old machine, from the seed's shares (derivation writes nothing).
        let derived = try CommandRunner.run(["profile", "derive"] + shares)
        // New hardware: an empty store.
        let new = try Fixture()
        let before = try new.snapshot()
        let recovered = try profile(new, ["recover", "--expect", profileUDF, shares[4], shares[0], shares[2]])
        #expect(recovered.exitCode == 0, "\(recovered.standardError)")
        #expect(recovered.standardOutput == derived.standardOutput)
        #expect(lines(recovered).count == 8)
        #expect(try new.snapshot() != before)
        let verify = try CommandRunner.run([
            "profile", "verify", "\(new.store)/\(profileUDF).profile", "--expect", profileUDF,
        ])
        #expect(verify.exitCode == 0)
        let list = try new.run(["list"])
        #expect(list.standardOutput.contains(profileUDF))
        // Recovering the same profile again is harmless.
        #expect(try profile(new, ["recover"], input: shares.prefix(3).joined(separator: "\n")).exitCode == 0)
    }

    @Test func wrongSharesOrWrongExpectChangeNothing() throws {
        let old = try Fixture()
        let profileUDF = lines(try profile(old, ["create"])).first ?? ""
        let shares = Array(lines(try profile(old, ["escrow", "-t", "3", "-n", "5"])).dropFirst())
        let foreign = try CommandRunner.run(["split", "-t", "3", "-n", "5", "--bits", "280"])
        let foreignShares = Array(lines(foreign).dropFirst(2))

        let new = try Fixture()
        let before = try new.snapshot()
        var corrupted = Array(shares[1])
        corrupted[10] = corrupted[10] == "A" ? "B" : "A"  // a data character (9 is a dash)
        let cases: [([String], String)] = [
            (
                ["recover", "--expect", "MARP-HH6B-D2JW-WLQ6-RWPQ-2SLS-AI2V", shares[0], shares[1], shares[2]],
                "profile_mismatch"
            ),
            (["recover", shares[0], String(corrupted), shares[2], shares[3], shares[4]], "inconsistent_shares"),
            (["recover", shares[0], shares[1]], "insufficient_shares"),
            (["recover", foreignShares[0], foreignShares[1], foreignShares[2]], "not_a_seed"),
            // With exactly k shares a foreign one cannot be detected by the shares alone: the result is no seed.
            (["recover", shares[0], foreignShares[1], shares[2]], "not_a_seed"),
            (["recover", shares[0], foreignShares[1], shares[2], shares[3], shares[4]], "inconsistent_shares"),
            (["recover", "--dry-run", "--expect", profileUDF, shares[0], shares[1], shares[2]], ""),
        ]
        for (arguments, expected) in cases {
            let result = try profile(new, arguments)
            if expected.isEmpty {
                #expect(result.exitCode == 0)
                #expect(result.standardOutput.contains("dry run"))
            } else {
                #expect(result.exitCode == 1, "\(arguments)")
                #expect(result.standardOutput.isEmpty)
                #expect(result.standardError.contains(expected), "\(arguments): \(result.standardError)")
                #expect(result.standardError.split(separator: "\n").count == 1)
            }
            #expect(try new.snapshot() == before, "\(arguments) changed the store")
        }
    }

    @Test func purgeNeedsSharesThatRecoverTheStoredSeed() throws {
        let store = try Fixture()
        let profileUDF = lines(try profile(store, ["create"])).first ?? ""
        let shares = Array(lines(try profile(store, ["escrow"])).dropFirst())
        #expect(shares.count == 3)
        // Shares of another secret: refused, nothing removed.
        let other = Array(
            lines(
                try CommandRunner.run([
                    "split", "--secret",
                    "ZAAQ-FKAT-PL72-4IHW-GIKY-IG5T-2IJG-JHC2-PMI7-44XR-HSBH-TKZI-WPNZ-F2XT",
                ])
            ).dropFirst()
        )
        let before = try store.snapshot()
        let refused = try profile(store, ["purge"] + other)
        #expect(refused.exitCode == 1)
        #expect(refused.standardError.contains("shares_mismatch"))
        #expect(try store.snapshot() == before)
        // The right shares: the seed entry goes, the public document stays.
        let purged = try profile(store, ["purge", shares[2], shares[0]])
        #expect(purged.exitCode == 0, "\(purged.standardError)")
        #expect(purged.standardOutput.contains("best effort"))
        #expect(!FileManager.default.fileExists(atPath: "\(store.store)/\(profileUDF).json"))
        #expect(FileManager.default.fileExists(atPath: "\(store.store)/\(profileUDF).profile"))
        #expect(try profile(store, ["escrow"]).exitCode == 1)
    }
}
