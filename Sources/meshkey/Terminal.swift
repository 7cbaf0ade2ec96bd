#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error, without Foundation.
enum Terminal {
    static func print(_ line: String) {
        Swift.print(line)
    }

    /// A note or warning of the running command on standard error: `meshkey <command>: <message>`.
    static func note(_ message: String) {
        error("meshkey \(CommandName.current): \(message)")
    }

    /// One line on standard error.
    static func error(_ line: String) {
        let text = line + "\n"
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(2, buffer.baseAddress!, buffer.count - 1)
        }
    }
}
