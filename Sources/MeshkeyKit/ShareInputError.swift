public import MeshCrypto
public import MeshEscrow

/// Why shares given by a person could not be read, checked or recovered, with where the share came from
/// (`argument 2`, `shares.txt line 4`, `lines 3–7`, an image's name) in the reason.
///
/// Codes: those of ``ShareError`` (`invalid_character`, `inconsistent_shares`, `share_mismatch`, …, named
/// with the share's provenance); `check_mismatch` (a sheet's check codes do not match what was typed);
/// `identifier_mismatch` (the secret recovered is not the one the sheets name); `identifier_refused` (an
/// identifier beside the shares of a short secret); `mixed_set` and `duplicate_share` (sheets of one set);
/// `insufficient_shares` (none given); `scan_failed` and the image codes of MeshPaper (`image_too_large`,
/// `not_png`, …) for QR images. Equality compares codes only. No secret is ever part of an error.
public struct ShareInputError: CodedError, Hashable {
    public let errorCode: String
    public let reason: String
    /// The library error underneath, when a share set refused the shares.
    public let shareError: ShareError?
    /// Corrections made to earlier shares before the failure (a caller may still report them).
    public internal(set) var corrections: [ShareCorrection] = []

    /// An error with `code` and `reason` (and the share set's refusal underneath, if any).
    public init(_ code: String, _ reason: String, shareError: ShareError? = nil) {
        self.errorCode = code
        self.reason = reason
        self.shareError = shareError
    }

    public var description: String { codedDescription }

}
