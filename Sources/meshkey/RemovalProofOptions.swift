import ArgumentParser
import MeshEscrow
import MeshKeyStore

/// The proof that `store delete` and `store purge` ask before an account seed goes: escrow shares that recover
/// exactly the stored seed (as `profile purge` asks), or --force.
struct RemovalProofOptions: ParsableArguments {
    @Option(
        name: .customLong("share"),
        help:
            "An escrow share (S…) proving an account seed may go; repeat for each share. Secret: visible to other local users as arguments (prefer --shares-file)."
    )
    var shares: [String] = []

    @Option(
        help:
            "Read the escrow shares proving an account seed from this file, one per line (secret input; `-` is standard input)."
    )
    var sharesFile: String?

    @Flag(
        help:
            "Remove an account seed without shares (shares given are still checked). Its only other copy may be the paper shares: check them first."
    )
    var force = false

    /// The secret the shares given recover (the store compares it with the stored seed); `--force` without
    /// shares; else no proof.
    func proof() throws -> RemovalProof {
        if shares.isEmpty && sharesFile == nil { return force ? .force : .none }
        return .recoveredSecret(try ShareReading.recoveredSecret(shares, file: sharesFile, scan: []).secret)
    }

}
