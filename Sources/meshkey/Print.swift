import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeys
import MeshPaper
import MeshUDF

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
                """)

        @Argument(help: "Share UDFs (S…), plain or in the checked form; secret: visible to other local users as arguments. Read from standard input when none are given.")
        var shares: [String] = []

        @Option(help: "Read the shares from this file, one per line (secret input; `-` is standard input).")
        var sharesFile: String?

        @Option(help: "The PDF file to create.")
        var out: String?

        @Option(help: "Paper size: a4 or letter.")
        var paper: String = "a4"

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
            if let total, total < shares.count || total > 16 { throw ValidationError("--total must be from the number of shares given to 16") }
        }

        func run() throws {
            // Holder labels are printed on the sheets and on terminals: control characters are refused.
            if let index = labels.firstIndex(where: { KeyLabel.problem($0) != nil }) {
                Terminal.error("meshkey print: invalid_label: --label \(index + 1): \(KeyLabel.problem(labels[index])!)")
                throw ExitCode(1)
            }
            let (shares, origins) = Recover.sharesFromArgumentsOrStandardInput(self.shares, file: sharesFile, command: "print")
            if shares.isEmpty {
                Terminal.error("meshkey print: insufficient_shares: no shares given (arguments, --shares-file or standard input)")
                throw ExitCode(1)
            }
            if labels.count > shares.count {
                Terminal.error("meshkey print: invalid_parameters: more --label values (\(labels.count)) than shares (\(shares.count))")
                throw ExitCode(1)
            }
            if let total, total < shares.count {
                Terminal.error("meshkey print: invalid_parameters: --total \(total) is less than the \(shares.count) shares given")
                throw ExitCode(1)
            }
            var parsed: [ShareUDF] = []
            for (index, input) in shares.enumerated() {
                var plain = input
                if PaperCheck.isCheckedForm(input) {
                    do {
                        switch try PaperCheck.verify(input) {
                        case .valid(let share): plain = share
                        case .corrected:
                            Terminal.error("meshkey print: share \(index + 1) has a typo; recover it with `meshkey recover` first")
                            throw ExitCode(1)
                        }
                    } catch let error as PaperCheck.CheckError {
                        Terminal.error("meshkey print: check_mismatch: share \(index + 1): \(error.reason)")
                        throw ExitCode(1)
                    }
                }
                do { parsed.append(try ShareUDF.parse(plain)) } catch {
                    Terminal.error("meshkey print: \(error.code.name): share \(index + 1): \(error.reason)")
                    throw ExitCode(1)
                }
            }
            let first = parsed[0]
            for (index, share) in parsed.enumerated() {
                if share.threshold != first.threshold || share.secretLength != first.secretLength {
                    Terminal.error("meshkey print: mixed_set: share \(index + 1) does not belong to the same set as share 1")
                    throw ExitCode(1)
                }
                if let earlier = parsed[..<index].firstIndex(where: { $0.x == share.x }) {
                    Terminal.error("meshkey print: duplicate_share: share \(index + 1) has the same x as share \(earlier + 1)")
                    throw ExitCode(1)
                }
            }
            // A secret shorter than 16 bytes gets no identifier on its sheets: one holder could test every such
            // secret against it (SecretSharing.publishedIdentifier).
            if identifier != nil && first.secretLength < SecretSharing.minimumIdentifiedLength {
                Terminal.error("meshkey print: identifier_refused: the shares hold a \(first.secretLength)-byte secret; an identifier beside them would let one holder test every such secret (16 bytes or more are needed)")
                throw ExitCode(1)
            }
            var setIdentifier = identifier
            if parsed.count >= first.threshold {
                let recovered: RecoveredSecret
                do { recovered = try ShareSet(validating: parsed).recover() } catch {
                    Terminal.error("meshkey print: \(Recover.describe(error, origins: origins))")
                    throw ExitCode(1)
                }
                if let identifier, !Recover.identifiersMatch(identifier, recovered.identifier) {
                    Terminal.error("meshkey print: identifier_mismatch: the shares recover a secret with identifier \(recovered.identifier), not \(identifier)")
                    throw ExitCode(1)
                }
                if identifier == nil { setIdentifier = SecretSharing.publishedIdentifier(of: recovered.secret) }
            }
            let created = PaperSheet.today()
            let sheets = parsed.enumerated().map { index, share in
                PaperSheet(share: share.text, x: share.x, threshold: share.threshold, total: total ?? (parsed.count >= share.threshold ? parsed.count : nil),
                           identifier: setIdentifier, created: created, label: index < labels.count ? labels[index] : nil)
            }
            if text {
                Terminal.print(sheets.map(\.text).joined(separator: "\n\n" + String(repeating: "-", count: 72) + "\n\n"))
            }
            if let out {
                try Self.writePDF(sheets, to: out, paper: PaperSize(rawValue: paper)!, qr: !noQR, command: "print")
            }
        }

        /// Renders the sheets in memory and creates `path` with mode 0600.
        static func writePDF(_ sheets: [PaperSheet], to path: String, paper: PaperSize, qr: Bool, command: String) throws {
            let pdf: SecureBytes
            do { pdf = try PaperPDF.render(sheets, paper: paper, qr: qr) } catch {
                Terminal.error("meshkey \(command): \(error.description)")
                throw ExitCode(1)
            }
            do {
                let privateFolder = try SecureFile.create(path: path, contents: pdf)
                if !privateFolder {
                    Terminal.error("meshkey \(command): warning: \(path) is in a folder that others can read; move the sheets somewhere private")
                }
            } catch {
                Terminal.error("meshkey \(command): \(error.description)")
                throw ExitCode(1)
            }
        }
    }
}
