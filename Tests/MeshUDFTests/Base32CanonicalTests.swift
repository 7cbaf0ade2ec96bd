import Foundation
import MeshCrypto
import MeshUDF
import Testing

/// `Base32.decodeCanonical` (split --secret): text is accepted exactly when it decodes and its bytes encode
/// back to the same text, modulo case and dashes (plus RFC 4648 padding); `encodeSecure` matches `encode`.
@Suite struct Base32CanonicalTests {
    /// The literal definition the issue gives: decodes, and re-encodes to the same undashed upper-case text.
    static func reencodesTheSame(_ text: String) -> Bool {
        guard !text.contains(" "), let bytes = try? Base32.decode(text), !bytes.isEmpty else { return false }
        return Base32.encode(bytes, dashed: false) == text.uppercased().replacingOccurrences(of: "-", with: "")
    }

    @Test func agreesWithTheReencodingDefinition() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz-")
        var accepted = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 1...14, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let canonical = (try? Base32.decodeCanonical(text)) != nil
            #expect(canonical == Self.reencodesTheSame(text), "\(text)")
            if canonical {
                accepted += 1
                #expect(try Base32.decodeCanonical(text).unprotectedBytes == (try Base32.decode(text)))
            }
        }
        #expect(accepted > 0)
    }

    @Test func hunter2IsNotCanonical() throws {
        // It decodes (to 4 bytes) but those bytes encode as HUNT-ERY.
        #expect(try Base32.decode("hunter2").count == 4)
        #expect(throws: UDFError.self) { try Base32.decodeCanonical("hunter2") }
        do { _ = try Base32.decodeCanonical("hunter2") } catch {
            #expect(error.code == .notCanonical)
            #expect(!error.reason.lowercased().contains("hunter2"))
        }
        #expect(try Base32.decodeCanonical("HUNT-ERY").unprotectedBytes == (try Base32.decode("HUNTERY")))
    }

    @Test func refusalsAreNamed() throws {
        func code(_ text: String) -> UDFError.Code? {
            do {
                _ = try Base32.decodeCanonical(text)
                return nil
            } catch { return error.code }
        }
        #expect(code("") == .invalidLength)
        #expect(code("ABC") == .invalidLength)
        #expect(code("ABC0") == .invalidCharacter)
        #expect(code("NB2W 45DF OIZA") == .notCanonical)
        #expect(code("NB2W45DFOIZA===") == .invalidCharacter)  // 15 characters: not padding to 8
        #expect(code("NB2W=45DFOIZA") == .invalidCharacter)
        #expect(code("NB2W45DFOIZA====") == nil)
        #expect(code("nb2w-45df-oiza") == nil)
    }

    @Test func encodeSecureMatchesEncode() throws {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 7) }
            let secure = SecureBytes(bytes)
            #expect(
                String(decoding: Base32.encodeSecure(secure).unprotectedBytes, as: UTF8.self) == Base32.encode(bytes)
            )
            let padded = String(
                decoding: Base32.encodeSecure(secure, dashed: false, padded: true).unprotectedBytes,
                as: UTF8.self
            )
            #expect(padded.count % 8 == 0)
            #expect(padded.replacingOccurrences(of: "=", with: "") == Base32.encode(bytes, dashed: false))
            if length > 0 { #expect(try Base32.decodeCanonical(padded).unprotectedBytes == bytes) }
        }
    }
}
