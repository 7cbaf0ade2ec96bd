import MeshCrypto
import Testing

@testable import MeshMath

@Suite struct CurveFieldTests {
    static let fields: [CurveField] = [.p25519, .p448]

    func random(_ field: CurveField, _ w: FieldWorkspace, into r: UnsafeMutablePointer<UInt>) -> GMPInteger {
        let bytes = SecureRandom.bytes(field.byteCount).unprotectedBytes
        bytes.withUnsafeBytes { w.load(littleEndian: $0, into: r) }
        return GMPInteger(littleEndian: bytes).modulo(field.primeInteger)
    }

    @Test(arguments: [0, 1]) func arithmeticMatchesGMPInteger(index: Int) {
        let field = Self.fields[index]
        let p = field.primeInteger
        let w = FieldWorkspace(field, registers: 4)
        for _ in 0..<300 {
            let a = random(field, w, into: w.reg(0))
            let b = random(field, w, into: w.reg(1))
            w.mul(w.reg(2), w.reg(0), w.reg(1))
            #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a * b).modulo(p))
            w.sqr(w.reg(2), w.reg(0))
            #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a * a).modulo(p))
            w.add(w.reg(2), w.reg(0), w.reg(1))
            #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a + b).modulo(p))
            w.sub(w.reg(2), w.reg(0), w.reg(1))
            #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a - b).modulo(p))
            w.mul(w.reg(2), w.reg(0), small: 121665)
            #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a * GMPInteger(121665)).modulo(p))
        }
    }

    @Test(arguments: [0, 1]) func inverseTimesValueIsOne(index: Int) {
        let field = Self.fields[index]
        let w = FieldWorkspace(field, registers: 3)
        for _ in 0..<20 {
            let a = random(field, w, into: w.reg(0))
            w.invert(w.reg(1), w.reg(0))
            w.mul(w.reg(2), w.reg(0), w.reg(1))
            #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == GMPInteger(1))
            #expect(GMPInteger.fromLimbs(w.reg(1), count: w.n) == a.inverse(modulo: field.primeInteger)!)
        }
        w.set(w.reg(0), small: 0)
        w.invert(w.reg(1), w.reg(0))
        #expect(w.isZero(w.reg(1)) == 1)
    }

    @Test(arguments: [0, 1]) func extremeValuesReduce(index: Int) {
        // p − 1 squared and products of the largest elements exercise the carry folds.
        let field = Self.fields[index]
        let p = field.primeInteger
        let w = FieldWorkspace(field, registers: 3)
        let values = [
            p - GMPInteger(1), p - GMPInteger(2), GMPInteger.powerOfTwo(field.bitCount - 1),
            GMPInteger(0), GMPInteger(1), p - GMPInteger.powerOfTwo(field.bitCount / 2),
        ]
        for a in values {
            for b in values {
                w.set(w.reg(0), a.limbs(count: w.n)!)
                w.set(w.reg(1), b.limbs(count: w.n)!)
                w.mul(w.reg(2), w.reg(0), w.reg(1))
                #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a * b).modulo(p))
                w.add(w.reg(2), w.reg(0), w.reg(1))
                #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a + b).modulo(p))
                w.sub(w.reg(2), w.reg(0), w.reg(1))
                #expect(GMPInteger.fromLimbs(w.reg(2), count: w.n) == (a - b).modulo(p))
            }
        }
        // Non-canonical input bytes (all ones) reduce.
        let ones = [UInt8](repeating: 0xff, count: field.byteCount)
        ones.withUnsafeBytes { w.load(littleEndian: $0, into: w.reg(0)) }
        #expect(GMPInteger.fromLimbs(w.reg(0), count: w.n) == GMPInteger(littleEndian: ones).modulo(p))
    }

    @Test func curveConstantsAreConsistent() {
        for params in [CurveParameters.curve25519, .curve448] {
            let p = params.primeInteger
            #expect(p.isProbablePrime)
            #expect(params.orderInteger.isProbablePrime)
            // Base points lie on their curves.
            let x = GMPInteger.fromLimbs(params.edwardsBaseX, count: params.field.limbCount)
            let y = GMPInteger.fromLimbs(params.edwardsBaseY, count: params.field.limbCount)
            let a = params.aIsMinusOne ? GMPInteger(-1) : GMPInteger(1)
            #expect((a * x * x + y * y).modulo(p) == (GMPInteger(1) + params.dInteger * x * x * y * y).modulo(p))
            let u = GMPInteger.fromLimbs(params.montgomeryBaseU, count: params.field.limbCount)
            let v = GMPInteger.fromLimbs(params.montgomeryBaseV, count: params.field.limbCount)
            #expect((v * v).modulo(p) == (u * u * u + GMPInteger(Int(params.montgomeryA)) * u * u + u).modulo(p))
        }
    }
}
