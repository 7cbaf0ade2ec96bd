#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SecureFile {
    /// Creates several new files, all or none (an escrow entry and the share sheets that open it).
    ///
    /// Everything is already in memory. Each file is first written to a temporary file in its own folder
    /// (`.meshkey-tmp-<random>`, mode 0600, flushed), then every temporary file is linked to its final name
    /// (`link`, which never replaces an existing file) and removed. When any step fails, the files this call
    /// created (temporary and final) are removed before the error is thrown, so no output appears without the
    /// others. An existing output is refused before anything is written. Returns, for each file, whether its
    /// folder is private (no group or other access).
    @discardableResult
    public static func createAll(_ files: [(path: String, contents: SecureBytes)]) throws(WriteError) -> [Bool] {
        var seen = Set<String>()
        for file in files {
            guard seen.insert(file.path).inserted else {
                throw WriteError(code: .cannotCreate, description: "\(file.path) is given twice")
            }
            var status = stat()
            if lstat(file.path, &status) == 0 {
                throw WriteError(code: .cannotCreate, description: "\(file.path) exists; it is not overwritten")
            }
        }
        var temporaries: [String] = []
        var linked: [String] = []
        func rollBack() {
            for path in linked { unlink(path) }
            for path in temporaries { unlink(path) }
        }
        var privateFolders: [Bool] = []
        for file in files {
            let folder = file.path.contains("/") ? String(file.path[..<file.path.lastIndex(of: "/")!]) : "."
            let temporary =
                (folder.isEmpty ? "" : folder) + "/.meshkey-tmp-" + Hex.encode(SecureRandom.bytes(8).unprotectedBytes)
            do { privateFolders.append(try create(path: temporary, contents: file.contents)) } catch {
                rollBack()
                throw WriteError(code: error.code, description: "\(file.path): \(error.description)")
            }
            temporaries.append(temporary)
        }
        for (file, temporary) in zip(files, temporaries) {
            guard link(temporary, file.path) == 0 else {
                let reason = String(cString: strerror(errno))
                rollBack()
                throw WriteError(code: .cannotCreate, description: "cannot create \(file.path): \(reason)")
            }
            linked.append(file.path)
        }
        for temporary in temporaries { unlink(temporary) }
        return privateFolders
    }
}
