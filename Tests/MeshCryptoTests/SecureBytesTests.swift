import MeshCrypto
import Testing

@Suite struct SecureBytesTests {
    @Test func copiesAreIndependent() {
        let original = SecureBytes([1, 2, 3])
        var copy = original
        copy[0] = 9
        #expect(original.unprotectedBytes == [1, 2, 3])
        #expect(copy.unprotectedBytes == [9, 2, 3])
    }

    @Test func appendGrowsAndKeepsContents() {
        var bytes = SecureBytes([0xAA])
        for value in 0..<100 { bytes.append(SecureBytes([UInt8(value)])) }
        #expect(bytes.count == 101)
        #expect(bytes[0] == 0xAA)
        #expect(bytes[100] == 99)
        #expect(bytes.slice(1..<4).unprotectedBytes == [0, 1, 2])
    }

    @Test func equalityComparesContentsAndLength() {
        #expect(SecureBytes([1, 2, 3]) == SecureBytes([1, 2, 3]))
        #expect(SecureBytes([1, 2, 3]) != SecureBytes([1, 2, 4]))
        #expect(SecureBytes([1, 2]) != SecureBytes([1, 2, 0]))
        #expect(ConstantTime.equal([UInt8](), [UInt8]()))
    }

    @Test func descriptionNeverShowsContents() {
        let secret = SecureBytes(Array("hunter2".utf8))
        #expect(secret.description == "SecureBytes(7 bytes)")
        #expect(!"\(secret)".contains("hunter2"))
    }

    @Test func randomBytesDiffer() {
        let a = SecureRandom.bytes(32)
        let b = SecureRandom.bytes(32)
        #expect(a.count == 32)
        #expect(a != b)
    }
}
