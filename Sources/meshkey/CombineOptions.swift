import ArgumentParser
import MeshCrypto
import MeshKeys

/// The options `recrypt combine` and `threshold combine` share: the partial results to add, as arguments,
/// in files (`--partial-file`, one or more per file, one per line; `-` is standard input) or, when there are
/// neither, one per line on standard input.
struct CombineOptions: ParsableArguments {
    @Option(help: "The algorithm.")
    var alg: KeyAlgorithm

    @Argument(
        help:
            "The partial results (hex); secret: visible to other local users as arguments. Read from standard input when none are given."
    )
    var partials: [String] = []

    @Option(
        name: .customLong("partial-file"),
        help: "Read partial results from this file, one per line (secret input; `-` is standard input; repeatable)."
    )
    var partialFiles: [String] = []

    @Flag(help: "Print one JSON object: {algorithm, agreement_hex, agreement_ext_hex (X)}.")
    var json = false

    /// Reads the partial results, adds them and prints the agreement.
    func run() throws {
        var all = partials
        for file in partialFiles {
            all += try SecretInput.lines(file, option: "--partial-file").map(SecretInput.trimmed).filter { !$0.isEmpty }
        }
        if partials.isEmpty && partialFiles.isEmpty {
            all = try SecretInput.standardInputLines().map(SecretInput.trimmed).filter { !$0.isEmpty }
        }
        guard all.count >= 2 else { throw CommandFailure("invalid_input", "give at least two partial results") }
        let bytes = try all.enumerated().map { try PartialResults.hex($0.element, "partial \($0.offset + 1)") }
        PartialResults.printAgreement(try Recryption.combine(bytes, curve: alg), curve: alg, json: json)
    }
}
