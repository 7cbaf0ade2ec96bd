import Foundation
import MeshCrypto
import MeshUDF
import Testing

@Suite struct Base32Tests {
    @Test func roundTripsEveryLength() throws {
        for length in 0...70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let text = Base32.encode(bytes)
            #expect(text.filter { $0 != "-" }.count == Base32.characterCount(byteCount: length))
            #expect(try Base32.decode(text) == bytes)
            #expect(try Base32.decode(text.lowercased()) == bytes)
            #expect(try Base32.decode(text.replacingOccurrences(of: "-", with: " \n")) == bytes)
        }
    }

    @Test func dashesEveryFourCharacters() {
        #expect(Base32.encode([0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72]) == "MZXW-6YTB-OI")
        #expect(Base32.encode([0x66, 0x6f, 0x6f, 0x62, 0x61, 0x72], dashed: false) == "MZXW6YTBOI")
        #expect(Base32.encode([UInt8]()) == "")
    }

    /// Every non-alphabet, non-separator ASCII character is refused, with its position.
    @Test func everyForeignCharacterIsRefusedWithItsPosition() {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz234567- \t\r\n".unicodeScalars)
        for value in UInt32(0)...0x7F {
            let scalar = Unicode.Scalar(value)!
            guard !alphabet.contains(scalar) else { continue }
            let text = "MZXW" + String(Character(scalar)) + "6YTB"
            do {
                _ = try Base32.decode(text)
                Issue.record("accepted U+\(value)")
            } catch {
                #expect(error.code == .invalidCharacter)
                #expect(error.position == 5)
            }
        }
    }

    @Test func nonASCIIIsRefusedAtItsScalarPosition() {
        for text in ["MZ\u{2013}XW", "MZ\u{00D8}XW", "MZ\u{FF21}XW"] {  // en dash, Ø, fullwidth A
            #expect(throws: UDFError.self) { try Base32.decode(text) }
            do { _ = try Base32.decode(text) } catch { #expect(error.position == 3) }
        }
    }

    @Test func errorsDoNotEchoAlphabetCharacters() {
        do { _ = try Base32.decode("SAQC0ABC") } catch {
            #expect(!error.reason.contains("SAQC"))
            #expect(error.reason.contains("'0'"))
        }
    }

    @Test func presentationIsAPrefixOfTheFullValue() {
        let digest = ContentDigest(data: Array("UDF Data Value".utf8), contentType: "text/plain")
        let long = digest.presentation(bits: 440)
        for bits in stride(from: 20, through: 440, by: 20) {
            #expect(long.hasPrefix(digest.presentation(bits: bits)))
        }
        #expect(digest.presentation() == "MDDK-7N6A-727A-JZNO-STRX-XKS7-DJAF")
    }
}

@Suite struct ShareUDFTests {
    @Test func roundTrip() throws {
        let share = ShareUDF(threshold: 3, x: 16, value: SecureBytes(Array(repeating: 0xAB, count: 32)))
        let parsed = try ShareUDF.parse(share.text)
        #expect(parsed == share)
        #expect(share.text.hasPrefix("SA7"))  // 0x90, 0x3F: 10010 00000 11111
        #expect(share.text.filter { $0 != "-" }.count == 55)
    }

    @Test func checksComeInOrder() {
        func code(_ text: String) -> UDFError.Code? {
            do {
                _ = try ShareUDF.parse(text)
                return nil
            } catch { return error.code }
        }
        let good = ShareUDF(threshold: 2, x: 1, value: SecureBytes(Array(repeating: 7, count: 32))).text
        #expect(code(good) == nil)
        #expect(code(String(good.dropLast())) == .invalidLength)
        #expect(code("SA") == .invalidLength)
        #expect(code(good + "0") == .invalidCharacter)
        let seed = SeedUDF(specifier: .meshProfileAccount, secret: SecureBytes(Array(repeating: 1, count: 32))).text
        #expect(code(seed) == .wrongType)
        let zeroThreshold = Base32.encode([0x90, 0x00] + Array(repeating: 1, count: 16))
        #expect(code(zeroThreshold) == .wrongType)
    }

    @Test func typeLetters() {
        #expect(UDFType.share.letter == "S")
        #expect(UDFType.seed.letter == "Z")
        #expect(UDFType.nonce.letter == "N")
        #expect(UDFType.encryptionKey.letter == "E")
        #expect(UDFType.digestSHA3.letter == "K")
        #expect(UDFType.digestSHA2.letter == "M")
    }

    @Test func seedLayout() throws {
        let seed = SeedUDF(specifier: .meshProfileAccount, secret: SecureBytes(Array(repeating: 0, count: 32)))
        #expect(seed.text.hasPrefix("ZAAQ-"))
        #expect(seed.binary.count == 35)
        #expect(try SeedUDF.parse(seed.text) == seed)
        #expect(seed.keyMaterial.unprotectedBytes.prefix(2) == [0x01, 0x02])
    }
}
