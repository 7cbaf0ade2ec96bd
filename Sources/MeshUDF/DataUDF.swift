public import MeshCrypto

/// A fixed-length ("data") UDF: a type octet and data, always presented in full.
///
/// Used for nonces (`N…`, 0x68), symmetric keys (`E…`, 0x20), seeds (`Z…`, 0xC8, see ``SeedUDF``) and shares
/// (`S…`, 0x90, see ``ShareUDF``). The data is kept in a secure buffer because keys and seeds are secret.
public struct DataUDF: Sendable, Equatable {
    public let type: UDFType
    public let data: SecureBytes

    public init(type: UDFType, data: SecureBytes) {
        self.type = type
        self.data = data
    }

    /// A random nonce of `byteCount` bytes.
    public static func nonce(byteCount: Int = 16) -> DataUDF {
        DataUDF(type: .nonce, data: SecureRandom.bytes(byteCount))
    }

    /// A symmetric key UDF over `key`.
    public static func encryptionKey(_ key: SecureBytes) -> DataUDF { DataUDF(type: .encryptionKey, data: key) }

    /// type ‖ data.
    public var binary: SecureBytes {
        SecureBytes(prefix: [type.rawValue], data)
    }

    /// The full presentation.
    public var text: String { Base32.encode(binary) }

    /// Parses a presentation whose type octet must be `expected`. As in the reference implementation, bits
    /// after the last whole byte are dropped: published seeds are sometimes shown with a character count that
    /// is not that of a whole encoding (e.g. `ZAAA-ITKG-ED44-XKEY-X`, 17 characters for 10 bytes). Shares,
    /// whose length is part of their format, are parsed strictly by ``ShareUDF``.
    public static func parse(_ text: String, expecting expected: UDFType) throws(UDFError) -> DataUDF {
        let (bytes, characters) = try Base32.decodeCounting(text)
        guard bytes.count >= 2 else {
            throw UDFError(.invalidLength, "\(characters) Base32 characters are too short for a \(expected.letter)-UDF")
        }
        guard bytes[0] == expected.rawValue else {
            throw UDFError(
                .wrongType,
                "is \(UDFType(rawValue: bytes[0]).article), expected a \(expected.letter)-UDF (type \(expected.rawValue))"
            )
        }
        return DataUDF(type: expected, data: bytes.slice(1..<bytes.count))
    }
}
