internal import COpenSSL

/// The message digests the Mesh formats use, computed by OpenSSL.
public enum DigestAlgorithm: String, Sendable, CaseIterable {
    case sha256 = "SHA-256"
    case sha512 = "SHA-2-512"
    case sha3_512 = "SHA-3-512"

    /// Output length in bytes.
    public var byteCount: Int {
        switch self {
        case .sha256: 32
        case .sha512, .sha3_512: 64
        }
    }

    /// The fetched OpenSSL implementation, looked up once per process.
    var md: OpaquePointer {
        switch self {
        case .sha256: FetchedDigests.sha256
        case .sha512: FetchedDigests.sha512
        case .sha3_512: FetchedDigests.sha3_512
        }
    }
}

/// OpenSSL digest implementations, fetched once (fetching costs more than hashing a short input).
enum FetchedDigests {
    nonisolated(unsafe) static let sha256: OpaquePointer = fetch(COPENSSL_SHA256)
    nonisolated(unsafe) static let sha512: OpaquePointer = fetch(COPENSSL_SHA512)
    nonisolated(unsafe) static let sha3_512: OpaquePointer = fetch(COPENSSL_SHA3_512)
    nonisolated(unsafe) static let shake256: OpaquePointer = fetch(COPENSSL_SHAKE256)

    private static func fetch(_ name: UnsafePointer<CChar>) -> OpaquePointer {
        guard let md = EVP_MD_fetch(nil, name, nil) else {
            preconditionFailure("OpenSSL has no \(String(cString: name)): \(OpenSSLError.drain("EVP_MD_fetch"))")
        }
        return md
    }
}

public enum Digest {
    /// The digest of `data`.
    public static func hash(_ algorithm: DigestAlgorithm, _ data: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: algorithm.byteCount)
        var length: UInt32 = 0
        let result = EVP_Digest(
            data.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
            data.count,
            &output,
            &length,
            algorithm.md,
            nil
        )
        precondition(result == 1 && Int(length) == output.count, "EVP_Digest failed")
        return output
    }

    public static func hash<Bytes: Collection>(_ algorithm: DigestAlgorithm, _ data: Bytes) -> [UInt8]
    where Bytes.Element == UInt8 {
        let array = Array(data)
        return array.withUnsafeBytes { hash(algorithm, $0) }
    }

    /// The digest of several parts, as if they were concatenated.
    public static func hash(_ algorithm: DigestAlgorithm, parts: [[UInt8]]) -> [UInt8] {
        var pointers: [UnsafeRawBufferPointer] = []
        return hash(algorithm, parts: parts, index: 0, pointers: &pointers)
    }

    private static func hash(
        _ algorithm: DigestAlgorithm,
        parts: [[UInt8]],
        index: Int,
        pointers: inout [UnsafeRawBufferPointer]
    ) -> [UInt8] {
        if index == parts.count { return hash(algorithm, rawParts: pointers) }
        return parts[index].withUnsafeBytes { buffer in
            pointers.append(buffer)
            return hash(algorithm, parts: parts, index: index + 1, pointers: &pointers)
        }
    }

    /// The digest of several memory regions, as if they were concatenated (no copies are made, so secret
    /// input stays where its owner keeps it).
    public static func hash(_ algorithm: DigestAlgorithm, rawParts: [UnsafeRawBufferPointer]) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(context) }
        precondition(EVP_DigestInit_ex2(context, algorithm.md, nil) == 1, "EVP_DigestInit_ex2 failed")
        for part in rawParts where part.count > 0 {
            _ = EVP_DigestUpdate(context, part.baseAddress, part.count)
        }
        var output = [UInt8](repeating: 0, count: algorithm.byteCount)
        var length: UInt32 = 0
        precondition(EVP_DigestFinal_ex(context, &output, &length) == 1, "EVP_DigestFinal_ex failed")
        return output
    }

    /// The digest of several memory regions, written straight into a secure buffer (for digests that are
    /// key material, such as Concat KDF blocks).
    public static func secureHash(_ algorithm: DigestAlgorithm, rawParts: [UnsafeRawBufferPointer]) -> SecureBytes {
        SecureBytes(count: algorithm.byteCount) { output in
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
            defer { EVP_MD_CTX_free(context) }
            precondition(EVP_DigestInit_ex2(context, algorithm.md, nil) == 1, "EVP_DigestInit_ex2 failed")
            for part in rawParts where part.count > 0 {
                _ = EVP_DigestUpdate(context, part.baseAddress, part.count)
            }
            var length: UInt32 = 0
            precondition(
                EVP_DigestFinal_ex(context, output.baseAddress!.assumingMemoryBound(to: UInt8.self), &length) == 1
                    && Int(length) == output.count,
                "EVP_DigestFinal_ex failed"
            )
        }
    }

    /// SHAKE256 of `data`, `outputCount` bytes long. Secret input gives secret output, so both are
    /// secure buffers.
    public static func shake256(_ data: SecureBytes, outputCount: Int) -> SecureBytes {
        SecureBytes(count: outputCount) { output in
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
            defer { EVP_MD_CTX_free(context) }
            precondition(EVP_DigestInit_ex2(context, FetchedDigests.shake256, nil) == 1, "SHAKE256 init failed")
            data.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            precondition(
                EVP_DigestFinalXOF(context, output.baseAddress!.assumingMemoryBound(to: UInt8.self), output.count) == 1,
                "EVP_DigestFinalXOF failed"
            )
        }
    }

    /// SHAKE256 of public `data`, `outputCount` bytes long, in an ordinary array (for inputs that are not
    /// secret, such as messages and public keys).
    public static func shake256(_ data: [UInt8], outputCount: Int) -> [UInt8] {
        precondition(outputCount >= 0, "SHAKE256 output length must not be negative")
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed") }
        defer { EVP_MD_CTX_free(context) }
        precondition(EVP_DigestInit_ex2(context, FetchedDigests.shake256, nil) == 1, "SHAKE256 init failed")
        let updated = data.withUnsafeBytes {
            EVP_DigestUpdate(context, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), $0.count)
        }
        precondition(updated == 1, "EVP_DigestUpdate failed")
        var output = [UInt8](repeating: 0, count: Swift.max(outputCount, 1))
        precondition(EVP_DigestFinalXOF(context, &output, outputCount) == 1, "EVP_DigestFinalXOF failed")
        return Array(output.prefix(outputCount))
    }
}
