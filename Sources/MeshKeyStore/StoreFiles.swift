import MeshCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX side of the store: permission checks, atomic writes, locks, listing.
enum StoreFiles {
    static let temporaryPrefix = ".tmp-"

    static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    static func octal(_ mode: mode_t) -> String {
        let text = String(mode & 0o7777, radix: 8)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    static func fileKind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFDIR: "a folder"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Refuses anything but a folder we own with no group or other access.
    static func checkFolder(_ path: String) throws(KeyStoreError) {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            if errno == ENOENT {
                throw KeyStoreError(.notInitialized, "no key store here (run `meshkey store init`)", path: path)
            }
            throw KeyStoreError(.io, "cannot stat: \(errnoText())", path: path)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw KeyStoreError(.invalidInput, "not a folder", path: path)
        }
        try checkMode(status, path: path, wanted: 0o700)
    }

    static func checkMode(_ status: stat, path: String, wanted: mode_t) throws(KeyStoreError) {
        guard status.st_uid == getuid() else {
            throw KeyStoreError(
                .insecurePermissions,
                "owned by uid \(status.st_uid), not by the current user (uid \(getuid()))",
                path: path
            )
        }
        guard status.st_mode & 0o077 == 0 else {
            throw KeyStoreError(
                .insecurePermissions,
                "has mode \(octal(status.st_mode)); the key store needs \(octal(wanted)) (chmod \(octal(wanted)) \(path))",
                path: path
            )
        }
    }

    /// Reads a whole regular store file (at most `limit` bytes), refusing symbolic links, loose modes and
    /// anything but a regular file. Opened with O_NONBLOCK, so that a FIFO (or device) named like an entry
    /// is refused by name instead of hanging the command under the store's lock.
    static func read(_ path: String, limit: Int = 1 << 20) throws(KeyStoreError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw KeyStoreError(.notFound, "no such file", path: path) }
            throw KeyStoreError(.io, "cannot open: \(errnoText(code))", path: path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw KeyStoreError(.io, "cannot stat: \(errnoText())", path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw KeyStoreError(
                .invalidInput,
                "not a regular file (\(fileKind(status.st_mode))); it was not read",
                path: path
            )
        }
        try checkMode(status, path: path, wanted: 0o600)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = chunk.withUnsafeMutableBytes { posixRead(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw KeyStoreError(.io, "cannot read: \(errnoText())", path: path)
            }
            if got == 0 { break }
            bytes += chunk[0..<got]
            guard bytes.count <= limit else {
                throw KeyStoreError(.invalidInput, "larger than \(limit) bytes", path: path)
            }
        }
        return bytes
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return 0
    }

    static func temporaryName(in folder: String) -> String {
        folder + "/" + temporaryPrefix + Hex.encode(SecureRandom.bytes(8).unprotectedBytes)
    }

    /// Writes `bytes` to a fresh 0600 temporary file in `folder`, fsyncs it, renames it to `name`, and
    /// fsyncs the folder. Readers see the old file or the new one, never a mixture.
    static func atomicWrite(_ bytes: [UInt8], folder: String, name: String) throws(KeyStoreError) {
        let temporary = temporaryName(in: folder)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw KeyStoreError(.io, "cannot create a temporary file: \(errnoText())", path: folder)
        }
        var failure = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0 && rename(temporary, folder + "/" + name) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw KeyStoreError(.io, "cannot write \(name): \(errnoText(failure))", path: folder)
        }
        try syncFolder(folder)
    }

    static func syncFolder(_ folder: String) throws(KeyStoreError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw KeyStoreError(.io, "cannot open the folder: \(errnoText())", path: folder) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw KeyStoreError(.io, "cannot sync the folder: \(errnoText())", path: folder)
        }
    }

    /// The names in `folder` (no "." or "..").
    static func names(in folder: String) throws(KeyStoreError) -> [String] {
        guard let directory = opendir(folder) else {
            throw KeyStoreError(.io, "cannot list: \(errnoText())", path: folder)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Overwrites a file's bytes with random data and fsyncs it (best effort: SSDs and journaling or
    /// copy-on-write file systems may keep old blocks).
    static func overwrite(_ path: String) throws(KeyStoreError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw KeyStoreError(.io, "cannot open for overwriting: \(errnoText())", path: path)
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw KeyStoreError(.io, "cannot stat: \(errnoText())", path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw KeyStoreError(.invalidInput, "not a regular file", path: path)
        }
        let noise = SecureRandom.bytes(Int(status.st_size))
        let failure = noise.withUnsafeBytes { writeAll(descriptor, $0) }
        guard failure == 0, fsync(descriptor) == 0 else {
            throw KeyStoreError(.io, "cannot overwrite: \(errnoText(failure == 0 ? errno : failure))", path: path)
        }
    }
}

/// POSIX `read`, named apart from ``StoreFiles/read(_:limit:)``.
private func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// An advisory `flock` on the store's `lock` file, released when the value is dropped.
final class StoreLock {
    private let descriptor: Int32

    init(folder: String, exclusive: Bool) throws(KeyStoreError) {
        let path = folder + "/lock"
        // O_NONBLOCK: a FIFO named `lock` must not hang the command (flock itself still waits).
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            throw KeyStoreError(.io, "cannot open the lock file: \(StoreFiles.errnoText())", path: path)
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 {
            do throws(KeyStoreError) {
                guard status.st_mode & S_IFMT == S_IFREG else {
                    throw KeyStoreError(
                        .invalidInput,
                        "the lock file is \(StoreFiles.fileKind(status.st_mode)), not a regular file",
                        path: path
                    )
                }
                try StoreFiles.checkMode(status, path: path, wanted: 0o600)
            } catch {
                close(descriptor)
                throw error
            }
        }
        while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno == EINTR { continue }
            let text = StoreFiles.errnoText()
            close(descriptor)
            throw KeyStoreError(.io, "cannot lock: \(text)", path: path)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
