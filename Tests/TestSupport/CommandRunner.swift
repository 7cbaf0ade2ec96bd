import Foundation

/// Runs a built executable and captures what it printed.
public struct CommandResult: Sendable {
    public let exitCode: Int32
    public let standardOutput: String
    public let standardError: String
}

public enum CommandRunner {
    /// Runs `product` (an executable of this package) with `arguments`, feeding `input` on standard input.
    /// With `diskFull`, it runs through the shell with a one-block file-size limit (SIGXFSZ ignored, so that
    /// writes fail with EFBIG). A process killed by a signal reports 128 + the signal number.
    public static func run(
        _ arguments: [String],
        input: String? = nil,
        product: String = "meshkey",
        diskFull: Bool = false
    ) throws -> CommandResult {
        let binary = Paths.productsDirectory.appendingPathComponent(product).path
        if diskFull {
            return try launch(
                "/bin/sh",
                ["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"", binary] + arguments,
                input: input
            )
        }
        return try launch(binary, arguments, input: input)
    }

    /// Runs a bash script of the package (`path` relative to the package root) with the built `meshkey` as its
    /// first argument, followed by `arguments`.
    public static func runScript(_ path: String, arguments: [String] = []) throws -> CommandResult {
        try launch(
            "/bin/bash",
            [
                Paths.packageRoot.appendingPathComponent(path).path,
                Paths.productsDirectory.appendingPathComponent("meshkey").path,
            ] + arguments,
            input: nil
        )
    }

    private static func launch(_ executable: String, _ arguments: [String], input: String?) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // Standard error goes to a file, so that neither pipe can fill up while the other is read.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "meshkey-stderr-\(UUID().uuidString)"
        )
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let error = try FileHandle(forWritingTo: errorFile)
        defer { try? error.close() }
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errorFile)) ?? Data()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return CommandResult(
            exitCode: status,
            standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self)
        )
    }
}
