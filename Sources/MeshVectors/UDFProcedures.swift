import MeshCrypto
import MeshJSON
import MeshUDF

/// Procedures for the `udf` suite: base32, udf_type_letters, content_digest, authenticator, key_identifier.
enum UDFProcedures {
    static let all: [String: (VectorRunner.Procedure, Set<String>)] = [
        "base32": (base32, []),
        "udf_type_letters": (typeLetters, ["name"]),
        "content_digest": (contentDigest, []),
        "authenticator": (authenticator, []),
        "key_identifier": (keyIdentifier, []),
    ]

    static func base32(_ check: VectorCheck) throws {
        let bytes = try check.hex("bytes_hex")
        let encoded = Base32.encode(bytes)
        try check.expect("string", encoded)
        var spellings = [encoded]
        if check.hasExpected("decodes_from") { spellings += try check.expectedStrings("decodes_from") }
        for spelling in spellings {
            let decoded: [UInt8]
            do { decoded = try Base32.decode(spelling) } catch {
                throw VectorFailure("decoding \(spelling.debugDescription) failed: \(error)")
            }
            guard decoded == bytes else {
                throw VectorFailure("\(spelling.debugDescription) decodes to \(HexCoding.encode(decoded))")
            }
        }
    }

    static func typeLetters(_ check: VectorCheck) throws {
        let code = try check.int("type_code")
        guard (0...255).contains(code) else { throw VectorFailure("type_code out of range") }
        try check.expect("letter", String(UDFType(rawValue: UInt8(code)).letter))
    }

    static func digestAlgorithm(_ name: String) throws -> DigestAlgorithm {
        switch name {
        case "SHA-2-512": .sha512
        case "SHA-3-512": .sha3_512
        default: throw VectorFailure("unsupported digest algorithm \(name)")
        }
    }

    static func contentDigest(_ check: VectorCheck) throws {
        let digest = ContentDigest(
            data: try check.hex("data_hex"),
            contentType: try check.string("content_type"),
            algorithm: try digestAlgorithm(check.string("algorithm"))
        )
        try check.expect("type_code", Int(digest.type.rawValue))
        try check.expectHex("digest_hex", digest.digest)
        try check.expect("udf", digest.presentation(bits: try precisionBits(check)))
    }

    static func authenticator(_ check: VectorCheck) throws {
        let udf = try Authenticator(
            keyString: check.string("key_string"),
            contentType: check.string("content_type"),
            data: check.hex("data_hex")
        )
        try check.expectHex("mac_hex", udf.mac.unprotectedBytes)
        try check.expect("udf", udf.presentation(bits: try precisionBits(check)))
    }

    static func keyIdentifier(_ check: VectorCheck) throws {
        let key = try check.string("key_string")
        let bits = try precisionBits(check)
        switch try check.string("rule") {
        case "key_share": try check.expect("identifier", KeyIdentifier.shareIdentifier(keyString: key, bits: bits))
        case "earl": try check.expect("identifier", KeyIdentifier.locatorIdentifier(keyString: key, bits: bits))
        case let rule: throw VectorFailure("unknown identifier rule \(rule)")
        }
    }

    /// `precision_bits`: a presentation shows at least one bit.
    static func precisionBits(_ check: VectorCheck) throws -> Int {
        let bits = try check.int("precision_bits")
        guard bits >= 1 else { throw VectorFailure("precision_bits must be positive") }
        return bits
    }
}
