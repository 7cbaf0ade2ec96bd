#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output files the commands create: never over an existing file.
enum OutputFile {
    /// Refuses early (before anything is computed or written) when `path` exists: `file_exists: PATH
    /// exists; WHAT are never overwritten`.
    static func refuseExisting(_ path: String, what: String) throws {
        if access(path, F_OK) == 0 {
            throw CommandFailure("file_exists", "\(path) exists; \(what) are never overwritten")
        }
    }
}
