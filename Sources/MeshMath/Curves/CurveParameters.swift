/// Constants of one curve family (RFC 7748 §4.1/§4.2, RFC 8032 §5.1/§5.2), as limbs for the fixed-limb code
/// and as integers for public-data code (decoding, square roots).
final class CurveParameters: Sendable {
    let field: CurveField
    /// Edwards: −x² + y² = 1 + d·x²·y² (25519, a = −1) or x² + y² = 1 + d·x²·y² (448, a = 1).
    let aIsMinusOne: Bool
    let d: [UInt]
    /// Montgomery A (486662 / 156326) and a24 = (A − 2)/4 (121665 / 39081).
    let montgomeryA: UInt
    let a24: UInt
    /// Group order L, as limbs (4 / 7) and bytes.
    let order: [UInt]
    let orderLimbCount: Int
    let cofactor: UInt
    /// Edwards encoding length (32 / 57) and Montgomery u length (32 / 56).
    let edwardsByteCount: Int
    let montgomeryByteCount: Int
    /// Scalar bits processed by the ladders at least (256 / 456 for Edwards, 255 / 448 for RFC 7748).
    let edwardsScalarBits: Int
    let montgomeryScalarBits: Int
    let edwardsBaseX: [UInt], edwardsBaseY: [UInt]
    let montgomeryBaseU: [UInt], montgomeryBaseV: [UInt]
    /// 25519 only: √−1, and c with v = c·u/x for the birational map (c = ±√−486664).
    let sqrtMinusOne: [UInt]
    let mapConstant: [UInt]
    /// 448 only: 4⁻¹ mod L, to undo the 4 of the isogeny pair.
    let quarterModOrder: [UInt]

    static let curve25519 = CurveParameters(is448: false)
    static let curve448 = CurveParameters(is448: true)

    private init(is448: Bool) {
        let field = is448 ? CurveField.p448 : CurveField.p25519
        self.field = field
        let n = field.limbCount
        let p = field.primeInteger
        func hex(_ text: String) -> GMPInteger { GMPInteger(hex: text) }
        func limbs(_ value: GMPInteger, _ count: Int) -> [UInt] { value.modulo(p).limbs(count: count)! }
        if is448 {
            aIsMinusOne = false
            d = limbs(p - GMPInteger(39081), n)
            montgomeryA = 156326
            a24 = 39081
            let l =
                GMPInteger.powerOfTwo(446) - GMPInteger(
                    decimal: "13818066809895115352007386748515426880336692474882178609894547503885"
                )!
            orderLimbCount = 7
            order = l.limbs(count: 7)!
            cofactor = 4
            edwardsByteCount = 57
            montgomeryByteCount = 56
            edwardsScalarBits = 456
            montgomeryScalarBits = 448
            edwardsBaseX = limbs(
                hex(
                    "4f1970c66bed0ded221d15a622bf36da9e146570470f1767ea6de324a3d3a46412ae1af72ab66511433b80e18b00938e2626a82bc70cc05e"
                ),
                n
            )
            edwardsBaseY = limbs(
                hex(
                    "693f46716eb6bc248876203756c9c7624bea73736ca3984087789c1e05a0c2d73ad3ff1ce67c39c4fdbd132c4ed7c8ad9808795bf230fa14"
                ),
                n
            )
            montgomeryBaseU = limbs(GMPInteger(5), n)
            montgomeryBaseV = limbs(
                hex(
                    "7d235d1295f5b1f66c98ab6e58326fcecbae5d34f55545d060f75dc28df3f6edb8027e2346430d211312c4b150677af76fd7223d457b5b1a"
                ),
                n
            )
            sqrtMinusOne = [UInt](repeating: 0, count: n)
            mapConstant = [UInt](repeating: 0, count: n)
            quarterModOrder = GMPInteger(4).inverse(modulo: l)!.limbs(count: 7)!
        } else {
            aIsMinusOne = true
            let inverse = GMPInteger(121666).inverse(modulo: p)!
            d = limbs(p - GMPInteger(121665) * inverse, n)
            montgomeryA = 486662
            a24 = 121665
            let l = GMPInteger.powerOfTwo(252) + GMPInteger(decimal: "27742317777372353535851937790883648493")!
            orderLimbCount = 4
            order = l.limbs(count: 4)!
            cofactor = 8
            edwardsByteCount = 32
            montgomeryByteCount = 32
            edwardsScalarBits = 256
            montgomeryScalarBits = 255
            let bx = hex("216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51a")
            let by = GMPInteger(4) * GMPInteger(5).inverse(modulo: p)!
            edwardsBaseX = limbs(bx, n)
            edwardsBaseY = limbs(by, n)
            let bu = GMPInteger(9)
            let bv = hex("20ae19a1b8a086b4e01edd2c7748d14c923d4d7e6d7c61b229e9c5a27eced3d9")
            montgomeryBaseU = limbs(bu, n)
            montgomeryBaseV = limbs(bv, n)
            // √−1 = 2^((p−1)/4).
            sqrtMinusOne = limbs(GMPInteger(2).power((p - GMPInteger(1)).shiftedRight(2), modulo: p), n)
            // v = c·u/x at the base points: c = v·x/u.
            mapConstant = limbs(bv * bx * bu.inverse(modulo: p)!, n)
            quarterModOrder = GMPInteger(4).inverse(modulo: l)!.limbs(count: 4)!
        }
    }

    var primeInteger: GMPInteger { field.primeInteger }
    var orderInteger: GMPInteger { GMPInteger.fromLimbs(order, count: orderLimbCount) }
    var dInteger: GMPInteger { GMPInteger.fromLimbs(d, count: field.limbCount) }
}
