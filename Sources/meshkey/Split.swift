import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshPaper
import MeshUDF

extension Meshkey {
    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Split a secret into Mesh share UDFs.",
            discussion: """
                The secret is fresh random (--bits, default 256), a UDF or Base32 string (--secret), or the bytes \
                of a file (--secret-file); 1 to 64 bytes. Output, one item per line: the secret (only when it was \
                generated here), its identifier (a fingerprint that is safe to keep with the shares of a random \
                secret), then the shares.
                """)

        @Option(name: .shortAndLong, help: "Shares needed to recover (2-15).")
        var threshold: Int = 2

        @Option(name: [.customShort("n"), .long], help: "Shares to make (threshold-15).")
        var shares: Int = 3

        @Option(help: "Size of a fresh random secret in bits (a multiple of 8, 8-512).")
        var bits: Int?

        @Option(help: "The secret as a UDF or Base32 string (its bytes are shared, type octet included); secret: visible to other local users on the command line, prefer --secret-file.")
        var secret: String?

        @Option(help: "A file whose bytes (1-64) are the secret (secret input; `-` is standard input).")
        var secretFile: String?

        @Flag(help: "Allow threshold 1 (every share is then a copy of the secret).")
        var forceThresholdOne = false

        @Flag(help: "Print one JSON object: {secret?, identifier, threshold, shares}.")
        var json = false

        @Option(name: .customLong("print"), help: "Also write share sheets (one PDF page per share, mode 0600) to this file.")
        var printFile: String?

        @Option(help: "Paper size of --print: a4 or letter.")
        var paper: String = "a4"

        func validate() throws {
            let sources = [bits != nil, secret != nil, secretFile != nil].filter { $0 }.count
            if sources > 1 { throw ValidationError("give at most one of --bits, --secret and --secret-file") }
            if PaperSize(rawValue: paper) == nil { throw ValidationError("--paper is a4 or letter (got \(paper))") }
            if let bits, bits < 8 || bits > 512 || bits % 8 != 0 {
                throw ValidationError("--bits must be a multiple of 8 from 8 to 512 (got \(bits))")
            }
        }

        func run() throws {
            let (secretBytes, generated) = try readSecret()
            let split: SecretSharing.Split
            do {
                split = try SecretSharing.split(secret: secretBytes, threshold: threshold, shareCount: shares,
                                                allowThresholdOne: forceThresholdOne)
            } catch {
                Terminal.error("meshkey split: \(error.code.name): \(error.reason)")
                throw ExitCode(1)
            }
            let shareTexts = split.shares.map(\.text)
            if let printFile {
                let created = PaperSheet.today()
                let sheets = split.shares.map {
                    PaperSheet(share: $0.text, x: $0.x, threshold: split.threshold, total: split.shares.count,
                               identifier: split.identifier, created: created, label: nil)
                }
                try Print.writePDF(sheets, to: printFile, paper: PaperSize(rawValue: paper)!, qr: true, command: "split")
            }
            if json {
                var members: [(String, JSONValueOut)] = []
                if generated { members.append(("secret", .string(Base32.encode(split.secret)))) }
                members += [
                    ("identifier", .string(split.identifier)),
                    ("threshold", .int(split.threshold)),
                    ("shares", .array(shareTexts.map { .string($0) })),
                ]
                Terminal.print(JSONValueOut.object(members).text)
            } else {
                var lines: [String] = []
                if generated { lines.append(Base32.encode(split.secret)) }
                lines.append(split.identifier)
                lines += shareTexts
                Terminal.print(lines.joined(separator: "\n"))
            }
        }

        /// The secret and whether it was generated here.
        private func readSecret() throws -> (SecureBytes, Bool) {
            if let secret {
                let decoded: (bytes: SecureBytes, characters: Int)
                do { decoded = try Base32.decodeCounting(secret) } catch {
                    Terminal.error("meshkey split: --secret: \(error.code.name): \(error.reason)")
                    throw ExitCode(1)
                }
                guard decoded.characters == Base32.characterCount(byteCount: decoded.bytes.count),
                      !decoded.bytes.isEmpty else {
                    Terminal.error("meshkey split: --secret: invalid_length: \(decoded.characters) Base32 characters do not encode whole bytes")
                    throw ExitCode(1)
                }
                return (decoded.bytes, false)
            }
            if let secretFile {
                do { return (try SecureFile.read(path: secretFile, maximumCount: 64), false) } catch {
                    Terminal.error("meshkey split: --secret-file: \(error)")
                    throw ExitCode(1)
                }
            }
            return (SecureRandom.bytes((bits ?? 256) / 8), true)
        }
    }
}
