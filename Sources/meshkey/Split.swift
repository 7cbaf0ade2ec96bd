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
                secret), with --commitments the commitment document's UDF, then the shares. For a secret shorter than \
                16 bytes no identifier is printed (anyone holding it beside a share could test every such secret \
                against it): the identifier line says so instead, and --json has no identifier. With --group (two \
                levels, nested Mesh shares): each share line is `group N (k of n): S…`, and any --groups-needed \
                complete groups recover the secret (`meshkey recover --group …`).
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

        @Option(help: "A group of holders, e.g. 2of3 (repeat for each group): a two-level split; --threshold and --shares are then not used.")
        var group: [String] = []

        @Option(help: "With --group: how many groups must come together (1 to the number of groups).")
        var groupsNeeded: Int?

        @Option(help: "Also write the set's commitment document (public; secrets of 32-64 bytes) to this new file, and print its UDF after the identifier. An account seed's document is signed by its ProfileSignature key; any other is unsigned (a warning says so).")
        var commitments: String?

        @Option(help: "With --commitments: sign the document with this Ed25519/Ed448 private key (PEM, e.g. from key generate --out) instead of an account seed's profile key.")
        var signKey: String?

        func validate() throws {
            let sources = [bits != nil, secret != nil, secretFile != nil].filter { $0 }.count
            if sources > 1 { throw ValidationError("give at most one of --bits, --secret and --secret-file") }
            if PaperSize(rawValue: paper) == nil { throw ValidationError("--paper is a4 or letter (got \(paper))") }
            if !group.isEmpty && groupsNeeded == nil { throw ValidationError("--group needs --groups-needed") }
            if group.isEmpty && groupsNeeded != nil { throw ValidationError("--groups-needed needs --group") }
            if !group.isEmpty && commitments != nil { throw ValidationError("--commitments is not available with --group") }
            if signKey != nil && commitments == nil { throw ValidationError("--sign-key needs --commitments") }
            if let bits, bits < 8 || bits > 512 || bits % 8 != 0 {
                throw ValidationError("--bits must be a multiple of 8 from 8 to 512 (got \(bits))")
            }
        }

        func run() throws {
            let (secretBytes, generated) = try readSecret()
            if !group.isEmpty { return try splitGroups(secretBytes, generated: generated) }
            let split: SecretSharing.Split
            var document: CommitmentDocument? = nil
            do {
                if let commitments {
                    CommitmentFiles.checkWritable(commitments, command: "split")
                    let committed = try SecretSharing.splitCommitted(
                        secret: secretBytes, threshold: threshold, shareCount: shares,
                        signer: signKey.map { CommitmentFiles.signer(keyFile: $0, command: "split") } ?? SecretSharing.profileSigner(for: secretBytes),
                        allowThresholdOne: forceThresholdOne)
                    (split, document) = (committed.split, committed.document)
                } else {
                    split = try SecretSharing.split(secret: secretBytes, threshold: threshold, shareCount: shares,
                                                    allowThresholdOne: forceThresholdOne)
                }
            } catch {
                Terminal.error("meshkey split: \(error.code.name): \(error.reason)")
                throw ExitCode(1)
            }
            if let commitments, let document {
                CommitmentFiles.write(document, to: commitments, command: "split")
                if document.signer == nil {
                    Terminal.error("meshkey split: warning: the commitment document is not signed (an account seed's is, by its profile key; name a key with --sign-key)")
                }
            }
            let shareTexts = split.shares.map(\.text)
            if let printFile {
                let created = PaperSheet.today()
                let sheets = split.shares.map {
                    PaperSheet(share: $0.text, x: $0.x, threshold: split.threshold, total: split.shares.count,
                               identifier: split.identifier, created: created, label: nil,
                               extraInstructions: document.map(CommitmentFiles.sheetLines) ?? [])
                }
                try Print.writePDF(sheets, to: printFile, paper: PaperSize(rawValue: paper)!, qr: true, command: "split")
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

        /// Printed in place of the identifier for a secret shorter than 16 bytes (so the shares stay on the same lines).
        static let noIdentifierLine = "(no identifier: the secret is shorter than \(SecretSharing.minimumIdentifiedLength) bytes)"

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
