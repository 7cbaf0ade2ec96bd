import ArgumentParser
import MeshCrypto

// The failure mechanisms before the one failure path (a command throws; `Meshkey.main` prints the line),
// kept for the commands not converted yet and for the deprecated `command:` wrappers of the input helpers.
// They go once every command throws.

/// Prints one line on standard error and exits with code 1.
@available(*, deprecated, message: "throw the error (a CodedError, or CommandFailure): Meshkey.main prints it")
func fail(_ command: String, _ message: Any) -> Never {
    Terminal.error("meshkey \(command): \(message)")
    Meshkey.Store.exit(withError: ExitCode(1))
}

/// Runs `body` for a caller that has no failure path yet: a thrown `CodedError` is printed as
/// `meshkey <command>: <code>: <reason>` and ends the process with exit code 1.
func exitOnFailure<T>(_ command: String, _ body: () throws -> T) -> T {
    do { return try body() } catch let error as any CodedError {
        Terminal.error("meshkey \(command): \(error.codedDescription)")
        Meshkey.Store.exit(withError: ExitCode(1))
    } catch {
        Meshkey.Store.exit(withError: error)
    }
}
