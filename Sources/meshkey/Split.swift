import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshPaper
import MeshUDF
import MeshkeyKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Meshkey {
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Split a secret into Mesh share UDFs.",
            discussion: """
                The secret is fresh random (--bits, default 256), a UDF or Base32 string (--secret TEXT; `--secret -` \
                reads the text from standard input, or asks for it without echo when standard input is a terminal, \
                as --secret-prompt does), or the bytes of a file (--secret-file; `-` is standard input, read as raw \
                bytes); 1 to 64 bytes. The text must be canonical: it decodes, and its bytes encode back to the same \
                text (modulo case and dashes; RFC 4648 `=` padding is accepted). Anything else, such as a password \
                (`hunter2` is not the Base32 of any bytes), is refused with not_canonical: give such bytes with \
                --secret-file. Output, one item per line: the secret (only when it was \
                generated here), its identifier (a fingerprint that is safe to keep with the shares of a random \
                secret), with --commitments the commitment document's UDF, then the shares. For a secret shorter than \
                16 bytes no identifier is printed (anyone holding it beside a share could test every such secret \
                against it): the identifier line says so instead, and --json has no identifier. With --group (two \
                levels, nested Mesh shares): each share line is `group N (k of n): S…`, and any --groups-needed \
                complete groups recover the secret (`meshkey recover --group …`).
                """
        )

        @Option(name: .shortAndLong, help: "Shares needed to recover (2-15).")
        var threshold: Int = 2

        @Option(name: [.customShort("n"), .long], help: "Shares to make (threshold-15).")
        var shares: Int = 3

        @Option(help: "Size of a fresh random secret in bits (a multiple of 8, 8-512).")
        var bits: Int?

        @Option(
            help:
                "The secret as a canonical UDF or Base32 string (its bytes are shared, type octet included; other text is refused: raw bytes such as a password go in --secret-file); `-` reads the text from standard input, or asks without echo on a terminal. Secret: visible to other local users on the command line, prefer `-` or --secret-file."
        )
        var secret: String?

        @Flag(help: "Ask for the --secret text (canonical UDF or Base32) on the terminal, without echo, twice.")
        var secretPrompt = false

        @Option(
            help: "A file whose bytes (1-64) are the secret, taken as they are (secret input; `-` is standard input)."
        )
        var secretFile: String?

        @Flag(help: "Allow threshold 1 (every share is then a copy of the secret).")
        var forceThresholdOne = false

        @Flag(help: "Print one JSON object: {secret?, identifier, threshold, shares}.")
        var json = false

        @Option(
            name: .customLong("print"),
            help: "Also write share sheets (one PDF page per share, mode 0600) to this file."
        )
        var printFile: String?

        @Option(help: "Paper size of --print: a4 or letter.")
        var paper: String = "a4"

        @OptionGroup var sheetOptions: SheetOptions

        @Option(
            help:
                "A group of holders, e.g. 2of3 (repeat for each group): a two-level split; --threshold and --shares are then not used."
        )
        var group: [String] = []

        @Option(help: "With --group: how many groups must come together (1 to the number of groups).")
        var groupsNeeded: Int?

        @Option(
            help:
                "Also write the set's commitment document (public; secrets of 32-64 bytes) to this new file, and print its UDF after the identifier. An account seed's document is signed by its ProfileSignature key; any other is unsigned (a warning says so)."
        )
        var commitments: String?

        @Option(
            help:
                "With --commitments: sign the document with this Ed25519/Ed448 private key (PEM, e.g. from key generate --out) instead of an account seed's profile key."
        )
        var signKey: String?

        func validate() throws {
            let sources = [bits != nil, secret != nil, secretFile != nil, secretPrompt].filter { $0 }.count
            if sources > 1 {
                throw ValidationError("give at most one of --bits, --secret, --secret-prompt and --secret-file")
            }
            if PaperSize(rawValue: paper) == nil { throw ValidationError("--paper is a4 or letter (got \(paper))") }
            if !group.isEmpty && groupsNeeded == nil { throw ValidationError("--group needs --groups-needed") }
            if group.isEmpty && groupsNeeded != nil { throw ValidationError("--groups-needed needs --group") }
            if !group.isEmpty && commitments != nil {
                throw ValidationError("--commitments is not available with --group")
            }
            if signKey != nil && commitments == nil { throw ValidationError("--sign-key needs --commitments") }
            if let bits, bits < 8 || bits > 512 || bits % 8 != 0 {
                throw ValidationError("--bits must be a multiple of 8 from 8 to 512 (got \(bits))")
            }
        }

        func run() throws {
            let (secretBytes, generated) = try readSecret()
            if !group.isEmpty { return try splitGroups(secretBytes, generated: generated) }
            if let commitments { try CommitmentFiles.checkWritable(commitments) }
            let made: SecretSplit
            do {
                made = try SecretSplit(
                    secret: secretBytes,
                    threshold: threshold,
                    shareCount: shares,
                    committed: commitments != nil,
                    signer: try signKey.map(CommitmentFiles.signer(keyFile:)),
                    allowThresholdOne: forceThresholdOne
                )
            } catch let error as ShareError {
                throw CommandFailure(error.code.name, error.reason)
            }
            let (split, document) = (made.split, made.commitments)
            if let commitments, let document {
                try CommitmentFiles.write(document, to: commitments)
                if document.signer == nil {
                    Terminal.note(
                        "warning: the commitment document is not signed (an account seed's is, by its profile key; name a key with --sign-key)"
                    )
                }
            }
            let shareTexts = split.shares.map(\.text)
            if let printFile {
                try Print.writePDF(
                    made.sheets(details: sheetOptions.details),
                    to: printFile,
                    paper: PaperSize(rawValue: paper)!,
                    qr: true
                )
            }
            if json {
                var members: [(String, JSONValueOut)] = []
                if generated { members.append(("secret", .string(Base32.encode(split.secret)))) }
                if let identifier = split.identifier { members.append(("identifier", .string(identifier))) }
                if let document { members.append(("commitments", .string(document.udf))) }
                members += [
                    ("threshold", .int(split.threshold)),
                    ("shares", .array(shareTexts.map { .string($0) })),
                ]
                Terminal.print(JSONValueOut.object(members).text)
            } else {
                var lines: [String] = []
                if generated { lines.append(Base32.encode(split.secret)) }
                lines.append(split.identifier ?? Self.noIdentifierLine)
                if let document { lines.append(document.udf) }
                lines += shareTexts
                Terminal.print(lines.joined(separator: "\n"))
            }
        }

        /// The bytes of a canonical UDF or Base32 text (`Base32.decodeCanonical`); anything else is refused with
        /// a pointer to --secret-file (exit code 1; the text itself is never shown).
        static func canonicalSecret(_ text: String) throws -> SecureBytes {
            do { return try Base32.decodeCanonical(text) } catch {
                throw CommandFailure(
                    error.code.name,
                    "--secret: \(error.reason); --secret takes a canonical UDF or Base32 string only: for a password or other raw bytes use --secret-file FILE (`-` is standard input)"
                )
            }
        }

        /// The --secret text typed twice on the terminal without echo.
        static func promptSecret() throws -> String {
            let tty = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
            guard tty >= 0 else {
                throw CommandFailure(
                    "no_terminal",
                    "--secret-prompt: there is no terminal to ask on: give the text on standard input with --secret -, or raw bytes with --secret-file FILE"
                )
            }
            close(tty)
            let ask = { (prompt: String) -> SecureBytes in
                // fromTerminal fails (exit 1) itself when the terminal cannot be read.
                (try? Passphrase.fromTerminal(prompt: prompt, variable: "", fileOption: "--secret-file"))
                    ?? SecureBytes()
            }
            let first = ask("Secret (UDF or Base32, not shown): ")
            let second = ask("Again: ")
            if first != second { throw CommandFailure("secret_mismatch", "--secret-prompt: the two entries differ") }
            if first.isEmpty { throw CommandFailure("empty", "--secret-prompt: nothing was typed") }
            return first.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }

        /// Printed in place of the identifier for a secret shorter than 16 bytes (so the shares stay on the same lines).
        static let noIdentifierLine =
            "(no identifier: the secret is shorter than \(SecretSharing.minimumIdentifiedLength) bytes)"

        /// The secret and whether it was generated here.
        private func readSecret() throws -> (SecureBytes, Bool) {
            if secretPrompt || secret == "-" {
                let text =
                    secretPrompt || isatty(0) == 1
                    ? try Self.promptSecret()
                    : try SecretInput.line("-", option: "--secret")
                return (try Self.canonicalSecret(text), false)
            }
            if let secret { return (try Self.canonicalSecret(secret), false) }
            if let secretFile {
                do { return (try SecureFile.read(path: secretFile, maximumCount: 64), false) } catch {
                    throw CommandFailure(error.code.rawValue, "--secret-file: \(error.description)")
                }
            }
            return (SecureRandom.bytes((bits ?? 256) / 8), true)
        }
    }
}
