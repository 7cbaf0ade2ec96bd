import ArgumentParser
import MeshCrypto
import MeshkeyKit

/// `meshkey`: keeps master keys safe and recoverable (Mathematical Mesh escrow shares).
@main
struct Meshkey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meshkey",
        abstract: "Keep master keys safe and recoverable: Mesh escrow shares, profiles, an encrypted key store.",
        discussion: """
            Shares are Mathematical Mesh secret-share UDFs (S…), readable by the reference implementation. \
            Recovery is strict: a mistyped character is reported with its position, and surplus shares are \
            used to detect and name a bad share instead of returning a wrong secret.
            """,
        version: MeshkeyVersion.current,
        subcommands: [
            Split.self, Recover.self, Print.self, Key.self, Profile.self, Store.self, Escrow.self, Overlay.self,
            Recrypt.self, Threshold.self, Vectors.self, Device.self, Share.self,
        ]
    )

    /// First thing: no core file and no /proc/<pid>/mem or ptrace access for other processes
    /// (ProcessHardening), before any secret is read; then the command. A command fails in one way: it
    /// throws; a library error (`CodedError`, `CommandFailure` for the CLI's own) is printed here once as
    /// `meshkey <command>: <code>: <reason>` with exit code 1, whether `run()` or an option cross-check in
    /// `validate()` threw it; argument-parser errors (`ValidationError`, a bad option) keep their exit codes.
    static func main() {
        do { try ProcessHardening.apply() } catch {
            Terminal.error(
                "meshkey: \(error.codedDescription); refusing to handle secrets in a process that could be dumped"
            )
            Meshkey.exit(withError: ExitCode(1))
        }
        do {
            var command = try parseAsRoot()
            CommandName.set(for: type(of: command))
            try command.run()
        } catch let error as any CodedError {
            fail(error)
        } catch {
            if let refusal = ValidationRefusal(error) {
                CommandName.set(for: refusal.command)
                fail(refusal.error)
            }
            exit(withError: error)
        }
    }

    /// The one error line, `meshkey <command>: <code>: <reason>`, and exit code 1.
    private static func fail(_ error: any CodedError) -> Never {
        Terminal.error("meshkey \(CommandName.current): \(error.codedDescription)")
        exit(withError: ExitCode(1))
    }
}

/// A `CodedError` that a command's `validate()` threw, found inside the argument parser's error (which
/// holds it with the stack of commands being parsed), so that it is printed like a failure of `run()`.
private struct ValidationRefusal {
    let error: any CodedError
    let command: any ParsableCommand.Type

    init?(_ parserError: any Error) {
        var error: (any CodedError)?
        var commands: [any ParsableCommand.Type] = []
        func search(_ value: Any, depth: Int) {
            if let found = value as? any CodedError {
                error = error ?? found
                return
            }
            // (An empty array of any type casts to this one.)
            if let stack = value as? [any ParsableCommand.Type], !stack.isEmpty {
                if commands.isEmpty { commands = stack }
                return
            }
            guard depth < 6 else { return }
            for child in Mirror(reflecting: value).children { search(child.value, depth: depth + 1) }
        }
        search(parserError, depth: 0)
        guard let error, let command = commands.last else { return nil }
        self.error = error
        self.command = command
    }
}
