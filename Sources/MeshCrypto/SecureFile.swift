#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading secret files straight into secure memory (no intermediate `Data` or array copies). The path
/// `-` means standard input, wherever a file is read.
public enum SecureFile {
    /// Why a secret input could not be read. Codes: `cannot_open`, `cannot_read`, `empty_input`,
    /// `input_too_large`. Errors compare by code only.
    public struct ReadError: CodedError, Hashable {
        /// What went wrong, as a stable name.
        public enum Code: String, Sendable, CaseIterable {
            case cannotOpen = "cannot_open"
            case cannotRead = "cannot_read"
            case empty = "empty_input"
            case tooLarge = "input_too_large"
        }
        public let code: Code
        public let description: String

        public init(code: Code, description: String) {
            self.code = code
            self.description = description
        }

        public var errorCode: String { code.rawValue }
        public var reason: String { description }

    }

    /// The path that names standard input.
    public static let standardInputPath = "-"

    /// The most any input read from standard input (or a file of unbounded content) may hold: 16 MiB.
    public static let inputLimit = 16 << 20

    /// The whole file at `path` (`-`: standard input), which must hold 1 … `maximumCount` bytes (0 …
    /// `maximumCount` with `allowEmpty`). Never reads more than `maximumCount + 1` bytes.
    public static func read(path: String, maximumCount: Int, allowEmpty: Bool = false) throws(ReadError) -> SecureBytes
    {
        let isStandardInput = path == standardInputPath
        let name = isStandardInput ? "standard input" : path
        let descriptor = isStandardInput ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ReadError(code: .cannotOpen, description: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { if !isStandardInput { close(descriptor) } }
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
        if failure != 0 {
            throw ReadError(
                code: .cannotRead,
                description: "cannot read \(name): \(String(cString: strerror(failure)))"
            )
        }
        guard total > 0 || allowEmpty else { throw ReadError(code: .empty, description: "\(name) is empty") }
        guard total <= maximumCount else {
            throw ReadError(code: .tooLarge, description: "\(name) holds more than \(maximumCount) bytes")
        }
        return bytes.slice(0..<total)
    }

    /// Standard input, up to `maximumCount` bytes (default ``inputLimit``); may be empty.
    public static func readStandardInput(maximumCount: Int = inputLimit) throws(ReadError) -> SecureBytes {
        try read(path: standardInputPath, maximumCount: maximumCount, allowEmpty: true)
    }

    /// The lines of `bytes` (split at LF, a CR before it dropped), as strings. For inputs that the callers
    /// parse as text anyway (share UDFs, hex); the strings are ordinary Swift strings.
    public static func lines(_ bytes: SecureBytes) -> [String] {
        bytes.withUnsafeBytes { buffer in
            var lines: [String] = []
            var start = 0
            for index in 0...buffer.count where index == buffer.count || buffer[index] == 0x0A {
                var end = index
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                if index < buffer.count || end > start {
                    lines.append(String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
                }
                start = index + 1
            }
            return lines
        }
    }
}

/// POSIX `read`, named apart from ``SecureFile/read(path:maximumCount:)``.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

extension SecureFile {
    /// Why an output file could not be written. Codes: `cannot_create` (the file cannot be made, or one of
    /// several outputs already exists or is given twice), `cannot_write` (writing, flushing or renaming it
    /// failed). Errors compare by code only.
    public struct WriteError: CodedError, Hashable {
        /// What went wrong, as a stable name.
        public enum Code: String, Sendable, CaseIterable {
            case cannotCreate = "cannot_create"
            case cannotWrite = "cannot_write"
        }
        public let code: Code
        public let description: String

        public init(code: Code, description: String) {
            self.code = code
            self.description = description
        }

        public var errorCode: String { code.rawValue }
        public var reason: String { description }

    }

    /// Creates `path` with mode 0600 and writes `contents` to it, flushed to disk. An existing file is
    /// never replaced. If anything fails the partial file is removed. Returns whether the containing
    /// folder is private (no group or other access); callers should warn when it is not.
    @discardableResult
    public static func create(path: String, contents: SecureBytes) throws(WriteError) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw WriteError(
                code: .cannotCreate,
                description: "cannot create \(path): \(String(cString: strerror(errno)))"
            )
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
            throw WriteError(
                code: .cannotWrite,
                description: "cannot write \(path): \(String(cString: strerror(failure)))"
            )
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
        do { try create(path: temporary, contents: contents) } catch {
            throw WriteError(code: .cannotWrite, description: error.description)
        }
        guard rename(temporary, path) == 0 else {
            let failure = errno
            unlink(temporary)
            throw WriteError(
                code: .cannotWrite,
                description: "cannot write \(path): \(String(cString: strerror(failure)))"
            )
        }
    }
}
