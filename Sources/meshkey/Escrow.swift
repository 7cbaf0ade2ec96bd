import ArgumentParser
import MeshCrypto
import MeshEscrow
import MeshKeys

extension Meshkey {
    struct Escrow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "escrow",
            abstract:
                "Escrow entries: private keys from the store sealed as a JWE (offline with shares, online to escrow keys).",
            subcommands: [Seal.self, Open.self, Inspect.self]
        )
    }
}

extension Meshkey.Escrow {
    /// One line per key: role (control characters shown escaped), algorithm, UDF, and `non-exportable`
    /// for a key that will be installed so.
    static func lines(_ keys: [EscrowedKeySet.Key]) -> [String] {
        keys.map {
            "\(KeyLabel.displayed($0.role ?? "-").padding(to: 24)) \($0.privateKey.algorithm.rawValue.padding(to: 8)) \($0.udf)"
                + ($0.exportable ? "" : "  non-exportable")
        }
    }
}
