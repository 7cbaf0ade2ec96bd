#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading secret files straight into secure memory (no intermediate `Data` or array copies).
public enum SecureFile {
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The whole file at `path`, which must hold 1 … `maximumCount` bytes.
    public static func read(path: String, maximumCount: Int) throws(ReadError) -> SecureBytes {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var bytes = SecureBytes(zeros: maximumCount + 1)
        var total = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            while total < buffer.count {
                let got = systemRead(descriptor, buffer.baseAddress! + total, buffer.count - total)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { break }
                total += got
            }
        }
        if failure != 0 { throw ReadError(description: "cannot read \(path): \(String(cString: strerror(failure)))") }
        guard total > 0 else { throw ReadError(description: "\(path) is empty") }
        guard total <= maximumCount else {
            throw ReadError(description: "\(path) holds more than \(maximumCount) bytes")
        }
        return bytes.slice(0..<total)
    }
}

/// POSIX `read`, named apart from ``SecureFile/read(path:maximumCount:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
