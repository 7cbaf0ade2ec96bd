import Foundation

/// Runs a built executable and captures what it printed.
public struct CommandResult: Sendable {
    public let exitCode: Int32
    public let standardOutput: String
    public let standardError: String
}

public enum CommandRunner {
    /// Runs `product` (an executable of this package) with `arguments`, feeding `input` on standard input.
    public static func run(_ arguments: [String], input: String? = nil, product: String = "meshkey") throws -> CommandResult {
        let process = Process()
        process.executableURL = Paths.productsDirectory.appendingPathComponent(product)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(exitCode: process.terminationStatus,
                             standardOutput: String(decoding: outData, as: UTF8.self),
                             standardError: String(decoding: errData, as: UTF8.self))
    }
}
