import MeshCrypto

/// Secret inputs that do not come from the command line: a file, or standard input (`-`, or when the
/// command reads standard input by default). Command-line arguments are readable by every local user
/// (`/proc/<pid>/cmdline`, `ps`), so every secret a command takes can come this way too (Docs/security.md,
/// "Secret inputs"). At most ``SecureFile/inputLimit`` (16 MiB) is read from standard input or such a file.
enum SecretInput {
    /// The whole of `path` (`-`: standard input), at most `maximumCount` bytes; on failure one line
    /// `meshkey <command>: <code>: <option>: <reason>` and exit code 1.
    static func bytes(_ path: String, option: String, command: String, maximumCount: Int = SecureFile.inputLimit) -> SecureBytes {
        do { return try SecureFile.read(path: path, maximumCount: maximumCount) } catch {
            fail(command, "\(error.code.rawValue): \(option): \(error.description)")
        }
    }

    /// The first non-blank line of `path` (`-`: standard input), without surrounding spaces: a seed UDF or
    /// another one-line secret.
    static func line(_ path: String, option: String, command: String) -> String {
        let bytes = bytes(path, option: option, command: command, maximumCount: 1 << 16)
        guard let first = SecureFile.lines(bytes).lazy.map(trimmed).first(where: { !$0.isEmpty }) else {
            fail(command, "\(SecureFile.ReadError.Code.empty.rawValue): \(option): \(path == "-" ? "standard input" : path) has no non-blank line")
        }
        return first
    }

    /// The lines of `path` (`-`: standard input), blank lines included (callers skip them).
    static func lines(_ path: String, option: String, command: String) -> [String] {
        SecureFile.lines(bytes(path, option: option, command: command))
    }

    /// The lines of standard input (possibly none), at most 16 MiB in all.
    static func standardInputLines(command: String) -> [String] {
        do { return SecureFile.lines(try SecureFile.readStandardInput()) } catch {
            fail(command, "\(error.code.rawValue): \(error.description)")
        }
    }

    static func trimmed(_ line: String) -> String {
        String(line.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).reversed())
    }
}
