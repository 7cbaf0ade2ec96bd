public import MeshCrypto
public import MeshKeyStore
import MeshUDF

/// What `store import` brought into the store: the new entry, and for a sealed recryption share the UDF of
/// the verified signer (nil: unsigned or not a share).
public struct ImportedEntry: Sendable {
    public let entry: StoreEntry
    public let signer: String?
}

extension KeyStore {
    /// Imports one secret given as text, recognised by its form (surrounding white space ignored): a sealed
    /// recryption share (a JSON document, see ``importSealedShare(_:exportable:label:expectedSigner:allowUnsigned:)``),
    /// an unencrypted PKCS#8 PEM private key (of `algorithm`, when given), a raw private key in hex (needs
    /// `algorithm`), or a seed UDF (`Z…`).
    ///
    /// Errors: `empty_input`, `invalid_input` (hex that is not hex, text of none of these forms),
    /// `algorithm_mismatch` (a PEM key of another algorithm), the OpenSSL key error's code for a PEM that is
    /// not such a key, the UDF error's code for a bad seed UDF, and the store's errors.
    public func importEntry(
        _ input: SecureBytes,
        algorithm: KeyAlgorithm?,
        exportable: Bool,
        label: String?,
        expectedSigner: String?,
        allowUnsigned: Bool
    ) throws -> ImportedEntry {
        let trimmed = try Self.importInput(input)
        if Self.starts(trimmed, with: "{") {
            let imported = try importSealedShare(
                trimmed,
                exportable: exportable,
                label: label,
                expectedSigner: expectedSigner,
                allowUnsigned: allowUnsigned
            )
            return ImportedEntry(entry: imported.entry, signer: imported.signer)
        }
        if Self.starts(trimmed, with: "-----BEGIN") {
            let key: OpenSSLPrivateKey
            do { key = try OpenSSLPrivateKey(pemRepresentation: trimmed) } catch {
                throw OperationError(
                    error.errorCode,
                    "not an unencrypted PKCS#8 Ed25519, Ed448, X25519 or X448 private key (\(error))"
                )
            }
            if let algorithm, algorithm != key.algorithm {
                throw OperationError(
                    "algorithm_mismatch",
                    "the PEM key is \(key.algorithm.rawValue), not \(algorithm.rawValue)"
                )
            }
            return ImportedEntry(entry: try add(key: key, exportable: exportable, label: label), signer: nil)
        }
        let text = String(decoding: trimmed.unprotectedBytes, as: UTF8.self)
        if let algorithm {
            guard let raw = Hex.decode(text) else { throw OperationError("invalid_input", "the input is not hex") }
            let key = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: SecureBytes(raw))
            return ImportedEntry(entry: try add(key: key, exportable: exportable, label: label), signer: nil)
        }
        guard text.first == "Z" || text.first == "z" else {
            throw OperationError(
                "invalid_input",
                "the input is neither a seed UDF (Z…) nor a PEM key; for a raw hex key give --alg"
            )
        }
        let seed: SeedUDF
        do { seed = try SeedUDF.parse(text) } catch {
            throw OperationError(error.errorCode, "not a seed UDF: \(error.reason)")
        }
        return ImportedEntry(entry: try add(seed: seed, exportable: exportable, label: label), signer: nil)
    }

    /// The input of ``importEntry(_:algorithm:exportable:label:expectedSigner:allowUnsigned:)`` without its
    /// surrounding white space; `empty_input` when nothing is left (checked before a store is opened).
    public static func importInput(_ input: SecureBytes) throws -> SecureBytes {
        let trimmed = trimmingWhiteSpace(input)
        guard !trimmed.isEmpty else {
            throw OperationError("empty_input", "no input (give a seed UDF, a PEM file with --file, or hex with --alg)")
        }
        return trimmed
    }

    static func trimmingWhiteSpace(_ bytes: SecureBytes) -> SecureBytes {
        var start = 0
        var end = bytes.count
        func space(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while start < end && space(bytes[start]) { start += 1 }
        while end > start && space(bytes[end - 1]) { end -= 1 }
        return bytes.slice(start..<end)
    }

    static func starts(_ bytes: SecureBytes, with prefix: String) -> Bool {
        let wanted = Array(prefix.utf8)
        guard bytes.count >= wanted.count else { return false }
        return (0..<wanted.count).allSatisfy { bytes[$0] == wanted[$0] }
    }
}
