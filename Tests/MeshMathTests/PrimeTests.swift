import Synchronization
import Testing

@testable import MeshMath

@Suite struct PrimeTests {
    /// The Appendix A table must equal the smallest prime above 2^(8L), found independently by search.
    @Test(arguments: 1...64)
    func tableEqualsSearch(length: Int) {
        #expect(ShamirPrime.offset(byteLength: length) == ShamirPrime.computeOffset(byteLength: length))
        #expect(ShamirPrime.prime(byteLength: length).isProbablePrime)
    }

    @Test func longSecretsGetAComputedPrime() {
        let offset = ShamirPrime.offset(byteLength: 80)
        let prime = ShamirPrime.prime(byteLength: 80)
        #expect(prime.isProbablePrime)
        #expect(offset > 0)
        // Nothing between 2^640 and p is prime.
        var candidate = GMPInteger.powerOfTwo(640) + GMPInteger(1)
        while candidate < prime {
            #expect(!candidate.isProbablePrime)
            candidate = candidate + GMPInteger(2)
        }
    }

    @Test func knownPrimes() {
        #expect(ShamirPrime.prime(byteLength: 16).decimalString == "340282366920938463463374607431768211507")
        #expect(ShamirPrime.offset(byteLength: 35) == 45)
    }
}

@Suite struct GMPIntegerTests {
    @Test func decimalAndByteRoundTrips() throws {
        let value = try #require(
            GMPInteger(decimal: "115792089237316195423570985008687907853269984665640564039457584007913129640233")
        )
        let bytes = try #require(value.bigEndianBytes(count: 33))
        #expect(bytes[0] == 1 && bytes[31] == 0x01 && bytes[32] == 0x29)
        #expect(GMPInteger(bigEndian: bytes) == value)
        #expect(GMPInteger(littleEndian: bytes.reversed()) == value)
        #expect(value.bigEndianBytes(count: 32) == nil)
        #expect(GMPInteger(decimal: "-1") == nil)
        #expect(GMPInteger(decimal: "12a") == nil)
        #expect(GMPInteger(decimal: "") == nil)
    }

    @Test func arithmetic() throws {
        let p = ShamirPrime.prime(byteLength: 16)
        let a = GMPInteger(123_456_789)
        let inverse = try #require(a.inverse(modulo: p))
        #expect((a * inverse).modulo(p) == GMPInteger(1))
        #expect((GMPInteger(-5)).modulo(GMPInteger(7)) == GMPInteger(2))
    }

    @Test func freedLimbsAreWiped() {
        let before = GMPAllocator.wipedBytes.load(ordering: .relaxed)
        do {
            let big = GMPInteger.powerOfTwo(4096)
            #expect(big.bitWidth == 4097)
        }
        let after = GMPAllocator.wipedBytes.load(ordering: .relaxed)
        #expect(after - before >= 4096 / 8)
    }
}
