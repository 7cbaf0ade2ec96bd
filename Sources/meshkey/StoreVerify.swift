import ArgumentParser
import MeshKeyStore

extension Meshkey.Store {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Open every entry and check it; remove stray temporary files. Exit code 1 if any entry fails.")

        @OptionGroup var options: StoreOptions

        func run() throws {
            let store = try options.open(command: "store verify")
            let report: VerifyReport
            do { report = try store.verify() } catch { fail("store verify", error) }
            for failure in report.failures { Terminal.error("meshkey store verify: \(failure)") }
            var summary = "\(report.verified.count) entries verified, \(report.failures.count) failed"
            if !report.removedTemporaryFiles.isEmpty {
                summary += ", \(report.removedTemporaryFiles.count) stray temporary file(s) removed"
            }
            Terminal.print(summary)
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
