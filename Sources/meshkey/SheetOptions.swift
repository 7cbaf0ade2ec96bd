import ArgumentParser
import MeshKeys
import MeshPaper
import MeshkeyKit

/// What a person printing sheets says about the set, printed in plain words on every sheet (`--purpose`,
/// `--owner`), with the version of meshkey that made it.
struct SheetOptions: ParsableArguments {
    @Option(
        help: "What the secret protects, printed on every sheet (\"Protects: …\"), e.g. \"the family photo archive\"."
    )
    var purpose: String?

    @Option(help: "Whose secret it is, printed on every sheet (\"Belongs to: …\").")
    var owner: String?

    func validate() throws {
        for (option, text) in [("--purpose", purpose), ("--owner", owner)] {
            if let text, let problem = KeyLabel.problem(text) {
                throw CommandFailure("invalid_label", "\(option): \(problem)")
            }
        }
    }

    var details: SheetDetails {
        SheetDetails(purpose: purpose, owner: owner, meshkeyVersion: MeshkeyVersion.current)
    }
}
