internal import CGMP
import MeshCrypto

/// Arithmetic modulo the group order L on fixed-size limbs (`mpn_sec_mul`, `mpn_sec_div_r`, `mpn_add_n`):
/// the instruction sequence depends only on operand lengths.
struct OrderArithmetic {
    let params: CurveParameters
    var n: Int { params.orderLimbCount }

    /// value mod L for a little-endian value of any length (e.g. a 64- or 114-byte hash), as `n` limbs in
    /// wiped storage.
    func reduce(littleEndian bytes: UnsafeRawBufferPointer) -> SecretLimbs {
        let wide = Swift.max((bytes.count + 7) / 8, n)
        let scratchCount = Int(__gmpn_sec_div_r_itch(wide, n))
        let work = SecretLimbs(count: wide + scratchCount)
        for index in 0..<bytes.count {
            work.base[index / 8] |= UInt(bytes[index]) << UInt((index % 8) * 8)
        }
        params.order.withUnsafeBufferPointer { __gmpn_sec_div_r(work.base, wide, $0.baseAddress!, n, work.slot(wide)) }
        let result = SecretLimbs(count: n)
        result.base.update(from: work.base, count: n)
        return result
    }

    /// (r + k·s) mod L, for r, k < L (n limbs each) and s a little-endian secret of at most 8·(n+1) bytes.
    func multiplyAdd(r: UnsafePointer<UInt>, k: UnsafePointer<UInt>, s: SecureBytes) -> SecretLimbs {
        let sCount = Swift.max((s.count + 7) / 8, n)
        let sLimbs = ScalarLoading.load(s, limbCount: sCount)
        let productCount = sCount + n + 1
        let scratchCount = Swift.max(Int(__gmpn_sec_mul_itch(sCount, n)), Int(__gmpn_sec_div_r_itch(productCount, n)))
        let work = SecretLimbs(count: productCount + productCount + scratchCount)
        let product = work.slot(0)
        let addend = work.slot(productCount)
        let scratch = work.slot(2 * productCount)
        __gmpn_sec_mul(product, sLimbs.base, sCount, k, n, scratch)  // sCount ≥ n
        product[productCount - 1] = 0
        addend.update(from: r, count: n)
        _ = __gmpn_add_n(product, product, addend, productCount)
        params.order.withUnsafeBufferPointer { __gmpn_sec_div_r(product, productCount, $0.baseAddress!, n, scratch) }
        let result = SecretLimbs(count: n)
        result.base.update(from: product, count: n)
        return result
    }

    /// `count` little-endian bytes of a value held in `limbs.count` limbs (zero-padded beyond them).
    static func bytes(_ limbs: SecretLimbs, count: Int) -> [UInt8] {
        (0..<count).map {
            $0 / 8 < limbs.count ? UInt8(truncatingIfNeeded: limbs.base[$0 / 8] >> UInt(($0 % 8) * 8)) : 0
        }
    }

    /// The same, into a secure buffer.
    static func secureBytes(_ limbs: SecretLimbs, count: Int) -> SecureBytes {
        SecureBytes(count: count) { out in
            for index in 0..<count where index / 8 < limbs.count {  // public bound
                out[index] = UInt8(truncatingIfNeeded: limbs.base[index / 8] >> UInt((index % 8) * 8))
            }
        }
    }
}
