import Foundation
import TestSupport
import Testing

/// `--scan` wherever shares are taken (item 3): JPEG as well as PNG, the same page scanned twice
/// counts once, typed shares may follow the images, an unreadable file is named for what it is.
extension PaperCLITests {
    /// split --print → pdftoppm -png and -jpeg → recover --scan of the JPEGs (one page twice, one page as PNG
    /// and JPEG); the rest typed after the images; two different shares with the same x still refused.
    @Test func recoverScansJPEGPagesAndCountsARepeatedPageOnce() throws {
        let set = try split(threshold: 3, shares: 4)
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("sheets.pdf").path
        let printed = try CommandRunner.run(["print"] + set.shares + ["--out", pdf])
        #expect(printed.exitCode == 0, "\(printed.standardError)")
        try tool(["pdftoppm", "-jpeg", "-r", "150", pdf, "j"], in: directory)
        try tool(["pdftoppm", "-png", "-r", "150", pdf, "p"], in: directory)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let jpeg = try Data(contentsOf: URL(fileURLWithPath: path("j-1.jpg")))
        #expect(jpeg.prefix(3) == Data([0xFF, 0xD8, 0xFF]))

        let scanned = try CommandRunner.run([
            "recover", "--identifier", set.identifier, "--scan",
            path("j-1.jpg"), path("j-3.jpg"), path("j-3.jpg"), path("p-1.png"), path("j-4.jpg"),
        ])
        #expect(scanned.exitCode == 0, "\(scanned.standardError)")
        #expect(scanned.standardOutput == set.secret + "\n")
        #expect(scanned.standardError.contains("j-3.jpg: the same share as an earlier image, counted once"))
        #expect(scanned.standardError.contains("p-1.png: the same share as an earlier image, counted once"))

        // Two images, the third share typed on standard input after them.
        let typed = try CommandRunner.run(
            ["recover", "--scan", path("j-2.jpg"), path("j-4.jpg")],
            input: set.shares[0] + "\n"
        )
        #expect(typed.exitCode == 0, "\(typed.standardError)")
        #expect(typed.standardOutput == set.secret + "\n")

        // A different share with the same x (x = 1 of another set) is still refused.
        let other = try split(threshold: 3, shares: 4)
        let clash = try CommandRunner.run(
            ["recover", "--scan", path("j-1.jpg"), path("j-2.jpg"), "--shares-file", "-"],
            input: other.shares[0] + "\n"
        )
        #expect(clash.exitCode == 1)
        #expect(clash.standardOutput.isEmpty)
        #expect(!clash.standardError.contains("counted once"), "\(clash.standardError)")
    }

    /// A text file, a GIF and a damaged JPEG given to --scan are refused by name (a JPEG used to be "out
    /// of memory").
    @Test func scanNamesWhatAnUnreadableFileIs() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        let text = try write("shares.txt", Array("SAQO-LPJ2-XGM7\n".utf8))
        let gif = try write("photo.png", Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8))
        let damaged = try write("page.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array(repeating: 0x41, count: 14))
        for (file, code, reason) in [
            (text, "not_an_image", "neither PNG nor JPEG"), (gif, "unsupported_image", "GIF"),
            (damaged, "unreadable_image", "damaged JPEG"),
        ] {
            let result = try CommandRunner.run(["recover", "--scan", file])
            #expect(result.exitCode == 1)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.hasPrefix("meshkey recover: \(code): \(file): "), "\(result.standardError)")
            #expect(
                result.standardError.contains(code) && result.standardError.contains(reason),
                "\(result.standardError)"
            )
            #expect(!result.standardError.contains("out of memory"))
        }
    }

    /// profile escrow --print → pdftoppm -jpeg → profile recover --scan (one page twice), profile derive
    /// --scan and profile purge --scan; escrow seal --print → escrow open --scan.
    @Test func profileAndEscrowCommandsScanJPEGs() throws {
        let fixture = try StoreCLITests.Fixture()
        func profile(_ arguments: [String], store: StoreCLITests.Fixture, input: String? = nil) throws -> CommandResult
        {
            try CommandRunner.run(
                ["profile"] + arguments + ["--store", store.store, "--passphrase-file", store.passphraseFile],
                input: input
            )
        }
        let created = try profile(["create"], store: fixture)
        #expect(created.exitCode == 0, "\(created.standardError)")
        let profileUDF = String(created.standardOutput.split(separator: "\n").first ?? "")
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = directory.appendingPathComponent("profile.pdf").path
        let escrow = try profile(["escrow", "--print", pdf], store: fixture)
        #expect(escrow.exitCode == 0, "\(escrow.standardError)")
        try tool(["pdftoppm", "-jpeg", "-r", "150", pdf, "p"], in: directory)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        let new = try StoreCLITests.Fixture()
        let recovered = try profile(
            ["recover", "--expect", profileUDF, "--scan", path("p-1.jpg"), path("p-1.jpg"), path("p-2.jpg")],
            store: new
        )
        #expect(recovered.exitCode == 0, "\(recovered.standardError)")
        #expect(recovered.standardOutput.hasPrefix(profileUDF))
        #expect(recovered.standardError.contains("counted once"))

        let derived = try CommandRunner.run(["profile", "derive", "--scan", path("p-2.jpg"), path("p-3.jpg")])
        #expect(derived.exitCode == 0, "\(derived.standardError)")
        #expect(derived.standardOutput.hasPrefix(profileUDF))

        let purged = try profile(["purge", "--yes", "--scan", path("p-3.jpg"), path("p-1.jpg")], store: new)
        #expect(purged.exitCode == 0, "\(purged.standardError)")
        #expect(purged.standardOutput.contains("purged the account seed of \(profileUDF)"))

        let signing = StoreCLITests.udf(try fixture.run(["generate", "--alg", "Ed25519", "--label", "signing"]))
        let entry = path("entry.json")
        let sheets = path("entry.pdf")
        let sealed = try CommandRunner.run([
            "escrow", "seal", "--offline", "-t", "2", "-n", "3", "--key", signing, "--out", entry,
            "--print", sheets, "--store", fixture.store, "--passphrase-file", fixture.passphraseFile,
        ])
        #expect(sealed.exitCode == 0, "\(sealed.standardError)")
        try tool(["pdftoppm", "-jpeg", "-r", "150", sheets, "e"], in: directory)
        let opened = try CommandRunner.run(["escrow", "open", entry, "--scan", path("e-1.jpg"), path("e-3.jpg")])
        #expect(opened.exitCode == 0, "\(opened.standardError)")
        #expect(!opened.standardOutput.isEmpty)
        let short = try CommandRunner.run(["escrow", "open", entry, "--scan", path("e-1.jpg"), path("e-1.jpg")])
        #expect(short.exitCode == 1)
        #expect(short.standardError.contains("insufficient_shares"), "\(short.standardError)")
    }
}
