import ArgumentParser
import MeshCrypto
import MeshKeys
import MeshMath

extension Meshkey {
    struct Profile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile",
            abstract: "Mesh master profiles: create, escrow, recover and purge; derive and verify.",
            subcommands: [Create.self, Escrow.self, Recover.self, Purge.self, Derive.self, Verify.self]
        )
    }
}

extension Meshkey.Profile {
    /// The profile UDF, then one line per account key: role, algorithm, key UDF.
    static func lines(_ profile: MeshProfile) -> [String] {
        [profile.udf]
            + profile.keys.map {
                "\($0.role.rawValue.padding(to: 24)) \($0.key.curve.rawValue.padding(to: 6)) \($0.key.udf)"
            }
    }
}
