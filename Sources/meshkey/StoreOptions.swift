import ArgumentParser
import MeshCrypto
import MeshKeyStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options every `meshkey store …` command shares: where the store is and where its passphrase comes from.
struct StoreOptions: ParsableArguments {
    @Option(
        help: "The key store folder (default: $MESHKEY_HOME, else $XDG_DATA_HOME/meshkey, else ~/.local/share/meshkey)."
    )
    var store: String?

    @Option(
        help:
            "Read the passphrase from this file (first line; secret input; `-` is standard input; a file must not be readable or writable by group or others). Default: $MESHKEY_PASSPHRASE, else a prompt on the terminal."
    )
    var passphraseFile: String?

    @Option(
        name: .customLong("passphrase-fd"),
        help: ArgumentHelp(
            "Read the passphrase from this already-open file descriptor (first line; secret input), as gpg does: `meshkey store list --passphrase-fd 3 3<file`. Excludes --passphrase-file.",
            valueName: "n"
        )
    )
    var passphraseFd: Int32?

    @Flag(
        help:
            "Open a store made with --insecure-no-passphrase (its master key is in clear). Without this flag such a store is refused, and a passphrase given to it is an error."
    )
    var unprotected = false

    /// --unprotected excludes a passphrase source: `unprotected_store`.
    func validate() throws {
        if unprotected && passphraseFile != nil {
            throw CommandFailure("unprotected_store", "--unprotected and --passphrase-file exclude each other")
        }
        if unprotected && passphraseFd != nil {
            throw CommandFailure("unprotected_store", "--unprotected and --passphrase-fd exclude each other")
        }
        try Passphrase.checkSources(
            file: passphraseFile,
            fd: passphraseFd,
            fileOption: "--passphrase-file",
            fdOption: "--passphrase-fd"
        )
    }

    /// The store folder; a `no_home` refusal when there is none (never a path relative to the working
    /// directory).
    func location() throws(KeyStoreError) -> String {
        var environment: [String: String] = [:]
        for name in ["MESHKEY_HOME", "XDG_DATA_HOME", "HOME"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return try KeyStore.location(explicit: store, environment: environment)
    }

    /// The passphrase from --passphrase-file, --passphrase-fd, $MESHKEY_PASSPHRASE or the terminal. With
    /// `confirm` it is a new passphrase: asked twice at a terminal (see `Passphrase.warnIfWeak`).
    func passphrase(confirm: Bool = false) throws -> SecureBytes {
        let location = try location()
        return try Passphrase.read(
            file: passphraseFile,
            fd: passphraseFd,
            variable: "MESHKEY_PASSPHRASE",
            fileOption: "--passphrase-file",
            fdOption: "--passphrase-fd",
            prompt: confirm ? "New passphrase for \(location): " : "Passphrase for \(location): ",
            confirm: confirm
        )
    }

    /// True when the passphrase will be asked on the terminal (no file, descriptor or variable).
    var passphraseFromTerminal: Bool {
        passphraseFile == nil && passphraseFd == nil && getenv("MESHKEY_PASSPHRASE") == nil
    }

    /// Opens the store. With --unprotected, only a store without a passphrase opens; without it, a
    /// passphrase is always read (a header saying "none" is refused, never silently trusted).
    func open() throws -> KeyStore {
        let location = try location()
        if unprotected {
            try validate()
            return try KeyStore.open(at: location, passphrase: nil)
        }
        // No prompt for a store whose header says it has no passphrase: refuse at once.
        if passphraseFromTerminal, try !KeyStore.needsPassphrase(at: location) {
            throw KeyStoreError(
                .unprotectedStore,
                "store.json says this store has no passphrase: if it was made with --insecure-no-passphrase, pass --unprotected; otherwise store.json was replaced, do not use this store",
                path: location
            )
        }
        // At a terminal a wrong passphrase may be typed again, up to `Passphrase.tries` times in all;
        // from a file, a descriptor or the variable there is one try, as before.
        var attempt = 1
        while true {
            do {
                return try KeyStore.open(at: location, passphrase: try passphrase())
            } catch let error as KeyStoreError
                where error.code == .wrongPassphrase && passphraseFromTerminal && attempt < Passphrase.tries
            {
                attempt += 1
                Passphrase.tell("Wrong passphrase; try again (attempt \(attempt) of \(Passphrase.tries)).")
            }
        }
    }

}

/// Writes bytes (possibly secret) straight to standard output, without a String copy.
func writeOut(_ bytes: SecureBytes) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

enum Passphrase {
    static let maximumCount = 1024

    /// How many times a passphrase may be typed at a terminal (a wrong one when opening, or two entries
    /// that differ for a new one) before the command fails as with one try.
    static let tries = 3

    /// The passphrase from `file`, the descriptor `fd`, `$variable` or the terminal (asked twice with
    /// `confirm`). Refusals: `invalid_input` (both a file and a descriptor), the file's read error,
    /// `insecure_permissions`, `bad_fd`, `passphrase_too_long`, `empty_passphrase`, `no_terminal`; two
    /// entries of a new passphrase that differ three times end the command with exit code 1.
    static func read(
        file: String?,
        fd: Int32? = nil,
        variable: String,
        fileOption: String,
        fdOption: String = "--passphrase-fd",
        prompt: String,
        confirm: Bool
    ) throws -> SecureBytes {
        try checkSources(file: file, fd: fd, fileOption: fileOption, fdOption: fdOption)
        if let file {
            try checkFileMode(file)
            let passphrase = firstLine(try SecureFile.read(path: file, maximumCount: maximumCount))
            if passphrase.isEmpty { throw CommandFailure("empty_passphrase", "the passphrase in \(file) is empty") }
            return passphrase
        }
        if let fd {
            let passphrase = try fromDescriptor(fd, option: fdOption)
            if passphrase.isEmpty {
                throw CommandFailure(
                    "empty_passphrase",
                    "the passphrase on file descriptor \(fd) (\(fdOption)) is empty"
                )
            }
            return passphrase
        }
        if let value = getenv(variable) {
            let count = strlen(value)
            let passphrase = SecureBytes(UnsafeRawBufferPointer(start: value, count: count))
            if passphrase.isEmpty { throw CommandFailure("empty_passphrase", "$\(variable) is empty") }
            return passphrase
        }
        var attempt = 1
        while true {
            let first = try fromTerminal(prompt: prompt, variable: variable, fileOption: fileOption)
            if !confirm {
                if first.isEmpty { throw CommandFailure("empty_passphrase", "the passphrase is empty") }
                return first
            }
            let second = try fromTerminal(
                prompt: "Repeat the new passphrase: ",
                variable: variable,
                fileOption: fileOption
            )
            if first == second {
                if first.isEmpty { throw CommandFailure("empty_passphrase", "the passphrase is empty") }
                return first
            }
            if attempt >= tries {
                // The one refusal printed without a code: `meshkey <command>: the two passphrases differ`, as
                // people and scripts know it.
                Terminal.note("the two passphrases differ")
                throw ExitCode(1)
            }
            attempt += 1
            tell("The two passphrases differ; try again (attempt \(attempt) of \(tries)).")
        }
    }

    /// A passphrase comes from a file or from a descriptor, not both: `invalid_input`.
    static func checkSources(file: String?, fd: Int32?, fileOption: String, fdOption: String) throws {
        if file != nil && fd != nil {
            throw CommandFailure("invalid_input", "\(fileOption) and \(fdOption) exclude each other")
        }
    }

    /// The weak-passphrase warning on standard error, for a new passphrase once it has been set (so that a
    /// refusal stays one line and a warning never precedes a failure). Never a refusal.
    static func warnIfWeak(_ passphrase: SecureBytes?) {
        guard let passphrase, PassphraseStrength.isWeak(passphrase) else { return }
        Terminal.note("warning: weak_passphrase: \(PassphraseStrength.warning)")
    }

    /// The first line: trailing CR and LF bytes dropped, then the bytes before the first LF.
    static func firstLine(_ bytes: SecureBytes) -> SecureBytes {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        var firstLineEnd = 0
        while firstLineEnd < end && bytes[firstLineEnd] != 0x0A { firstLineEnd += 1 }
        return bytes.slice(0..<firstLineEnd)
    }

    /// Reads the first line from an open file descriptor (not closed afterwards: the caller owns it). A bad
    /// descriptor or a read error is a `bad_fd` refusal; more than `maximumCount` bytes on the line is refused.
    static func fromDescriptor(_ fd: Int32, option: String) throws -> SecureBytes {
        guard fd >= 0, fcntl(fd, F_GETFD) != -1 else {
            throw CommandFailure(
                "bad_fd",
                "\(option) \(fd) is not an open file descriptor (open it for the command, e.g. `\(option) 3 3<FILE`, or use a file)"
            )
        }
        var buffer = SecureBytes(zeros: maximumCount + 1)
        var count = 0
        var failure: Int32 = 0
        buffer.withUnsafeMutableBytes { bytes in
            var byte: UInt8 = 0
            while count < bytes.count {
                let got = ttyRead(fd, &byte)
                if got < 0 && errno == EINTR { continue }
                if got < 0 {
                    failure = errno
                    break
                }
                if got == 0 || byte == 0x0A { break }
                bytes[count] = byte
                count += 1
            }
            byte = 0
        }
        if failure != 0 {
            throw CommandFailure("bad_fd", "cannot read \(option) \(fd): \(String(cString: strerror(failure)))")
        }
        if count > maximumCount {
            throw CommandFailure(
                "passphrase_too_long",
                "the passphrase on file descriptor \(fd) is longer than \(maximumCount) bytes; it was refused, not truncated"
            )
        }
        return firstLine(buffer.slice(0..<count))
    }

    /// One line to the person at the terminal (a retry notice); nothing if there is no terminal.
    static func tell(_ line: String) {
        let tty = open("/dev/tty", O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard tty >= 0 else { return }
        defer { close(tty) }
        let text = line + "\n"
        _ = text.utf8CString.withUnsafeBufferPointer { write(tty, $0.baseAddress!, $0.count - 1) }
    }

    /// Refuses a regular passphrase file that group or others may read or write (as ssh does for keys).
    static func checkFileMode(_ file: String) throws {
        var status = stat()
        guard stat(file, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_mode & 0o077 != 0 else { return }
        let mode = String(status.st_mode & 0o777, radix: 8)
        throw CommandFailure(
            "insecure_permissions",
            "\(file) has mode 0\(mode); a passphrase file must be readable by its owner only (chmod 600 \(file))"
        )
    }

    /// Reads a line from /dev/tty with echo off. Echo is restored on SIGINT, SIGTERM, SIGHUP and SIGQUIT
    /// too (the handler restores the terminal, then the signal kills the process as usual). A line longer
    /// than `maximumCount` bytes is refused, never truncated.
    static func fromTerminal(prompt: String, variable: String, fileOption: String) throws -> SecureBytes {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard tty >= 0 else {
            throw CommandFailure(
                "no_terminal",
                "a passphrase is needed and there is no terminal to ask on: use \(fileOption) FILE or $\(variable)"
            )
        }
        defer { close(tty) }
        var saved = termios()
        let haveTermios = tcgetattr(tty, &saved) == 0
        if haveTermios {
            PromptSignals.install(tty: tty, saved: saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ICANON)
            _ = tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        defer {
            if haveTermios {
                var restore = saved
                _ = tcsetattr(tty, TCSAFLUSH, &restore)
                PromptSignals.remove()
            }
        }
        _ = prompt.utf8CString.withUnsafeBufferPointer { write(tty, $0.baseAddress!, $0.count - 1) }
        var buffer = SecureBytes(zeros: maximumCount)
        var count = 0
        var tooLong = false
        buffer.withUnsafeMutableBytes { bytes in
            var byte: UInt8 = 0
            while true {
                let got = ttyRead(tty, &byte)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 || byte == 0x0A || byte == 0x0D { break }
                // Past the limit the rest of the line is read and dropped, and the passphrase refused.
                if count < bytes.count {
                    bytes[count] = byte
                    count += 1
                } else {
                    tooLong = true
                }
            }
            byte = 0
        }
        _ = write(tty, "\n", 1)
        if tooLong {
            throw CommandFailure(
                "passphrase_too_long",
                "the passphrase typed is longer than \(maximumCount) bytes; it was refused, not truncated (use at most \(maximumCount) bytes)"
            )
        }
        return buffer.slice(0..<count)
    }

}

/// One byte from `descriptor` (POSIX `read`, named apart from `Passphrase.read`).
private func ttyRead(_ descriptor: Int32, _ byte: inout UInt8) -> Int {
    read(descriptor, &byte, 1)
}

/// Restores the terminal's saved mode if a signal ends the process at the passphrase prompt.
enum PromptSignals {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func install(tty: Int32, saved: termios) {
        promptTTY = tty
        promptSaved.pointee = saved
        previousHandlers = signals.map { signal($0, restoreTerminalAndDie) }
    }

    static func remove() {
        for (number, previous) in zip(signals, previousHandlers) { _ = signal(number, previous) }
        promptTTY = -1
    }
}

nonisolated(unsafe) private var promptTTY: Int32 = -1
/// The terminal mode to restore, on the heap: a Swift global of the imported `termios` type was laid out in
/// 57 bytes (packed) while copies of it move the C struct's 60, which AddressSanitizer reported as a
/// global-buffer-overflow when the prompt installed its signal handlers. Set before the handlers are installed.
nonisolated(unsafe) private let promptSaved: UnsafeMutablePointer<termios> = {
    let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    pointer.initialize(to: termios())
    return pointer
}()
nonisolated(unsafe) private var previousHandlers: [(@convention(c) (Int32) -> Void)?] = []

/// Async-signal-safe: tcsetattr, signal, raise.
private func restoreTerminalAndDie(_ number: Int32) {
    if promptTTY >= 0 {
        _ = tcsetattr(promptTTY, TCSANOW, promptSaved)
        _ = write(promptTTY, "\n", 1)
    }
    signal(number, SIG_DFL)
    raise(number)
}
