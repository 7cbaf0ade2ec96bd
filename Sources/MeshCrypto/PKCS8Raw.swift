/// The PKCS#8 forms of our four key types that OpenSSL's encoder writes (RFC 8410 §7, version 1, no
/// attributes, no public key), read without OpenSSL: OpenSSL 3.0's decoder leaves copies of the private key
/// in freed heap (Docs/security.md §6e), and these forms are fixed bytes around the raw key. Anything else
/// (attributes, another layout, PEM with other armour) is left to OpenSSL's decoder.
enum PKCS8Raw {
    /// `SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.x }, OCTET STRING { OCTET STRING key } }` up to the key.
    static func prefix(_ algorithm: KeyAlgorithm) -> [UInt8] {
        let oid: UInt8
        switch algorithm {
        case .x25519: oid = 0x6E
        case .x448: oid = 0x6F
        case .ed25519: oid = 0x70
        case .ed448: oid = 0x71
        }
        let n = UInt8(algorithm.privateKeyByteCount)
        return [0x30, n + 14, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, oid, 0x04, n + 2, 0x04, n]
    }

    /// The algorithm and raw key when `der` is exactly one of the four forms (prefix and length); nil
    /// otherwise. The prefix is structure, not secret; the key bytes are only copied.
    static func raw(der: UnsafeRawBufferPointer) -> (algorithm: KeyAlgorithm, raw: SecureBytes)? {
        for algorithm in KeyAlgorithm.allCases {
            let prefix = prefix(algorithm)
            guard der.count == prefix.count + algorithm.privateKeyByteCount,
                prefix.indices.allSatisfy({ der[$0] == prefix[$0] })
            else { continue }
            return (algorithm, SecureBytes(UnsafeRawBufferPointer(rebasing: der[prefix.count...])))
        }
        return nil
    }

    static let header = Array("-----BEGIN PRIVATE KEY-----".utf8)
    static let footer = Array("-----END PRIVATE KEY-----".utf8)

    /// The DER of a PEM `PRIVATE KEY` block: the header line, Base64 lines (LF or CRLF), the footer line,
    /// then nothing but whitespace. nil for anything else (left to OpenSSL).
    static func der(pem: UnsafeRawBufferPointer) -> SecureBytes? {
        var lines: [Range<Int>] = []
        var start = 0
        for index in 0...pem.count where index == pem.count || pem[index] == 0x0A {
            var end = index
            if end > start && pem[end - 1] == 0x0D { end -= 1 }
            lines.append(start..<end)
            start = index + 1
        }
        func line(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: pem[range]) }
        func isBlank(_ range: Range<Int>) -> Bool { line(range).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }
        guard let first = lines.first, line(first).elementsEqual(header),
            let footerIndex = lines.firstIndex(where: { line($0).elementsEqual(footer) }), footerIndex > 1,
            lines[(footerIndex + 1)...].allSatisfy(isBlank)
        else { return nil }
        let body = lines[1..<footerIndex]
        guard body.allSatisfy({ !$0.isEmpty && $0.count <= 76 }) else { return nil }
        var text = SecureBytes(zeros: body.reduce(0) { $0 + $1.count })
        text.withUnsafeMutableBytes { output in
            var offset = 0
            for range in body {
                UnsafeMutableRawBufferPointer(rebasing: output[offset..<(offset + range.count)]).copyMemory(
                    from: line(range)
                )
                offset += range.count
            }
        }
        return Base64.decode(secure: text)
    }
}
