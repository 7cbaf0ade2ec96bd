import ArgumentParser

/// The options `recrypt combine` and `threshold combine` share: the partial results to add.
struct CombineOptions: ParsableArguments {
    @Option(help: "The algorithm.")
    var alg: AlgorithmOption

    @Argument(help: "The partial results (hex).")
    var partials: [String]

    @Flag(help: "Print one JSON object: {algorithm, agreement_hex, agreement_ext_hex (X)}.")
    var json = false

    func run(command: String) throws {
        try AdvancedFiles.combine(partials, curve: alg.curve, json: json, command: command)
    }
}
