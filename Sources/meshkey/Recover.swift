import ArgumentParser
import MeshEscrow

extension Meshkey {
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Recover a secret from Mesh share UDFs.",
            discussion: """
                Shares come as arguments, or one per line on standard input when there are none (blank lines \
                are ignored). Any threshold-sized subset recovers the secret; surplus shares are checked, and \
                with two or more surplus shares a bad one is named. The secret is printed as dashed Base32 (a \
                Mesh seed prints as its Z… UDF). On failure nothing is printed on standard output; one line on \
                standard error names the problem and the share, and the exit code is 1.
                """)

        @Argument(help: "Share UDFs (S…). Read from standard input when none are given.")
        var shares: [String] = []

        @Flag(help: "Print one JSON object: {secret, identifier, threshold, used, checked, kind}.")
        var json = false

        func run() throws {
            let (texts, origins) = Meshkey.Recover.sharesFromArgumentsOrStandardInput(shares)
            let recovered: RecoveredSecret
            do {
                recovered = try ShareSet.parse(texts).recover()
            } catch {
                Terminal.error("meshkey recover: \(Self.describe(error, origins: origins))")
                throw ExitCode(1)
            }
            if json {
                let object = JSONValueOut.object([
                    ("secret", .string(recovered.text)),
                    ("identifier", .string(recovered.identifier)),
                    ("threshold", .int(recovered.threshold)),
                    ("used", .array(recovered.usedX.map { .int($0) })),
                    ("checked", .array(recovered.checkedX.map { .int($0) })),
                    ("kind", .string(recovered.kind.rawValue)),
                ])
                Terminal.print(object.text)
            } else {
                Terminal.print(recovered.text)
            }
        }

        /// The shares given as arguments (with "argument N" origins), or read from standard input when none.
        static func sharesFromArgumentsOrStandardInput(_ shares: [String]) -> (texts: [String], origins: [String]) {
            shares.isEmpty ? readStandardInput() : (shares, shares.indices.map { "argument \($0 + 1)" })
        }

        /// Shares from standard input, one per line (blank lines skipped), with "line N" origins.
        static func readStandardInput() -> (texts: [String], origins: [String]) {
            var texts: [String] = []
            var origins: [String] = []
            for (number, line) in Terminal.readLines().enumerated()
            where !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                texts.append(line)
                origins.append("line \(number + 1)")
            }
            return (texts, origins)
        }

        /// One line: code, the share (with where it came from), the reason.
        static func describe(_ error: ShareError, origins: [String]) -> String {
            func name(_ share: ShareError.ShareReference) -> String {
                var details: [String] = []
                if share.position - 1 < origins.count { details.append(origins[share.position - 1]) }
                if let x = share.x { details.append("x=\(x)") }
                return "share \(share.position)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
            }
            if error.code == .inconsistentShares, !error.culprits.isEmpty {
                let names = error.culprits.map(name).joined(separator: ", ")
                let verb = error.culprits.count == 1 ? "does" : "do"
                return "\(error.code.name): \(names) \(verb) not match the other shares (mistyped, or from another set)"
            }
            if let share = error.share {
                return "\(error.code.name): \(name(share)): \(error.reason)"
            }
            return "\(error.code.name): \(error.reason)"
        }
    }
}
