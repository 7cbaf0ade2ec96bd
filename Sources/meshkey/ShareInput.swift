import MeshEscrow
import MeshkeyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw shares a share-taking command reads (arguments, a file, standard input, scanned images) as
/// MeshkeyKit's `ShareInput`; checking and recovering them is the library's.
enum ShareReading {
    /// The shares given as arguments, then those in `file` (`-`: standard input; `FILE line N` origins).
    static func argumentsAndFile(_ shares: [String], file: String?) throws -> ShareInput {
        var input = ShareInput(arguments: shares)
        if let file {
            input =
                input
                + ShareInput(
                    lines: try SecretInput.lines(file, option: "--shares-file"),
                    source: file == "-" ? "standard input" : file
                )
        }
        return input
    }

    /// Shares from standard input: at a terminal by guided entry (``GuidedEntry``, each line checked as it
    /// is typed); otherwise (at most 16 MiB) one per line, with `line N` origins.
    static func standardInput() throws -> ShareInput {
        isatty(STDIN_FILENO) == 1 ? GuidedEntry.read() : try standardInputLines()
    }

    /// Shares from standard input as lines (at most 16 MiB), one per line, with `line N` origins.
    static func standardInputLines() throws -> ShareInput {
        ShareInput(lines: try SecretInput.standardInputLines())
    }

    /// The shares given as arguments and in `file`, or read from standard input when there are neither.
    static func argumentsOrStandardInput(_ shares: [String], file: String? = nil) throws -> ShareInput {
        try shares.isEmpty && file == nil ? standardInput() : argumentsAndFile(shares, file: file)
    }

    /// The shares every share-taking command reads: those given as arguments and in `file` (`-`: standard
    /// input), then the QR codes of the `scan` images (the same share scanned twice is kept once, with a
    /// note). Without arguments and file, standard input is read: at once when nothing is scanned; after the
    /// scans when they hold fewer shares than the threshold (typed shares may follow the scanned ones, by
    /// guided entry at a terminal) and no image came from standard input.
    static func gather(_ shares: [String], file: String?, scan: [String]) throws -> ShareInput {
        if scan.isEmpty { return try argumentsOrStandardInput(shares, file: file) }
        let given = try argumentsAndFile(shares, file: file)
        let scanned = try ShareInput(scanning: scan)
        scanned.notes.forEach(Terminal.note)
        guard shares.isEmpty, file == nil, !scan.contains("-"), let (found, threshold) = scanned.shortOfThreshold else {
            return given + scanned
        }
        if isatty(STDIN_FILENO) == 1 {
            Terminal.note("\(found) of \(threshold) shares scanned; type \(threshold - found) more")
            return given + scanned + GuidedEntry.read(after: scanned)
        }
        return try given + scanned + standardInputLines()
    }

    /// The plain shares of `input`, each correction reported as a note (also those made before a refusal).
    static func checked(_ input: ShareInput) throws -> CheckedShares {
        do {
            let checked = try input.checked()
            for correction in checked.corrections { Terminal.note(correction.description) }
            return checked
        } catch {
            for correction in error.corrections { Terminal.note(correction.description) }
            throw error
        }
    }

    /// The secret the shares gathered as ``gather(_:file:scan:)`` recover (no document, no identifier), with
    /// corrections reported: the one pipeline of the commands that only need the secret.
    static func recoveredSecret(_ shares: [String], file: String?, scan: [String]) throws -> RecoveredSecret {
        try ShareRecovery.recover(checked(gather(shares, file: file, scan: scan))).recovered
    }
}
