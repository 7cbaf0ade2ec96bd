import MeshCrypto
import MeshKeyStore
import Testing

/// The weak-passphrase rule (a warning only): fewer than 12 characters or fewer than 6 different bytes.
@Suite struct PassphraseStrengthTests {
    static func bytes(_ text: String) -> SecureBytes { SecureBytes(Array(text.utf8)) }

    @Test func countsCharactersNotBytes() {
        #expect(PassphraseStrength.characterCount(Self.bytes("hunter2")) == 7)
        #expect(PassphraseStrength.characterCount(Self.bytes("pâté")) == 4)
        #expect(PassphraseStrength.characterCount(Self.bytes("鍵鍵")) == 2)
        #expect(PassphraseStrength.characterCount(SecureBytes()) == 0)
    }

    @Test func countsDifferentBytes() {
        #expect(PassphraseStrength.distinctByteCount(Self.bytes("abababab")) == 2)
        #expect(PassphraseStrength.distinctByteCount(Self.bytes("abcdef")) == 6)
        #expect(PassphraseStrength.distinctByteCount(SecureBytes([0, 255, 0, 255])) == 2)
    }

    @Test func theRule() {
        #expect(PassphraseStrength.isWeak(Self.bytes("hunter2")))
        #expect(PassphraseStrength.isWeak(Self.bytes("open sesame")))  // 11 characters
        #expect(PassphraseStrength.isWeak(Self.bytes("aaaaaaaaaaaaaaaaaaaaaaaa")))
        #expect(PassphraseStrength.isWeak(Self.bytes("abcabcabcabcabcabc")))  // 3 different
        #expect(!PassphraseStrength.isWeak(Self.bytes("open sesame!")))  // 12 characters, 9 different
        #expect(!PassphraseStrength.isWeak(Self.bytes("plaid otter vending 42 lantern")))
        #expect(PassphraseStrength.isWeak(Self.bytes("éééééééééééé")))  // 12 characters, 2 different bytes
    }
}
