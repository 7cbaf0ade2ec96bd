import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshkeyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Meshkey {
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Recover a secret from Mesh share UDFs.",
            discussion: """
                Shares come as arguments, from a file (--shares-file FILE, one per line; `-` is standard input), \
                or one per line on standard input when there are none (blank lines are ignored), or as QR codes \
                in PNG or JPEG images (--scan; `-` is standard input; at most 10000 pixels a side and 40 million in \
                all; the same share in two images counts once; when the images hold fewer than the threshold and \
                no shares are given otherwise, the rest are read from standard input). \
                Shares are secret: as arguments they are visible to every local user (ps, /proc/PID/cmdline); \
                prefer the file or standard input. A share may be given in the checked form \
                printed on paper sheets (`LINE:CC` or, as the PDF prints it, `N  LINE  CC` per line, then \
                `check: CCCC`; on standard input one line after another, or the whole text of sheets as \
                pdftotext or a copy-paste gives it): a typo is then named by share and line (positions count \
                the characters as printed, dashes included), and a single wrong character is corrected \
                (and reported). With --identifier the recovered secret's identifier must match. Any threshold-sized subset recovers the secret; surplus shares are checked, and \
                with two or more surplus shares a bad one is named. The secret is printed as dashed Base32 (a \
                Mesh seed prints as its Z… UDF); --output base32 prints RFC 4648 Base32 (no dashes, `=` padding, \
                as `base32 -d` reads it), hex lower-case hex, raw the bytes themselves (no newline added). With \
                --out FILE the secret goes to a new file (mode 0600, never replacing one; text forms end with a \
                newline) and nothing secret is printed. With --commitments DOC every share is first checked against the \
                set's commitment document (a bad, foreign or stale share is named even with exactly the threshold); \
                without it, exactly the threshold and no --identifier, a warning says that nothing was checked. \
                --group (a grouped split) takes each group's shares in one option. On failure nothing is printed \
                on standard output; one line on standard error names the problem and the share, and the exit code is 1.
                """
        )

        @OptionGroup var shareSource: ShareSourceOptions

        @Flag(help: "Print one JSON object: {secret, identifier, threshold, used, checked, kind}.")
        var json = false

        @Option(help: "The set's identifier from the sheets: refuse a secret whose identifier differs.")
        var identifier: String?

        @Option(
            help:
                "The shares of one group of holders of a grouped split (split --group), separated by spaces or commas; repeat per group. Groups are named in the order given."
        )
        var group: [String] = []

        @Option(
            help:
                "How the secret is written: udf (dashed Base32, the default; a Mesh seed is its Z… UDF), base32 (RFC 4648: no dashes, `=` padding), hex (lower case) or raw (the bytes, no newline; not on standard output with --json)."
        )
        var output: String = SecretEncoding.udf.rawValue

        @Option(
            help:
                "Write the secret to this new file (mode 0600; an existing file is never replaced) instead of standard output; nothing secret is then printed (--json then has no secret)."
        )
        var out: String?

        @Option(
            help:
                "The set's commitment document: every share is checked against it before anything is combined, so a bad, foreign or stale share is named even with exactly the threshold."
        )
        var commitments: String?

        func validate() throws {
            guard let encoding = SecretEncoding(rawValue: output) else {
                throw ValidationError("--output is udf, base32, hex or raw (got \(output))")
            }
            if encoding == .raw && json && out == nil {
                throw ValidationError("--output raw cannot go into --json: give --out FILE, or another --output")
            }
        }

        func run() throws {
            if let out { try Self.checkNewFile(out) }
            if !group.isEmpty { return try recoverGroups() }
            let checked = try shareSource.checked()
            let document = try commitments.map(CommitmentFiles.read)
            let recovery = try ShareRecovery.recover(checked, expecting: identifier, commitments: document)
            recovery.notes.forEach(Terminal.note)
            let recovered = recovery.recovered
            try emit(
                recovered,
                [
                    ("identifier", .string(recovered.identifier)),
                    ("threshold", .int(recovered.threshold)),
                    ("used", .array(recovered.usedX.map { .int($0) })),
                    ("checked", .array(recovered.checkedX.map { .int($0) })),
                    ("kind", .string(recovered.kind.rawValue)),
                ]
            )
        }

        /// Refuses an --out path where something exists already (before anything is recovered).
        static func checkNewFile(_ path: String) throws {
            var status = stat()
            if lstat(path, &status) == 0 {
                throw CommandFailure(
                    "file_exists",
                    "--out: \(path) exists; it is never replaced (choose a new file name)"
                )
            }
        }

        /// Writes the secret in the --output encoding to --out or standard output; with --json one object
        /// (`secret` first, unless it went to --out, then `members`).
        func emit(_ recovered: RecoveredSecret, _ members: [(String, JSONValueOut)]) throws {
            let encoding = SecretEncoding(rawValue: output)!
            if let out {
                let privateFolder: Bool
                do {
                    privateFolder = try SecureFile.create(
                        path: out,
                        contents: encoding.encode(recovered.secret, newline: encoding.isText)
                    )
                } catch {
                    throw CommandFailure("write_failed", "--out: \(error.description)")
                }
                if !privateFolder {
                    Terminal.note("warning: the folder of \(out) is open to other users (the file itself is 0600)")
                }
                Terminal.note("wrote the secret (\(recovered.secret.count) bytes, \(encoding.rawValue)) to \(out)")
                if json {
                    Terminal.print(
                        JSONValueOut.object([("out", .string(out)), ("output", .string(encoding.rawValue))] + members)
                            .text
                    )
                }
                return
            }
            if json {
                let text = encoding.encode(recovered.secret).withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
                Terminal.print(JSONValueOut.object([("secret", .string(text))] + members).text)
            } else {
                writeOut(encoding.encode(recovered.secret, newline: encoding.isText))
            }
        }
    }
}
