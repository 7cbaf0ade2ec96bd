import MeshKeyStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The confirmation destructive commands ask for. Only when standard input is a terminal: then the
/// question is asked there and only `y` or `yes` goes on. When standard input is not a terminal (a
/// script, a pipe, a file) or `--yes` is given, nothing is asked.
enum Confirmation {
    /// Asks `question [y/N] ` on the terminal; on any other answer, refuses with `cancelled` (exit 1).
    static func require(_ question: String, yes: Bool) throws {
        guard !yes, isatty(0) == 1 else { return }
        var tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        let opened = tty >= 0
        if !opened { tty = 0 }
        defer { if opened { close(tty) } }
        let prompt = question + " [y/N] "
        _ = prompt.utf8CString.withUnsafeBufferPointer { write(opened ? tty : 2, $0.baseAddress!, $0.count - 1) }
        var answer: [UInt8] = []
        var byte: UInt8 = 0
        while answer.count < 64 {
            let got = read(tty, &byte, 1)
            if got < 0 && errno == EINTR { continue }
            if got <= 0 || byte == 0x0A || byte == 0x0D { break }
            answer.append(byte)
        }
        let text = String(decoding: answer, as: UTF8.self).trimmingPrefix(while: { $0 == " " }).lowercased()
        let word = text.split(separator: " ").first.map(String.init) ?? ""
        guard word == "y" || word == "yes" else {
            throw CommandFailure(
                "cancelled",
                "not confirmed; nothing was removed (answer y to go on; --yes skips the question)"
            )
        }
    }

    /// How the question names an entry: "the account seed Z…", "entry M… (label)", or the UDF given.
    static func name(_ entry: StoreEntry?, udf: String) -> String {
        guard let entry else { return "entry \(udf.uppercased())" }
        return
            "\(entry.isAccountSeed ? "the account seed" : "entry") \(entry.udf)\(entry.label.map { " (\($0))" } ?? "")"
    }

    /// The rule, for --help texts.
    static let helpText =
        "When standard input is a terminal, asks for confirmation there first (only y or yes goes on; any other answer removes nothing, exit 1); when it is not (a pipe or a file, as in scripts), asks nothing. --yes skips the question."
}
