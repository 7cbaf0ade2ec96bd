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
    @Option(help: "The key store folder (default: $MESHKEY_HOME, else $XDG_DATA_HOME/meshkey, else ~/.local/share/meshkey).")
    var store: String?

    @Option(help: "Read the passphrase from this file (first line; secret input; `-` is standard input). Default: $MESHKEY_PASSPHRASE, else a prompt on the terminal.")
    var passphraseFile: String?

    var location: String {
        var environment: [String: String] = [:]
        for name in ["MESHKEY_HOME", "XDG_DATA_HOME", "HOME"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return KeyStore.location(explicit: store, environment: environment)
    }

    /// The passphrase from --passphrase-file, $MESHKEY_PASSPHRASE or the terminal.
    func passphrase(command: String, confirm: Bool = false) throws -> SecureBytes {
        try Passphrase.read(file: passphraseFile, variable: "MESHKEY_PASSPHRASE", fileOption: "--passphrase-file",
                            prompt: "Passphrase for \(location): ", confirm: confirm, command: command)
    }

    /// Opens the store, asking for the passphrase only if the store has one.
    func open(command: String) throws -> KeyStore {
        do {
            let needed = try KeyStore.needsPassphrase(at: location)
            return try KeyStore.open(at: location, passphrase: needed ? try passphrase(command: command) : nil)
        } catch let error as KeyStoreError {
            fail(command, error)
        }
    }
}

/// Prints one line on standard error and exits with code 1.
func fail(_ command: String, _ message: Any) -> Never {
    Terminal.error("meshkey \(command): \(message)")
    Meshkey.Store.exit(withError: ExitCode(1))
}

/// Writes bytes (possibly secret) straight to standard output, without a String copy.
func writeOut(_ bytes: SecureBytes) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 { if errno == EINTR { continue }; return }
            offset += written
        }
    }
}

enum Passphrase {
    static let maximumCount = 1024

    static func read(file: String?, variable: String, fileOption: String, prompt: String, confirm: Bool,
                     command: String) throws -> SecureBytes {
        if let file {
            let bytes: SecureBytes
            do { bytes = try SecureFile.read(path: file, maximumCount: maximumCount) } catch { fail(command, error) }
            var end = bytes.count
            while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
            // Only the first line counts.
            var firstLineEnd = 0
            while firstLineEnd < end && bytes[firstLineEnd] != 0x0A { firstLineEnd += 1 }
            let passphrase = bytes.slice(0..<firstLineEnd)
            if passphrase.isEmpty { fail(command, "the passphrase in \(file) is empty") }
            return passphrase
        }
        if let value = getenv(variable) {
            let count = strlen(value)
            let passphrase = SecureBytes(UnsafeRawBufferPointer(start: value, count: count))
            if passphrase.isEmpty { fail(command, "$\(variable) is empty") }
            return passphrase
        }
        let first = try fromTerminal(prompt: prompt, variable: variable, fileOption: fileOption, command: command)
        if confirm {
            let second = try fromTerminal(prompt: "Again: ", variable: variable, fileOption: fileOption, command: command)
            if first != second { fail(command, "the two passphrases differ") }
        }
        if first.isEmpty { fail(command, "the passphrase is empty") }
        return first
    }

    /// Reads a line from /dev/tty with echo off.
    static func fromTerminal(prompt: String, variable: String, fileOption: String, command: String) throws -> SecureBytes {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        guard tty >= 0 else {
            fail(command, "a passphrase is needed and there is no terminal to ask on: use \(fileOption) FILE or $\(variable)")
        }
        defer { close(tty) }
        var saved = termios()
        let haveTermios = tcgetattr(tty, &saved) == 0
        if haveTermios {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ICANON)
            _ = tcsetattr(tty, TCSAFLUSH, &quiet)
        }
        defer {
            if haveTermios { var restore = saved; _ = tcsetattr(tty, TCSAFLUSH, &restore) }
        }
        _ = prompt.utf8CString.withUnsafeBufferPointer { write(tty, $0.baseAddress!, $0.count - 1) }
        var buffer = SecureBytes(zeros: maximumCount)
        var count = 0
        buffer.withUnsafeMutableBytes { bytes in
            var byte: UInt8 = 0
            while count < bytes.count {
                let got = ttyRead(tty, &byte)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 || byte == 0x0A || byte == 0x0D { break }
                bytes[count] = byte
                count += 1
            }
            byte = 0
        }
        _ = write(tty, "\n", 1)
        return buffer.slice(0..<count)
    }
}

/// One byte from `descriptor` (POSIX `read`, named apart from `Passphrase.read`).
private func ttyRead(_ descriptor: Int32, _ byte: inout UInt8) -> Int {
    read(descriptor, &byte, 1)
}
