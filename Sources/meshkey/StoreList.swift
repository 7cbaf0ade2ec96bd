import ArgumentParser
import MeshCrypto
import MeshKeyStore
import MeshKeys
import MeshMath

extension Meshkey.Store {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract:
                "List the entries (each is opened and checked; a bad entry is named on standard error and the exit code is 1)."
        )

        @OptionGroup var options: StoreOptions

        @Flag(help: "Print a JSON array of {udf, type, algorithm, exportable, created, label?, public_hex?}.")
        var json = false

        func run() throws {
            let result = try options.open().list()
            if json {
                Terminal.print(JSONValueOut.array(result.entries.map(Self.json)).text)
            } else {
                for entry in result.entries {
                    let flags = entry.exportable ? "exportable" : "non-exportable"
                    Terminal.print(
                        "\(entry.udf)  \(entry.type.rawValue)  \(entry.algorithm)  \(flags)\(entry.label.map { "  \(KeyLabel.displayed($0))" } ?? "")"
                    )
                }
            }
            // A report: every bad entry is named, then the exit code is 1.
            for failure in result.failures { Terminal.note(failure.codedDescription) }
            if !result.failures.isEmpty { throw ExitCode(1) }
        }

        static func json(_ entry: StoreEntry) -> JSONValueOut {
            var members: [(String, JSONValueOut)] = [
                ("udf", .string(entry.udf)), ("type", .string(entry.type.rawValue)),
                ("algorithm", .string(entry.algorithm)),
                ("exportable", .bool(entry.exportable)), ("created", .string(entry.created)),
            ]
            if let label = entry.label { members.append(("label", .string(label))) }
            if let key = entry.publicKey { members.append(("public_hex", .string(Hex.encode(key)))) }
            if let group = entry.group, case .share(let curve) = entry.kind {
                members.append(("group_udf", .string(KeyFingerprint.udf(curve: curve, key: group))))
                members.append(("group_hex", .string(Hex.encode(group))))
            }
            return .object(members)
        }
    }
}
