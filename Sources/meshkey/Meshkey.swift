import ArgumentParser
import MeshCrypto

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
        version: "0.1.0",
        subcommands: [
            Split.self, Recover.self, Print.self, Key.self, Profile.self, Store.self, Escrow.self, Overlay.self,
            Recrypt.self, Threshold.self, Vectors.self, Device.self, Share.self,
        ])

    /// First thing: no core file and no /proc/<pid>/mem or ptrace access for other processes
    /// (ProcessHardening), before any secret is read; then the command. A command fails in one way: it
    /// throws; a library error (`CodedError`, `CommandFailure` for the CLI's own) is printed here once as
    /// `meshkey <command>: <code>: <reason>` with exit code 1; argument-parser errors keep their exit codes.
    static func main() {
        do { try ProcessHardening.apply() } catch {
            Terminal.error("meshkey: process_hardening_failed: \(error.description); refusing to handle secrets in a process that could be dumped")
            Meshkey.exit(withError: ExitCode(1))
        }
        do {
            var command = try parseAsRoot()
            CommandName.set(for: type(of: command))
            do {
                try command.run()
            } catch let error as any CodedError {
                Terminal.error("meshkey \(CommandName.current): \(error.codedDescription)")
                exit(withError: ExitCode(1))
            }
        } catch {
            exit(withError: error)
        }
    }
}
