import MeshCrypto
import TestSupport
import Testing

@Suite struct SHAKE256Tests {
    @Test func publicOverloadMatchesFIPS202AndTheSecureOverload() {
        // SHAKE256("") (FIPS 202 example), first 32 bytes.
        #expect(
            Hex.encode(Digest.shake256([UInt8](), outputCount: 32))
                == "46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762f"
        )
        let abc = Array("abc".utf8)
        #expect(
            Digest.shake256(abc, outputCount: 114)
                == Digest.shake256(SecureBytes(abc), outputCount: 114).unprotectedBytes
        )
        #expect(Hex.encode(Digest.shake256(abc, outputCount: 8)) == "483366601360a877")
        #expect(Digest.shake256(abc, outputCount: 0).isEmpty)
        #expect(Array(Digest.shake256(abc, outputCount: 200).prefix(57)) == Digest.shake256(abc, outputCount: 57))
    }
}
