import ArgumentParser
import MeshCrypto

/// The options `recrypt combine` and `threshold combine` share: the partial results to add, as arguments,
/// in files (`--partial-file`, one or more per file, one per line; `-` is standard input) or, when there are
/// neither, one per line on standard input.
struct CombineOptions: ParsableArguments {
    @Option(help: "The algorithm.")
    var alg: KeyAlgorithm

    @Argument(help: "The partial results (hex); secret: visible to other local users as arguments. Read from standard input when none are given.")
    var partials: [String] = []

    @Option(name: .customLong("partial-file"),
            help: "Read partial results from this file, one per line (secret input; `-` is standard input; repeatable).")
    var partialFiles: [String] = []

    @Flag(help: "Print one JSON object: {algorithm, agreement_hex, agreement_ext_hex (X)}.")
    var json = false

    func run(command: String) throws {
        var all = partials
        for file in partialFiles {
            all += SecretInput.lines(file, option: "--partial-file", command: command).map(SecretInput.trimmed).filter { !$0.isEmpty }
        }
        if partials.isEmpty && partialFiles.isEmpty {
            all = SecretInput.standardInputLines(command: command).map(SecretInput.trimmed).filter { !$0.isEmpty }
        }
        try AdvancedFiles.combine(all, curve: alg, json: json, command: command)
    }
}
