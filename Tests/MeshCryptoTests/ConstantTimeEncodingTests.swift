import Foundation
import MeshCrypto
import Testing

/// The constant-time Base64, base64url, hex and Bech32 codecs (item 9) give the same results as
/// straightforward table-based codecs (written here as the reference), refuse what they refused, and cover
/// the published vectors. Their constant-time property itself is checked by `make ct` (meshkey-ct `encoding`).
@Suite struct ConstantTimeEncodingTests {
    static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let url = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Table-based reference encoder (RFC 4648).
    static func reference(_ bytes: [UInt8], alphabet: [UInt8], pad: Bool) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(i + 3, bytes.count)])
            let n = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(16 - 8 * $1.offset) }
            for k in 0..<(chunk.count + 1) { out.append(alphabet[Int(n >> UInt32(18 - 6 * k) & 63)]) }
            if pad { out += [UInt8](repeating: 0x3D, count: 3 - chunk.count) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255) } }

    @Test func base64MatchesRFC4648Vectors() {
        let vectors = [
            "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
            "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.encode(secure: SecureBytes(Array(plain.utf8))).unprotectedBytes == Array(encoded.utf8))
            let unpadded = encoded.replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(Array(plain.utf8)) == unpadded)
            #expect(Base64URL.decode(unpadded) == Array(plain.utf8))
        }
    }

    @Test func base64AgreesWithTheTableCodecOnEveryCharacter() {
        // Every byte value (so every 6-bit value in every digit position), and every length mod 3.
        let every: [UInt8] = (0..<256).map { UInt8($0) }
        let inputs: [[UInt8]] =
            [every, Array(every.reversed()), Array(every.dropFirst())] + (0..<40).map { Self.randomBytes($0) }
        for bytes in inputs {
            #expect(Base64.encode(bytes) == Self.reference(bytes, alphabet: Self.standard, pad: true))
            #expect(
                Base64.encode(secure: SecureBytes(bytes)).unprotectedBytes
                    == Array(Self.reference(bytes, alphabet: Self.standard, pad: true).utf8)
            )
            let urlText = Self.reference(bytes, alphabet: Self.url, pad: false)
            #expect(Base64URL.encode(bytes) == urlText)
            #expect(Base64URL.encode(SecureBytes(bytes)).unprotectedBytes == Array(urlText.utf8))
            #expect(Base64URL.decode(urlText) == bytes)
            #expect(Base64URL.decode(secure: SecureBytes(Array(urlText.utf8)))?.unprotectedBytes == bytes)
        }
    }

    @Test func paddedBase64DecodesStrictly() {
        for bytes in (0..<40).map({ Self.randomBytes($0) }) + [(0..<256).map { UInt8($0) }] {
            let text = Self.reference(bytes, alphabet: Self.standard, pad: true)
            #expect(Base64.decode(secure: SecureBytes(Array(text.utf8)))?.unprotectedBytes == bytes)
        }
        for bad in ["Zg=", "Zg", "Z===", "Zm9v\n", "Zm-v", "Zh==", "Zm9=", "=Zm9", "Zm9vYg=A"] {
            #expect(Base64.decode(secure: SecureBytes(Array(bad.utf8))) == nil, "\(bad)")
        }
        #expect(Base64.decode(secure: SecureBytes())?.isEmpty == true)
    }

    @Test func base64URLDecodingStaysStrict() {
        // Every byte that is not in the alphabet is refused, in every position of a quantum.
        for byte in UInt8(0)...255 where !Self.url.contains(byte) {
            for position in 0..<4 {
                var text = Array("QUJD".utf8)
                text[position] = byte
                #expect(Base64URL.decode(secure: SecureBytes(text)) == nil, "byte \(byte) at \(position)")
                #expect(Base64URL.decode(String(decoding: text, as: UTF8.self)) == nil || byte >= 0x80)
            }
        }
        #expect(Base64URL.decode("QQ") == [0x41])
        #expect(Base64URL.decode("QR") == nil)  // unused bits set
        #expect(Base64URL.decode("QUI") == [0x41, 0x42])
        #expect(Base64URL.decode("QUJ") == nil)  // unused bits set
        #expect(Base64URL.decode("Q") == nil)  // impossible length
        #expect(Base64URL.decode("QQ==") == nil)  // padding
        #expect(Base64URL.decode("Zm9v+g") == nil)  // standard alphabet
    }

    @Test func hexAgreesWithFormatAndRefusesNonDigits() throws {
        let all = (0...255).map { UInt8($0) }
        let expected = all.map { String(format: "%02x", $0) }.joined()
        #expect(Hex.encode(all) == expected)
        #expect(Hex.encode(SecureBytes(all)) == expected)
        #expect(Hex.decode(expected) == all)
        #expect(Hex.decode(expected.uppercased()) == all)
        #expect(Hex.decode(secure: SecureBytes(Array(expected.utf8)))?.unprotectedBytes == all)
        let digits = Set("0123456789abcdefABCDEF".utf8)
        for byte in UInt8(0)...255 where !digits.contains(byte) {
            #expect(Hex.decode(secure: SecureBytes([0x30, byte])) == nil, "byte \(byte)")
            #expect(Hex.decode(secure: SecureBytes([byte, 0x30])) == nil, "byte \(byte)")
        }
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode(secure: SecureBytes(Array("abc".utf8))) == nil)
        #expect(Hex.decode("") == [])
    }

    @Test func bech32MatchesBIP173Vectors() {
        #expect(Bech32.encode(hrp: "a", data: []) == "a12uel5l")
        // BIP 173's "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw": the 32 data values 0 … 31, that is 20 bytes.
        let values = Array(0..<32)
        var bytes: [UInt8] = []
        var accumulator = 0
        var bits = 0
        for value in values {
            accumulator = accumulator << 5 | value
            bits += 5
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(accumulator >> bits & 255))
            }
        }
        #expect(Bech32.encode(hrp: "abcdef", data: bytes) == "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw")
        #expect(
            Bech32.encode(hrp: "abcdef", secure: SecureBytes(bytes), uppercase: true).unprotectedBytes
                == Array("ABCDEF1QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LMQQQXW".utf8)
        )
        // age's form: upper case of the lower-case encoding, for random keys.
        for _ in 0..<20 {
            let key = SecureBytes(Self.randomBytes(32))
            let lower = Bech32.encode(hrp: "age-secret-key-", secure: key).unprotectedBytes
            let upper = Bech32.encode(hrp: "age-secret-key-", secure: key, uppercase: true).unprotectedBytes
            #expect(String(decoding: upper, as: UTF8.self) == String(decoding: lower, as: UTF8.self).uppercased())
            #expect(String(decoding: upper, as: UTF8.self).hasPrefix("AGE-SECRET-KEY-1"))
        }
    }
}
