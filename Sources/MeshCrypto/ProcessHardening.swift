internal import CProcess

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a process holding secrets must not leave behind: a core file (which would hold every key, seed and
/// passphrase in memory at the time), or memory that another process of the same user can read
/// (`/proc/<pid>/mem`, `ptrace`). `meshkey` calls ``apply()`` first thing in `main`.
public enum ProcessHardening {
    /// Why the process could not be hardened. Code: `process_hardening_failed` (the system call and its
    /// error are in the reason). Errors compare by code only.
    public struct Failure: CodedError, Hashable {
        public let description: String

        public var errorCode: String { "process_hardening_failed" }
        public var reason: String { description }

    }

    /// Sets `PR_SET_DUMPABLE` to 0 (Linux) and both `RLIMIT_CORE` limits to 0. Throws when either call
    /// fails; the caller decides whether to go on.
    public static func apply() throws(Failure) {
        if cprocess_set_not_dumpable() != 0 {
            throw Failure(description: "prctl(PR_SET_DUMPABLE, 0) failed: \(String(cString: strerror(errno)))")
        }
        if cprocess_disable_core_files() != 0 {
            throw Failure(description: "setrlimit(RLIMIT_CORE, 0) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Whether this process may be dumped: `PR_GET_DUMPABLE` (nil where the platform has no such flag).
    public static var isDumpable: Bool? {
        let value = cprocess_dumpable()
        return value < 0 ? nil : value != 0
    }

    /// The soft and hard core file size limits, in bytes (`UInt64.max`: unlimited).
    public static var coreFileLimits: (soft: UInt64, hard: UInt64)? {
        var soft: UInt64 = 0
        var hard: UInt64 = 0
        return cprocess_core_limits(&soft, &hard) == 0 ? (soft, hard) : nil
    }
}
