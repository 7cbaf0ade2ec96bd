import ArgumentParser
import MeshEscrow
import MeshkeyKit

/// Where a share-taking command's shares come from: arguments, `--shares-file`, `--scan` images, else
/// standard input (ShareReading).
struct ShareSourceOptions: ParsableArguments {
    @Argument(
        help:
            "Share UDFs (S…); secret: visible to other local users as arguments. Read from standard input when none are given."
    )
    var shares: [String] = []

    @Option(help: "Read the shares from this file, one per line (secret input; `-` is standard input).")
    var sharesFile: String?

    @Option(
        parsing: .upToNextOption,
        help:
            "Images (PNG or JPEG) with the shares' QR codes; the same share in two images counts once (secret input; `-` is standard input; at most 10000 pixels a side, 40 million in all). Shares typed on standard input may follow when the images hold fewer than the threshold."
    )
    var scan: [String] = []

    /// Whether any share was given on the command line (arguments, file or images).
    var isEmpty: Bool { shares.isEmpty && sharesFile == nil && scan.isEmpty }

    /// The shares, checked (paper check codes verified, corrections reported).
    func checked() throws -> CheckedShares {
        try ShareReading.checked(ShareReading.gather(shares, file: sharesFile, scan: scan))
    }

    /// The secret the shares recover (no document, no identifier).
    func recoveredSecret() throws -> RecoveredSecret {
        try ShareReading.recoveredSecret(shares, file: sharesFile, scan: scan)
    }
}
