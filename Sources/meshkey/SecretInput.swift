import MeshCrypto

/// Secret inputs that do not come from the command line: a file, or standard input (`-`, or when the
/// command reads standard input by default). Command-line arguments are readable by every local user
/// (`/proc/<pid>/cmdline`, `ps`), so every secret a command takes can come this way too (Docs/security.md,
/// "Secret inputs"). At most ``SecureFile/inputLimit`` (16 MiB) is read from standard input or such a file.
enum SecretInput {
    /// The whole of `path` (`-`: standard input), at most `maximumCount` bytes. A read error is thrown with
    /// the option before its reason: `<code>: <option>: <reason>`.
    static func bytes(_ path: String, option: String, maximumCount: Int = SecureFile.inputLimit) throws -> SecureBytes {
        do { return try SecureFile.read(path: path, maximumCount: maximumCount) } catch {
            throw CommandFailure(error, at: option)
        }
    }

    /// The first non-blank line of `path` (`-`: standard input), without surrounding spaces: a seed UDF or
    /// another one-line secret.
    static func line(_ path: String, option: String) throws -> String {
        let bytes = try bytes(path, option: option, maximumCount: 1 << 16)
        guard let first = SecureFile.lines(bytes).lazy.map(trimmed).first(where: { !$0.isEmpty }) else {
            throw CommandFailure(
                SecureFile.ReadError.Code.empty.rawValue,
                "\(option): \(path == "-" ? "standard input" : path) has no non-blank line"
            )
        }
        return first
    }

    /// The lines of `path` (`-`: standard input), blank lines included (callers skip them).
    static func lines(_ path: String, option: String) throws -> [String] {
        SecureFile.lines(try bytes(path, option: option))
    }

    /// The lines of standard input (possibly none), at most 16 MiB in all.
    static func standardInputLines() throws(SecureFile.ReadError) -> [String] {
        SecureFile.lines(try SecureFile.readStandardInput())
    }

    static func trimmed(_ line: String) -> String {
        String(
            line.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: {
                $0 == " " || $0 == "\t" || $0 == "\r"
            }).reversed()
        )
    }
}
