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

    /// One line on standard error.
    static func error(_ line: String) {
        let text = line + "\n"
        text.utf8CString.withUnsafeBufferPointer { buffer in
            _ = write(2, buffer.baseAddress!, buffer.count - 1)
        }
    }
}
