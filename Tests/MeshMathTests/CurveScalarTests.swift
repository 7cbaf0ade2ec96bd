import MeshCrypto
import MeshMath
import Testing

/// CurveScalar arithmetic against GMP's mpz on random and edge values.
@Suite struct CurveScalarTests {
    static let families: [KeyAlgorithm] = [.ed25519, .ed448]

    func integer(_ s: CurveScalar) -> GMPInteger { GMPInteger(littleEndian: s.bytes.unprotectedBytes) }

    @Test(arguments: families) func arithmeticMatchesGMP(curve: KeyAlgorithm) throws {
        let l = CurveScalar.order(curve)
        let one = GMPInteger(1)
        let edges = [
            GMPInteger(0), one, GMPInteger(2), l - one, l - GMPInteger(2),
            GMPInteger.powerOfTwo(curve == .ed25519 ? 251 : 445),
        ]
        var values = edges.map { CurveScalar(public: $0, curve: curve) }
        for _ in 0..<200 { values.append(CurveScalar.random(curve: curve)) }
        for (index, a) in values.enumerated() {
            let b = values[(index * 7 + 3) % values.count]
            let x = integer(a)
            let y = integer(b)
            #expect(x < l && y < l)
            #expect(a.bytes.count == CurveScalar.byteCount(curve))
            #expect(integer(a + b) == (x + y).modulo(l))
            #expect(integer(a - b) == (x - y).modulo(l))
            #expect(integer(a * b) == (x * y).modulo(l))
            #expect(integer(-a) == (GMPInteger(0) - x).modulo(l))
            #expect(a + (-a) == CurveScalar.zero(curve))
            #expect(try CurveScalar(canonical: a.bytes, curve: curve) == a)
        }
    }

    @Test(arguments: families) func reducingAndCanonical(curve: KeyAlgorithm) throws {
        let l = CurveScalar.order(curve)
        let length = CurveScalar.byteCount(curve)
        // L itself and anything above are not canonical; reducing them gives the residue.
        let lBytes = SecureBytes(l.littleEndianBytes(count: length)!)
        #expect(throws: CurveScalarError.self) { try CurveScalar(canonical: lBytes, curve: curve) }
        #expect(CurveScalar(reducing: lBytes, curve: curve).isZero)
        #expect(throws: CurveScalarError.self) {
            try CurveScalar(canonical: SecureBytes(zeros: length + 1), curve: curve)
        }
        // Shorter input is zero-extended.
        #expect(integer(try CurveScalar(canonical: SecureBytes([5]), curve: curve)) == GMPInteger(5))
        // A 114-byte value reduces like mpz.
        let wide = SecureRandom.bytes(114)
        #expect(
            integer(CurveScalar(reducing: wide, curve: curve))
                == GMPInteger(littleEndian: wide.unprotectedBytes).modulo(l)
        )
    }

    @Test(arguments: families) func lagrangeRecombines(curve: KeyAlgorithm) throws {
        let l = CurveScalar.order(curve)
        let lambdas = try CurveScalar.lagrangeAtZero([GMPInteger(1), GMPInteger(3)], curve: curve)
        // λ1 = 3/2, λ3 = −1/2 mod L.
        #expect((lambdas[0] * GMPInteger(2)).modulo(l) == GMPInteger(3))
        #expect((lambdas[1] * GMPInteger(2) + GMPInteger(1)).modulo(l) == GMPInteger(0))
        #expect(throws: CurveScalarError.self) {
            try CurveScalar.lagrangeAtZero([GMPInteger(1), GMPInteger(1)], curve: curve)
        }
        #expect(throws: CurveScalarError.self) {
            try CurveScalar.lagrangeAtZero([GMPInteger(0), GMPInteger(1)], curve: curve)
        }
        #expect(throws: CurveScalarError.self) { try CurveScalar.lagrangeAtZero([l, GMPInteger(1)], curve: curve) }
    }
}
