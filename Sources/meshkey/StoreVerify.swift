import ArgumentParser
import MeshKeyStore

extension Meshkey.Store {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Open every entry and check it; remove stray temporary files. Exit code 1 if any entry fails."
        )

        @OptionGroup var options: StoreOptions

        func run() throws {
            let report = try options.open().verify()
            // A report: every bad entry is named, then the summary, then the exit code is 1.
            for failure in report.failures { Terminal.note(failure.codedDescription) }
            var summary = "\(report.verified.count) entries verified, \(report.failures.count) failed"
            if !report.removedTemporaryFiles.isEmpty {
                summary += ", \(report.removedTemporaryFiles.count) stray temporary file(s) removed"
            }
            Terminal.print(summary)
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
