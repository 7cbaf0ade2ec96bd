import Foundation
import MeshCrypto
import MeshEscrow
import MeshUDF
import Testing

/// `SecretEncoding` (recover --output): each form of the same bytes, newline only for text forms.
@Suite struct SecretEncodingTests {
    static func text(_ bytes: SecureBytes) -> String { String(decoding: bytes.unprotectedBytes, as: UTF8.self) }

    @Test func eachFormOfHunter2() throws {
        let secret = SecureBytes(Array("hunter2".utf8))
        #expect(Self.text(SecretEncoding.udf.encode(secret)) == "NB2W-45DF-OIZA")
        #expect(Self.text(SecretEncoding.base32.encode(secret)) == "NB2W45DFOIZA====")
        #expect(Self.text(SecretEncoding.hex.encode(secret)) == "68756e74657232")
        #expect(SecretEncoding.raw.encode(secret).unprotectedBytes == Array("hunter2".utf8))
        #expect(Self.text(SecretEncoding.hex.encode(secret, newline: true)) == "68756e74657232\n")
        #expect(SecretEncoding.raw.encode(secret, newline: true).count == 7)
    }

    @Test func udfIsWhatRecoverAlwaysPrinted() throws {
        for length in 1...64 {
            let secret = SecureRandom.bytes(length)
            #expect(Self.text(SecretEncoding.udf.encode(secret)) == Base32.encode(secret))
            #expect(Self.text(SecretEncoding.hex.encode(secret)) == Hex.encode(secret))
        }
    }
}
