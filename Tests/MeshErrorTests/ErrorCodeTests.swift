import Foundation
import MeshDevice
import MeshKeyStore
import TestSupport
import Testing

@testable import FuzzHarness
@testable import MeshCrypto
@testable import MeshEscrow
@testable import MeshJOSE
@testable import MeshKeys
@testable import MeshMath
@testable import MeshPaper
@testable import MeshUDF
@testable import MeshVectors

/// Every library error type has the one error shape: stable snake_case codes, distinct within the type,
/// equality and hash on the code only, and a printed line that starts with the code.
@Suite struct ErrorCodeTests {
    typealias Sample = any CodedError & Hashable

    /// For each type: two errors per code whose reasons (and places) differ.
    static let samples: [(type: String, pairs: [(Sample, Sample)])] = [
        ("OpenSSLError", [(OpenSSLError(call: "EVP_a", reasons: []), OpenSSLError(call: "EVP_b", reasons: ["x"]))]),
        (
            "ProcessHardening.Failure",
            [(ProcessHardening.Failure(description: "a"), ProcessHardening.Failure(description: "b"))]
        ),
        (
            "SecureFile.ReadError",
            SecureFile.ReadError.Code.allCases.map {
                (SecureFile.ReadError(code: $0, description: "a"), SecureFile.ReadError(code: $0, description: "b"))
            }
        ),
        (
            "SecureFile.WriteError",
            SecureFile.WriteError.Code.allCases.map {
                (SecureFile.WriteError(code: $0, description: "a"), SecureFile.WriteError(code: $0, description: "b"))
            }
        ),
        (
            "AEADError",
            [
                (AEADError.invalidKeyLength(1), AEADError.invalidKeyLength(2)),
                (AEADError.invalidNonceLength(1), AEADError.invalidNonceLength(2)),
                (AEADError.invalidTagLength(1), AEADError.invalidTagLength(2)),
                (AEADError.authenticationFailure, AEADError.authenticationFailure),
                (
                    AEADError.openSSL(OpenSSLError(call: "a", reasons: [])),
                    AEADError.openSSL(OpenSSLError(call: "b", reasons: []))
                ),
            ]
        ),
        (
            "KeyWrapError",
            [
                (KeyWrapError.invalidKEKLength(1), KeyWrapError.invalidKEKLength(2)),
                (KeyWrapError.invalidKeyDataLength(1), KeyWrapError.invalidKeyDataLength(2)),
                (KeyWrapError.invalidWrappedLength(1), KeyWrapError.invalidWrappedLength(2)),
                (KeyWrapError.integrityCheckFailure, KeyWrapError.integrityCheckFailure),
                (
                    KeyWrapError.openSSL(OpenSSLError(call: "a", reasons: [])),
                    KeyWrapError.openSSL(OpenSSLError(call: "b", reasons: []))
                ),
            ]
        ),
        (
            "Scrypt.ParameterError",
            [
                (Scrypt.ParameterError.invalid("a"), Scrypt.ParameterError.invalid("b")),
                (
                    Scrypt.ParameterError.openSSL(OpenSSLError(call: "a", reasons: [])),
                    Scrypt.ParameterError.openSSL(OpenSSLError(call: "b", reasons: []))
                ),
            ]
        ),
        (
            "OpenSSLKeyError",
            [
                (
                    OpenSSLKeyError.invalidRawKeyLength(algorithm: .ed25519, expected: 32, actual: 1),
                    OpenSSLKeyError.invalidRawKeyLength(algorithm: .x448, expected: 56, actual: 2)
                ),
                (
                    OpenSSLKeyError.operationNotSupported(algorithm: .x25519, operation: "sign"),
                    OpenSSLKeyError.operationNotSupported(algorithm: .x448, operation: "verify")
                ),
                (OpenSSLKeyError.algorithmMismatch(.x25519, .x448), OpenSSLKeyError.algorithmMismatch(.x448, .x25519)),
                (OpenSSLKeyError.contextNotSupported("a"), OpenSSLKeyError.contextNotSupported("b")),
                (OpenSSLKeyError.unsupportedKeyType, OpenSSLKeyError.unsupportedKeyType),
                (
                    OpenSSLKeyError.malformedEncoding(OpenSSLError(call: "a", reasons: [])),
                    OpenSSLKeyError.malformedEncoding(OpenSSLError(call: "b", reasons: []))
                ),
                (
                    OpenSSLKeyError.openSSL(OpenSSLError(call: "a", reasons: [])),
                    OpenSSLKeyError.openSSL(OpenSSLError(call: "b", reasons: []))
                ),
            ]
        ),
        ("CurveScalarError", [(CurveScalarError("a"), CurveScalarError("b"))]),
        ("ShamirParameterError", [(ShamirParameterError("a"), ShamirParameterError("b"))]),
        ("CurveError", [CurveError.Code.invalidPoint, .smallOrder].map { (CurveError($0, "a"), CurveError($0, "b")) }),
        (
            "UDFError",
            [UDFError.Code.invalidCharacter, .invalidLength, .wrongType, .notCanonical].map {
                (UDFError($0, "a", position: 1), UDFError($0, "b"))
            }
        ),
        (
            "PaperCheck.CheckError",
            [(PaperCheck.CheckError(lines: [1], reason: "a"), PaperCheck.CheckError(lines: [], reason: "b"))]
        ),
        (
            "ShareError",
            [
                ShareError.Code.invalidCharacter, .invalidLength, .wrongType, .mixedThreshold, .mixedLength,
                .duplicateShare, .insufficientShares, .inconsistentShares, .invalidParameters, .invalidSecret,
                .shareMismatch, .wrongEpoch, .mixedEpochs, .foreignShare, .invalidCommitments,
                .commitmentsUnavailable, .invalidIndex,
            ].map {
                (ShareError($0, "a", share: ShareError.reference(1, 2)), ShareError($0, "b"))
            }
        ),
        (
            "EscrowError",
            [
                EscrowError.Code.malformedEntry, .identifierMismatch, .invalidKeySet, .wrongEntryType, .jwe,
                .invalidParameters, .badSignature, .unsigned, .signerMismatch,
            ].map {
                (EscrowError($0, "a"), $0 == .jwe ? EscrowError(JOSEError.authenticationFailed) : EscrowError($0, "b"))
            }
        ),
        (
            "KeyStoreError",
            [
                KeyStoreError.Code.wrongPassphrase, .insecurePermissions, .tamperedEntry, .corruptHeader,
                .notFound, .notExportable, .exists, .notInitialized, .passphraseRequired, .invalidInput,
                .unprotectedStore, .headerMismatch, .noHome, .proofRequired, .sharesMismatch, .io,
            ].map {
                (KeyStoreError($0, "a", path: "/p"), KeyStoreError($0, "b", udf: "MAAA"))
            }
        ),
        (
            "JOSEError",
            [
                (JOSEError.malformed("a"), JOSEError.malformed("b")),
                (JOSEError.malformedProtectedHeader, JOSEError.malformedProtectedHeader),
                (JOSEError.duplicateHeaderParameter("a"), JOSEError.duplicateHeaderParameter("b")),
                (JOSEError.unsupportedCritical(["a"]), JOSEError.unsupportedCritical([])),
                (JOSEError.unsupportedAlgorithm("a"), JOSEError.unsupportedAlgorithm("b")),
                (JOSEError.unsupportedEncryption("a"), JOSEError.unsupportedEncryption("b")),
                (JOSEError.invalidIV(1), JOSEError.invalidIV(2)),
                (JOSEError.invalidTag(1), JOSEError.invalidTag(2)),
                (JOSEError.invalidKey("a"), JOSEError.invalidKey("b")),
                (JOSEError.wrongKey("a"), JOSEError.wrongKey("b")),
                (JOSEError.authenticationFailed, JOSEError.authenticationFailed),
                (JOSEError.crypto("a"), JOSEError.crypto("b")),
            ]
        ),
        (
            "MeshProfile.ProfileError",
            ["invalid_account_seed", "not_a_seed", "derivation_failed"].map {
                (MeshProfile.ProfileError($0, "a"), MeshProfile.ProfileError($0, "b"))
            }
        ),
        (
            "ProfileDocument.DocumentError",
            ["invalid_document", "bad_signature"].map {
                (ProfileDocument.DocumentError("a", code: $0), ProfileDocument.DocumentError("b", code: $0))
            }
        ),
        ("ScalarKeyError", [(ScalarKeyError("a"), ScalarKeyError("b"))]),
        (
            "PaperError",
            [
                nil, "image_too_large", "not_png", "not_an_image", "unsupported_image", "unreadable_image",
                "scan_failed", "input_too_large",
            ].map { (PaperError("a", code: $0), PaperError("b", code: $0)) }
        ),
        (
            "VectorFileError",
            ["malformed_file", "unsupported_format", "input_too_large", "cannot_read"].map {
                (VectorFileError(file: "a", reason: "a", code: $0), VectorFileError(file: "b", reason: "b", code: $0))
            }
        ),
        ("FuzzFailure", [(FuzzFailure("a"), FuzzFailure("b"))]),
    ]

    static func isSnakeCase(_ code: String) -> Bool {
        code.wholeMatch(of: /[a-z][a-z0-9]*(_[a-z0-9]+)*/) != nil
    }

    @Test(arguments: samples.map(\.type))
    func codesAreDistinctAndSnakeCase(type: String) {
        let pairs = Self.samples.first { $0.type == type }!.pairs
        let codes = pairs.map { $0.0.errorCode }
        #expect(Set(codes).count == codes.count, "\(type): a code is used twice: \(codes)")
        for code in codes { #expect(Self.isSnakeCase(code), "\(type): \(code) is not snake_case") }
        for (first, second) in pairs {
            #expect(first.errorCode == second.errorCode)
            #expect(first.codedDescription.hasPrefix(first.errorCode + ": "), "\(first.codedDescription)")
            #expect(!first.reason.isEmpty)
        }
    }

    @Test(arguments: samples.map(\.type))
    func equalityAndHashAreOnTheCodeOnly(type: String) {
        let pairs = Self.samples.first { $0.type == type }!.pairs
        for (index, (first, second)) in pairs.enumerated() {
            #expect(Self.equal(first, second), "\(type): \(first) and \(second) have one code but differ")
            #expect(Self.hash(first) == Self.hash(second), "\(type): \(first.errorCode) hashes by more than its code")
            for (other, _) in pairs[(index + 1)...] {
                #expect(!Self.equal(first, other), "\(type): \(first.errorCode) equals \(other.errorCode)")
            }
        }
    }

    static func equal(_ a: Sample, _ b: Sample) -> Bool { isEqual(a, b) }

    private static func isEqual<T: Hashable>(_ a: T, _ b: Sample) -> Bool {
        guard let b = b as? T else { return false }
        return a == b
    }

    static func hash(_ error: Sample) -> Int { error.hashValue }

    /// The codes named in the source where a type takes its code as a string (`DeviceError("code", …)`, the
    /// CLI's `CommandFailure("code", …)`) are snake_case too.
    @Test func stringCodesInSourcesAreSnakeCase() throws {
        let sources = Paths.packageRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter {
            $0.hasSuffix(".swift")
        }
        var found = 0
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /(?:DeviceError|CommandFailure)\("([^"\\]*)"/) {
                found += 1
                #expect(Self.isSnakeCase(String(match.1)), "\(file): \(match.1) is not snake_case")
            }
        }
        #expect(found > 0)
    }
}
