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

extension SecureFile {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Creates `path` with mode 0600 and writes `contents` to it, flushed to disk. An existing file is
    /// never replaced. If anything fails the partial file is removed. Returns whether the containing
    /// folder is private (no group or other access); callers should warn when it is not.
    @discardableResult
    public static func create(path: String, contents: SecureBytes) throws(WriteError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw WriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        var failure: Int32 = 0
        contents.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += result
            }
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure != 0 {
            unlink(path)
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(failure)))")
        }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        var status = stat()
        guard stat(folder.isEmpty ? "/" : folder, &status) == 0 else { return false }
        return status.st_mode & 0o077 == 0
    }

    /// Writes `contents` to `path` atomically, replacing any file there: a new file (mode 0600) next to it,
    /// flushed, then renamed over `path`. On failure nothing at `path` changes. For outputs that a later run
    /// overwrites, such as a JUnit report.
    public static func replace(path: String, contents: SecureBytes) throws(WriteError) {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        try create(path: temporary, contents: contents)
        guard rename(temporary, path) == 0 else {
            let failure = errno
            unlink(temporary)
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }
}
