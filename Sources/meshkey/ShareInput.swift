#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MeshPaper
import MeshUDF

extension Meshkey.Recover {
    /// The shares every share-taking command reads: those given as arguments and in `file` (`-`: standard
    /// input), then the QR codes of the `scan` images (PNG or JPEG; the same share scanned twice is kept
    /// once, MeshPaper's ScannedShares). Without arguments and file, standard input is read: at once when
    /// nothing is scanned; after the scans when they hold fewer shares than the threshold (typed shares may
    /// follow the scanned ones) and no image came from standard input.
    static func gatherShares(_ shares: [String], file: String?, scan: [String], command: String) -> (texts: [String], origins: [String]) {
        if scan.isEmpty { return sharesFromArgumentsOrStandardInput(shares, file: file, command: command) }
        var (texts, origins) = sharesFromArgumentsOrFile(shares, file: file, command: command)
        let scanned: ScannedShares
        do { scanned = try ScannedShares(scanning: scan) } catch {
            fail(command, "\(error.code ?? "scan_failed"): \(error.description)")
        }
        for origin in scanned.repeats {
            Terminal.error("meshkey \(command): \(origin): the same share as an earlier image, counted once")
        }
        texts += scanned.texts
        origins += scanned.origins
        if shares.isEmpty, file == nil, !scan.contains("-"),
           let threshold = scanned.texts.lazy.compactMap({ try? ShareUDF.parse($0).threshold }).first,
           Set(scanned.texts).count < threshold {
            let missing = threshold - scanned.texts.count
            if isatty(STDIN_FILENO) == 1 {
                Terminal.error("meshkey \(command): \(scanned.texts.count) of \(threshold) shares scanned; type \(missing) more, one per line (or line by line in the checked form), then Ctrl-D")
            }
            let typed = readStandardInput(command: command)
            texts += typed.texts
            origins += typed.origins
        }
        return (texts, origins)
    }
}
