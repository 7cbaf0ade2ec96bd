import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshkeyKit

extension Meshkey.Profile {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a profile document (JWS, JSON serialization).",
            discussion: """
                Checks the Ed448 signature with the ProfileSignature key the document holds, that the profile UDF \
                is that key's fingerprint, and that every key UDF is its key's fingerprint. With --expect, the \
                profile UDF must also equal the one given. Prints the profile UDF; exit code 1 on any failure.
                """
        )

        @Argument(help: "The profile document (JSON; `-` is standard input).")
        var document: String

        @Option(help: "The profile UDF the document must have (e.g. from a share sheet).")
        var expect: String?

        func run() throws {
            let bytes = try ProfileDocumentFile.read(document)
            let verified: ProfileDocument
            do { verified = try ProfileDocumentFile.verify(bytes, expecting: expect) } catch let error as any CodedError
            {
                throw CommandFailure(error, at: document)
            }
            Terminal.print(verified.profileUDF)
        }
    }
}
