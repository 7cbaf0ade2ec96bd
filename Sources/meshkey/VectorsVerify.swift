import ArgumentParser
import MeshCrypto
import MeshVectors

extension Meshkey.Vectors {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Run conformance vector files (format 1).",
            discussion: """
                Prints a line per failed vector, a line of counts per file, and, last, `N passed, M failed, K \
                skipped`. Vectors of kinds this build does not implement are skipped and counted as skipped, never \
                as passed. A malformed vector fails by itself; the rest of its file still runs. The exit code is 1 \
                if any vector failed or a file could not be run (unreadable, or a format other than 1); with \
                --strict also if any vector was skipped or a file had no vector that passed. --json prints the \
                whole report as one JSON object instead of text (Docs/formats.md); --junit writes JUnit XML for CI \
                systems (each file a test suite, each vector a test case).
                """
        )

        @Argument(help: "Vector files (at most 16 MiB each; `-` is standard input).")
        var files: [String]

        @Flag(help: "Also list skipped vectors.")
        var verbose = false

        @Flag(help: "Fail the run if any vector is skipped or a file has no vector that passed.")
        var strict = false

        @Flag(help: "Print the report as one JSON object on standard output.")
        var json = false

        @Option(
            help: ArgumentHelp(
                "Also write the report as JUnit XML to this file (replaced if it exists).",
                valueName: "file"
            )
        )
        var junit: String?

        func run() throws {
            let report = VectorReport(paths: files)
            if let junit {
                try SecureFile.replace(path: junit, contents: SecureBytes(Array(report.junitXML(strict: strict).utf8)))
            }
            let problems = report.problems(strict: strict)
            if json {
                print(report.json(strict: strict), terminator: "")
            } else {
                printText(report)
                if strict, !problems.isEmpty, report.summary.failed == 0, report.unreadableFiles == 0 {
                    Terminal.print("strict: \(problems.joined(separator: "; "))")
                }
            }
            if !problems.isEmpty { throw ExitCode(1) }
        }

        private func printText(_ report: VectorReport) {
            for file in report.files {
                if let error = file.error {
                    Terminal.error("error: \(file.name): \(error)")
                    continue
                }
                for outcome in file.outcomes {
                    switch outcome.status {
                    case .passed: break
                    case .failed(let reason):
                        Terminal.print("FAIL \(outcome.file) \(outcome.id) [\(outcome.kind)]: \(reason)")
                    case .skipped(let reason):
                        if verbose { Terminal.print("SKIP \(outcome.file) \(outcome.id): \(reason)") }
                    }
                }
                Terminal.print("\(file.name): \(file.summary.line)")
            }
            let kinds = report.skippedKinds
            if !kinds.isEmpty {
                let listed = kinds.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
                Terminal.print("skipped kinds not implemented yet: \(listed.joined(separator: ", "))")
            }
            let unreadable = report.unreadableFiles
            if unreadable > 0 { Terminal.print("\(unreadable) file\(unreadable == 1 ? "" : "s") could not be run") }
            Terminal.print(report.summary.line)
        }
    }
}
