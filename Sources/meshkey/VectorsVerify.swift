import ArgumentParser
import MeshVectors

extension Meshkey.Vectors {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Run conformance vector files (format 1).",
            discussion: """
                Prints a line per failed vector and, last, `N passed, M failed, K skipped`. Vectors of kinds this \
                build does not implement are skipped and counted as skipped, never as passed. The exit code is \
                non-zero if any vector failed or a file could not be run (unreadable, or a format other than 1).
                """)

        @Argument(help: "Vector files (at most 16 MiB each; `-` is standard input).")
        var files: [String]

        @Flag(help: "Also list skipped vectors.")
        var verbose = false

        func run() throws {
            var summary = VectorRunner.Summary()
            var unreadable = 0
            var skippedKinds: [String: Int] = [:]
            for path in files {
                let file: VectorFile
                do { file = try VectorFile(path: path) } catch {
                    Terminal.error("error: \(error)")
                    unreadable += 1
                    continue
                }
                let outcomes = VectorRunner.run(file)
                for outcome in outcomes {
                    switch outcome.status {
                    case .passed: break
                    case .failed(let reason):
                        Terminal.print("FAIL \(outcome.file) \(outcome.id) [\(outcome.kind)]: \(reason)")
                    case .skipped(let reason):
                        skippedKinds[outcome.kind, default: 0] += 1
                        if verbose { Terminal.print("SKIP \(outcome.file) \(outcome.id): \(reason)") }
                    }
                }
                summary.add(outcomes)
            }
            if !skippedKinds.isEmpty {
                let kinds = skippedKinds.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
                Terminal.print("skipped kinds not implemented yet: \(kinds.joined(separator: ", "))")
            }
            if unreadable > 0 { Terminal.print("\(unreadable) file\(unreadable == 1 ? "" : "s") could not be run") }
            Terminal.print(summary.line)
            if summary.failed > 0 || unreadable > 0 { throw ExitCode(1) }
        }
    }
}
