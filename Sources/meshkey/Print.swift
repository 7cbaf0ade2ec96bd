import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshPaper
import MeshkeyKit

extension Meshkey {
    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print",
            abstract: "Print share sheets: a PDF page per share (with check codes and a QR code), or text.",
            discussion: """
                Each page carries the share in lines of 16 characters with a 2-character check per line and a \
                4-character whole-share check (Docs/formats.md, "Paper sheets and check codes"), the share as a \
                QR code, the set's manifest (x, threshold, total, identifier, date, holder) and the recovery \
                command. `meshkey recover` accepts the typed form back and names the line of a typo. The PDF is \
                made in memory and written with mode 0600; an existing file is never replaced. With all shares \
                (or at least the threshold) the identifier is computed; otherwise give it with --identifier. Shares of a \
                secret shorter than 16 bytes get no identifier (--identifier is then refused). \
                The shares are secret: give them in a file (--shares-file FILE, one per line, or the checked \
                form's lines; `-` is standard input) or on standard input (when no shares are given); as \
                arguments they are visible to every local user (ps, /proc/PID/cmdline).
                """
        )

        @Argument(
            help:
                "Share UDFs (S…), plain or in the checked form; secret: visible to other local users as arguments. Read from standard input when none are given."
        )
        var shares: [String] = []

        @Option(help: "Read the shares from this file, one per line (secret input; `-` is standard input).")
        var sharesFile: String?

        @Option(help: "The PDF file to create.")
        var out: String?

        @Option(help: "Paper size: a4 or letter.")
        var paper: String = "a4"

        @OptionGroup var sheetOptions: SheetOptions

        @Option(name: .customLong("label"), help: "Holder label for the sheets, in the order of the shares (repeat).")
        var labels: [String] = []

        @Option(help: "The set's identifier (the secret's identifier, or an account's profile UDF).")
        var identifier: String?

        @Option(help: "Shares in the set (default: the number given).")
        var total: Int?

        @Flag(help: "Print the sheets as text on standard output instead of a PDF.")
        var text = false

        @Flag(name: .customLong("no-qr"), help: "Leave the QR code off the PDF pages.")
        var noQR = false

        func validate() throws {
            if PaperSize(rawValue: paper) == nil { throw ValidationError("--paper is a4 or letter (got \(paper))") }
            if out == nil && !text { throw ValidationError("give --out FILE.pdf, or --text") }
            if let total, total < shares.count || total > 16 {
                throw ValidationError("--total must be from the number of shares given to 16")
            }
        }

        func run() throws {
            // Holder labels are printed on the sheets and on terminals: control characters are refused.
            if let index = labels.firstIndex(where: { KeyLabel.problem($0) != nil }) {
                throw CommandFailure("invalid_label", "--label \(index + 1): \(KeyLabel.problem(labels[index])!)")
            }
            let input = try ShareReading.argumentsOrStandardInput(shares, file: sharesFile)
            if input.isEmpty {
                throw CommandFailure(
                    "insufficient_shares",
                    "no shares given (arguments, --shares-file or standard input)"
                )
            }
            if labels.count > input.count {
                throw CommandFailure(
                    "invalid_parameters",
                    "more --label values (\(labels.count)) than shares (\(input.count))"
                )
            }
            if let total, total < input.count {
                throw CommandFailure(
                    "invalid_parameters",
                    "--total \(total) is less than the \(input.count) shares given"
                )
            }
            let sheets = try ShareSheetSet(input, identifier: identifier).sheets(
                labels: labels,
                total: total,
                created: PaperSheet.today(),
                details: sheetOptions.details
            )
            if text {
                Terminal.print(
                    sheets.map(\.text).joined(separator: "\n\n" + String(repeating: "-", count: 72) + "\n\n")
                )
            }
            if let out {
                try Self.writePDF(sheets, to: out, paper: PaperSize(rawValue: paper)!, qr: !noQR)
            }
        }

        /// Renders the sheets in memory and creates `path` with mode 0600 (a warning when its folder is not
        /// private).
        static func writePDF(_ sheets: [PaperSheet], to path: String, paper: PaperSize, qr: Bool) throws {
            let pdf: SecureBytes
            do { pdf = try PaperPDF.render(sheets, paper: paper, qr: qr) } catch {
                throw CommandFailure(error.code ?? "paper_failed", error.description)
            }
            do {
                let privateFolder = try SecureFile.create(path: path, contents: pdf)
                if !privateFolder {
                    Terminal.note(
                        "warning: \(path) is in a folder that others can read; move the sheets somewhere private"
                    )
                }
            } catch {
                throw CommandFailure("write_failed", error.description)
            }
        }

    }
}
