import MeshCrypto
import Testing

@testable import MeshMath

@Suite struct CurvePointTests {
    static let edwardsCurves: [KeyAlgorithm] = [.ed25519, .ed448]
    static let montgomeryCurves: [KeyAlgorithm] = [.x25519, .x448]

    func scalar(_ value: GMPInteger, _ count: Int = 57) -> SecureBytes {
        SecureBytes(value.littleEndianBytes(count: count)!)
    }
    func randomInteger(bits: Int) -> GMPInteger {
        GMPInteger(littleEndian: SecureRandom.bytes((bits + 7) / 8).unprotectedBytes)
    }
    func order(_ curve: KeyAlgorithm) -> GMPInteger { curve.parameters.orderInteger }

    // MARK: Edwards

    @Test(arguments: edwardsCurves) func baseTimesOrderIsIdentity(curve: KeyAlgorithm) {
        let point = Edwards.multiplyBase(by: scalar(order(curve)), curve: curve)
        #expect(point.isIdentity)
        #expect(point == Edwards.identity(curve))
        let minusOne = Edwards.multiplyBase(by: scalar(order(curve) - GMPInteger(1)), curve: curve)
        #expect(minusOne == Edwards.negate(Edwards.base(curve)))
        #expect(Edwards.multiplyBase(by: scalar(GMPInteger(1)), curve: curve) == Edwards.base(curve))
        #expect(Edwards.multiplyBase(by: SecureBytes(), curve: curve).isIdentity)
    }

    @Test(arguments: edwardsCurves) func encodeDecodeRoundTrip(curve: KeyAlgorithm) throws {
        let base = Edwards.base(curve)
        #expect(try Edwards.decode(Edwards.encode(base), curve: curve) == base)
        for _ in 0..<4 {
            let point = Edwards.multiplyBase(by: scalar(randomInteger(bits: 440)), curve: curve)
            let encoding = Edwards.encode(point)
            #expect(encoding.count == (curve == .ed25519 ? 32 : 57))
            #expect(try Edwards.decode(encoding, curve: curve) == point)
            // Negation flips only the sign bit.
            var flipped = encoding
            flipped[flipped.count - 1] ^= 0x80
            #expect(try Edwards.decode(flipped, curve: curve) == Edwards.negate(point))
        }
    }

    @Test(arguments: edwardsCurves) func additionAgreesWithMultiplication(curve: KeyAlgorithm) {
        let p = Edwards.multiplyBase(by: scalar(randomInteger(bits: 400)), curve: curve)
        #expect(Edwards.add(p, p) == Edwards.multiply(p, by: scalar(GMPInteger(2))))
        #expect(Edwards.add(p, Edwards.identity(curve)) == p)
        #expect(Edwards.add(p, Edwards.negate(p)).isIdentity)
        for _ in 0..<2 {
            let a = randomInteger(bits: 440)
            let b = randomInteger(bits: 440)
            let sum = Edwards.add(Edwards.multiply(p, by: scalar(a)), Edwards.multiply(p, by: scalar(b)))
            #expect(sum == Edwards.multiply(p, by: scalar(a + b)))
        }
    }

    @Test(arguments: edwardsCurves) func decodeRejects(curve: KeyAlgorithm) {
        let encoding = Edwards.encode(Edwards.base(curve))
        #expect(throws: CurveError(.invalidPoint, "")) { try Edwards.decode(Array(encoding.dropLast()), curve: curve) }
        #expect(throws: CurveError(.smallOrder, "")) {
            try Edwards.decode(Edwards.encode(Edwards.identity(curve)), curve: curve)
        }
        var big = [UInt8](repeating: 0xff, count: encoding.count)
        big[big.count - 1] = curve == .ed25519 ? 0x7f : 0
        #expect(throws: CurveError(.invalidPoint, "")) { try Edwards.decode(big, curve: curve) }
    }

    // MARK: Montgomery

    @Test(arguments: montgomeryCurves) func ladderMatchesRFC7748Function(curve: KeyAlgorithm) {
        let length = curve == .x25519 ? 32 : 56
        for _ in 0..<3 {
            var k = SecureRandom.bytes(length).unprotectedBytes
            let result = Montgomery.function(curve, scalar: k, u: Montgomery.encodeU(Montgomery.base(curve)))
            if curve == .x25519 {
                k[0] &= 248
                k[31] &= 127
                k[31] |= 64
            } else {
                k[0] &= 252
                k[55] |= 128
            }
            let point = Montgomery.multiplyBase(by: SecureBytes(k), curve: curve)
            #expect(Montgomery.encodeU(point) == result)
            // v satisfies v² = u³ + A u² + u.
            let p = curve.parameters.primeInteger
            let u = point.u
            let v = point.v
            let a = GMPInteger(Int(curve.parameters.montgomeryA))
            #expect((v * v).modulo(p) == (u * u * u + a * u * u + u).modulo(p))
        }
    }

    @Test(arguments: montgomeryCurves) func montgomeryAdditionAgreesWithMultiplication(curve: KeyAlgorithm) {
        let p = Montgomery.multiplyBase(by: scalar(randomInteger(bits: 400)), curve: curve)
        #expect(Montgomery.add(p, p) == Montgomery.multiply(p, by: scalar(GMPInteger(2))))
        #expect(Montgomery.add(p, Montgomery.negate(p)) == nil)
        let a = randomInteger(bits: 430)
        let b = randomInteger(bits: 430)
        let sum = Montgomery.add(Montgomery.multiply(p, by: scalar(a)), Montgomery.multiply(p, by: scalar(b)))
        #expect(sum == Montgomery.multiply(p, by: scalar(a + b)))
        // The degenerate recovery cases: L·B = ∞ as (0, 0), (L − 1)·B = −B, (L + 1)·B = B.
        let base = Montgomery.base(curve)
        let infinity = Montgomery.multiply(base, by: scalar(order(curve)))
        #expect(infinity.u.signum == 0 && infinity.v.signum == 0)
        #expect(Montgomery.multiply(base, by: scalar(order(curve) - GMPInteger(1))) == Montgomery.negate(base))
        #expect(Montgomery.multiply(base, by: scalar(order(curve) + GMPInteger(1))) == base)
    }

    @Test(arguments: montgomeryCurves) func extendedEncodingRoundTrip(curve: KeyAlgorithm) throws {
        let base = Montgomery.base(curve)
        #expect(try Montgomery.decodeExtended(Montgomery.encodeExtended(base), curve: curve) == base)
        let point = Montgomery.multiplyBase(by: scalar(randomInteger(bits: 400)), curve: curve)
        let encoding = Montgomery.encodeExtended(point)
        #expect(encoding.count == (curve == .x25519 ? 33 : 57))
        #expect(try Montgomery.decodeExtended(encoding, curve: curve) == point)
        var flipped = encoding
        flipped[flipped.count - 1] ^= 0x80
        #expect(try Montgomery.decodeExtended(flipped, curve: curve) == Montgomery.negate(point))
    }

    // MARK: Maps

    @Test(arguments: edwardsCurves) func edwardsMontgomeryMapsAgree(curve: KeyAlgorithm) throws {
        #expect(Montgomery.fromEdwards(Edwards.base(curve)) == Montgomery.base(curve.montgomery))
        #expect(Montgomery.toEdwards(Montgomery.base(curve.montgomery)) == Edwards.base(curve))
        let k = scalar(randomInteger(bits: 440))
        let e = Edwards.multiplyBase(by: k, curve: curve)
        let m = Montgomery.multiplyBase(by: k, curve: curve.montgomery)
        #expect(Montgomery.fromEdwards(e) == m)
        #expect(Montgomery.toEdwards(m) == e)
        if curve == .ed25519 {
            // u = (1 + y)/(1 − y).
            let p = curve.parameters.primeInteger
            let y = e.y
            let expected = ((GMPInteger(1) + y) * (GMPInteger(1) - y).modulo(p).inverse(modulo: p)!).modulo(p)
            #expect(m.u == expected)
        }
        #expect(Montgomery.fromEdwards(Edwards.identity(curve)) == nil)
    }
}

@Suite struct CurveIteratedTests {
    /// RFC 7748 §5.2: the function iterated 1,000 times from k = u = the base point.
    @Test(arguments: [
        (KeyAlgorithm.x25519, "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"),
        (
            KeyAlgorithm.x448,
            "aa3b4749d55b9daf1e5b00288826c467274ce3ebbdd5c17b975e09d4af6c67cf10d087202db88286e2b79fceea3ec353ef54faa26e219f38"
        ),
    ])
    func thousandIterations(curve: KeyAlgorithm, expected: String) {
        var k = Montgomery.encodeU(Montgomery.base(curve))
        var u = k
        for _ in 0..<1000 {
            let result = Montgomery.function(curve, scalar: k, u: u)
            u = k
            k = result
        }
        #expect(
            k.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
                == expected
        )
    }

    @Test func edwardsDoublingMatchesAddition() {
        for curve in [KeyAlgorithm.ed25519, .ed448] {
            let engine = EdwardsEngine(curve.parameters)
            let p = Edwards.multiplyBase(by: SecureRandom.bytes(40), curve: curve)
            engine.load(EdwardsEngine.r0, p)
            engine.load(EdwardsEngine.r1, p)
            engine.double(EdwardsEngine.r0, EdwardsEngine.r0)
            engine.add(EdwardsEngine.r1, EdwardsEngine.r1, EdwardsEngine.r1)
            #expect(engine.affine(EdwardsEngine.r0, curve: curve) == engine.affine(EdwardsEngine.r1, curve: curve))
        }
    }
}

@Suite struct CurveRejectionTests {
    @Test(arguments: [KeyAlgorithm.x25519, .x448]) func extendedDecodingRejects(curve: KeyAlgorithm) throws {
        let good = Montgomery.encodeExtended(Montgomery.base(curve))
        let invalid = CurveError(.invalidPoint, "")
        #expect(throws: invalid) { try Montgomery.decodeExtended(Array(good.dropLast()), curve: curve) }
        var badByte = good
        badByte[badByte.count - 1] = 0x01
        #expect(throws: invalid) { try Montgomery.decodeExtended(badByte, curve: curve) }
        // u = p is not canonical.
        let p = curve.parameters.primeInteger
        let uIsP = p.littleEndianBytes(count: good.count - 1)! + [0]
        #expect(throws: invalid) { try Montgomery.decodeExtended(uIsP, curve: curve) }
        // A twist point: the first u with no square root of u³ + A·u² + u.
        var u = 2
        while curve.parameters.squareRoot(GMPInteger(u * u * u + Int(curve.parameters.montgomeryA) * u * u + u)) != nil
        { u += 1 }
        let twist = GMPInteger(u).littleEndianBytes(count: good.count - 1)! + [0]
        #expect(throws: invalid) { try Montgomery.decodeExtended(twist, curve: curve) }
        // u = 0 is the point of order 2 (v = 0): with 0x80 it is invalid, with 0x00 of small order.
        let zero = [UInt8](repeating: 0, count: good.count - 1)
        #expect(throws: invalid) { try Montgomery.decodeExtended(zero + [0x80], curve: curve) }
        #expect(throws: CurveError(.smallOrder, "")) { try Montgomery.decodeExtended(zero + [0x00], curve: curve) }
        // Errors compare by code only.
        #expect(CurveError(.invalidPoint, "a") == CurveError(.invalidPoint, "b"))
        #expect(CurveError.Code.smallOrder.name == "small_order")
    }
}
