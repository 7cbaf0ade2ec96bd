#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeys
import MeshPaper
import MeshUDF

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
                """)

        @Argument(help: "Share UDFs (S…); secret: visible to other local users as arguments. Read from standard input when none are given.")
        var shares: [String] = []

        @Option(help: "Read the shares from this file, one per line (secret input; `-` is standard input).")
        var sharesFile: String?

        @Flag(help: "Print one JSON object: {secret, identifier, threshold, used, checked, kind}.")
        var json = false

        @Option(help: "The set's identifier from the sheets: refuse a secret whose identifier differs.")
        var identifier: String?

        @Option(parsing: .upToNextOption, help: "Images (PNG or JPEG) with the shares' QR codes; the same share in two images counts once (secret input; `-` is standard input; at most 10000 pixels a side, 40 million in all). Shares typed on standard input may follow when the images hold fewer than the threshold.")
        var scan: [String] = []

        @Option(help: "The shares of one group of holders of a grouped split (split --group), separated by spaces or commas; repeat per group. Groups are named in the order given.")
        var group: [String] = []

        @Option(help: "How the secret is written: udf (dashed Base32, the default; a Mesh seed is its Z… UDF), base32 (RFC 4648: no dashes, `=` padding), hex (lower case) or raw (the bytes, no newline; not on standard output with --json).")
        var output: String = SecretEncoding.udf.rawValue

        @Option(help: "Write the secret to this new file (mode 0600; an existing file is never replaced) instead of standard output; nothing secret is then printed (--json then has no secret).")
        var out: String?

        @Option(help: "The set's commitment document: every share is checked against it before anything is combined, so a bad, foreign or stale share is named even with exactly the threshold.")
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
            if let out { Self.checkNewFile(out) }
            if !group.isEmpty { return try recoverGroups() }
            var (texts, origins) = Self.gatherShares(shares, file: sharesFile, scan: scan, command: "recover")
            texts = try Self.checkPaperForms(texts, origins: origins, command: "recover")
            let document = commitments.map { CommitmentFiles.read($0, command: "recover") }
            let recovered: RecoveredSecret
            do {
                recovered = try ShareSet.parse(texts, verifiedBy: document).recover(checkedBy: document)
            } catch {
                Terminal.error("meshkey recover: \(Self.describe(error, origins: origins))")
                throw ExitCode(1)
            }
            if let identifier {
                // The sheets of an account seed name its profile UDF (profile escrow --print).
                let profileUDF = recovered.kind == .seed ? (try? MeshProfile(recoveredSecret: recovered.secret))?.udf : nil
                if let profileUDF, Self.identifiersMatch(identifier, profileUDF) {
                    Terminal.error("meshkey recover: the profile UDF matches the sheets (\(profileUDF))")
                } else {
                guard Self.identifiersMatch(identifier, recovered.identifier) else {
                    Terminal.error("meshkey recover: identifier_mismatch: the shares recover a secret with identifier \(recovered.identifier), but the sheets name \(identifier) (shares from another set?)")
                    throw ExitCode(1)
                }
                Terminal.error("meshkey recover: the identifier matches the sheets (\(recovered.identifier))")
                }
            }
            Self.reportChecks(recovered, document: document, otherCheck: identifier != nil, command: "recover")
            emit(recovered, [
                ("identifier", .string(recovered.identifier)),
                ("threshold", .int(recovered.threshold)),
                ("used", .array(recovered.usedX.map { .int($0) })),
                ("checked", .array(recovered.checkedX.map { .int($0) })),
                ("kind", .string(recovered.kind.rawValue)),
            ])
        }

        /// Refuses an --out path where something exists already (before anything is recovered).
        static func checkNewFile(_ path: String) {
            var status = stat()
            if lstat(path, &status) == 0 {
                fail("recover", "file_exists: --out: \(path) exists; it is never replaced (choose a new file name)")
            }
        }

        /// Writes the secret in the --output encoding to --out or standard output; with --json one object
        /// (`secret` first, unless it went to --out, then `members`).
        func emit(_ recovered: RecoveredSecret, _ members: [(String, JSONValueOut)]) {
            let encoding = SecretEncoding(rawValue: output)!
            if let out {
                let privateFolder: Bool
                do {
                    privateFolder = try SecureFile.create(path: out, contents: encoding.encode(recovered.secret, newline: encoding.isText))
                } catch {
                    fail("recover", "write_failed: --out: \(error.description)")
                }
                if !privateFolder {
                    Terminal.error("meshkey recover: warning: the folder of \(out) is open to other users (the file itself is 0600)")
                }
                Terminal.error("meshkey recover: wrote the secret (\(recovered.secret.count) bytes, \(encoding.rawValue)) to \(out)")
                if json {
                    Terminal.print(JSONValueOut.object([("out", .string(out)), ("output", .string(encoding.rawValue))] + members).text)
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

        /// What was checked, on standard error: the document's verification, or a warning when nothing was
        /// (exactly the threshold, no document, no other check).
        static func reportChecks(_ recovered: RecoveredSecret, document: CommitmentDocument?, otherCheck: Bool, command: String) {
            if let document {
                Terminal.error("meshkey \(command): all \(recovered.usedX.count + recovered.checkedX.count) shares verified against commitment document \(document.udf) (epoch \(document.epoch))")
                CommitmentFiles.reportSigner(document, command: command)
            } else if recovered.checkedX.isEmpty && !otherCheck {
                Terminal.error("meshkey \(command): warning: nothing was checked: exactly the threshold of shares and no commitment document, so a mistyped or foreign share would give a wrong secret unnoticed (give --commitments FILE, or one more share)")
            }
        }

        /// The shares given as arguments (with "argument N" origins) and in `file` (`-`: standard input; "FILE
        /// line N" origins), or read from standard input when there are neither.
        static func sharesFromArgumentsOrStandardInput(_ shares: [String], file: String? = nil,
                                                       command: String = "recover") -> (texts: [String], origins: [String]) {
            shares.isEmpty && file == nil ? readStandardInput(command: command) : sharesFromArgumentsOrFile(shares, file: file, command: command)
        }

        /// The shares given as arguments, then those in `file` (if any).
        static func sharesFromArgumentsOrFile(_ shares: [String], file: String?, command: String) -> (texts: [String], origins: [String]) {
            var result = (texts: shares, origins: shares.indices.map { "argument \($0 + 1)" })
            if let file {
                let read = shareLines(SecretInput.lines(file, option: "--shares-file", command: command),
                                      source: file == "-" ? "standard input" : file)
                result.texts += read.texts
                result.origins += read.origins
            }
            return result
        }

        /// Shares from standard input (at most 16 MiB), one per line (blank lines skipped), with "line N"
        /// origins.
        static func readStandardInput(command: String = "recover") -> (texts: [String], origins: [String]) {
            shareLines(SecretInput.standardInputLines(command: command), source: nil)
        }

        /// Shares from lines of text, one per line (blank lines skipped), with "line N" origins ("SOURCE line
        /// N" with a source). Lines of the checked form (`…:CC`) are gathered until their `check:` line into
        /// one share ("lines N–M").
        static func shareLines(_ lines: [String], source: String?) -> (texts: [String], origins: [String]) {
            let prefix = source.map { "\($0) " } ?? ""
            var texts: [String] = []
            var origins: [String] = []
            var pending: [String] = []
            var pendingStart = 0
            func flush(_ last: Int) {
                guard !pending.isEmpty else { return }
                texts.append(pending.joined(separator: "\n"))
                origins.append("\(prefix)lines \(pendingStart)–\(last)")
                pending = []
            }
            var lastNumber = 0
            // The text of a whole sheet (pdftotext, a copy-paste): only its share lines are read.
            let sheetText = lines.contains(where: PaperCheck.isWholeCheckLine)
            for (number, line) in lines.enumerated()
            where !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                lastNumber = number + 1
                if PaperCheck.isWholeCheckLine(line) || (sheetText ? PaperCheck.isSheetShareLine(line, continuing: !pending.isEmpty) : PaperCheck.isCheckedForm(line)) {
                    if pending.isEmpty { pendingStart = number + 1 }
                    pending.append(line)
                    if PaperCheck.isWholeCheckLine(line) { flush(number + 1) }
                } else if sheetText && !PaperCheck.isPlainShare(line) && !PaperCheck.isCheckedForm(line, whole: true) {
                    continue
                } else {
                    flush(number)
                    texts.append(line)
                    origins.append("\(prefix)line \(number + 1)")
                }
            }
            flush(lastNumber)
            return (texts, origins)
        }

        /// Replaces shares in the checked form by their plain text; names the share and line of a typo.
        static func checkPaperForms(_ texts: [String], origins: [String], command: String) throws -> [String] {
            var plain = texts
            for (index, text) in texts.enumerated() where PaperCheck.isCheckedForm(text) {
                let origin = index < origins.count ? " (\(origins[index]))" : ""
                do {
                    switch try PaperCheck.verify(text) {
                    case .valid(let share):
                        plain[index] = share
                    case .corrected(let share, let line, let character, let was, let now):
                        plain[index] = share
                        let position = PaperCheck.printedPosition(share: share, line: line, character: character)
                        Terminal.error("meshkey \(command): corrected share \(index + 1)\(origin), line \(line), \(position): \(was) -> \(now) (the checks agree on this one correction)")
                    }
                } catch {
                    let lines = error.lines.isEmpty ? ""
                        : ", line\(error.lines.count == 1 ? "" : "s") " + error.lines.map(String.init).joined(separator: ", ")
                    Terminal.error("meshkey \(command): check_mismatch: share \(index + 1)\(lines)\(origin): \(error.reason)")
                    throw ExitCode(1)
                }
            }
            return plain
        }

        /// Identifiers compare by their ASCII bytes without dashes, case-insensitively (UDFMatch: no Unicode
        /// equivalence); a shorter presentation (at least 16 characters) matches as a prefix.
        static func identifiersMatch(_ given: String, _ actual: String) -> Bool {
            UDFMatch.matches(given, actual)
        }

        /// One line: code, the share (with where it came from), the reason.
        static func describe(_ error: ShareError, origins: [String]) -> String {
            func name(_ share: ShareError.ShareReference) -> String {
                var details: [String] = []
                if share.position - 1 < origins.count { details.append(origins[share.position - 1]) }
                if let x = share.x { details.append("x=\(x)") }
                return "share \(share.position)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
            }
            if error.code == .inconsistentShares, !error.culprits.isEmpty {
                let names = error.culprits.map(name).joined(separator: ", ")
                let verb = error.culprits.count == 1 ? "does" : "do"
                return "\(error.code.name): \(names) \(verb) not match the other shares (mistyped, or from another set)"
            }
            if let share = error.share {
                return "\(error.code.name): \(name(share)): \(error.reason)"
            }
            return "\(error.code.name): \(error.reason)"
        }
    }
}
