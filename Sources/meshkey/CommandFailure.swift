import MeshCrypto

/// The one way a command fails: `run()` throws, and `Meshkey.main` prints the error once on standard error as
/// `meshkey <command>: <code>: <reason>` (the command's full name, such as `store init`) and exits with code 1.
/// Library errors (`CodedError`) are thrown as they are; `CommandFailure` is for what only the CLI knows
/// (an option's file that does not exist, an answer at a prompt).
struct CommandFailure: CodedError {
    let errorCode: String
    let reason: String

    init(_ code: String, _ reason: String) {
        self.errorCode = code
        self.reason = reason
    }

    /// A library error with the option or input it came from put before its reason (`--out: …`), after
    /// its code; a place the error names itself (a path, an entry) stays in the reason.
    init(_ error: some CodedError, at origin: String) {
        let line = error.codedDescription
        let prefix = error.errorCode + ": "
        self.init(error.errorCode, "\(origin): \(line.hasPrefix(prefix) ? String(line.dropFirst(prefix.count)) : line)")
    }

    var description: String { codedDescription }
}
