// The caller side: base64 into a Buffer. The closure passed to Buffer(count:initializingWith:) does not throw,
// but it is emitted with the Swift error register (r12 on x86-64) because the parameter type throws. With -O it
// keeps `pad` in r12 and its padding loop becomes a tail call `jmp memset` that skips the reload of r12, so the
// initializer sees r12 = 1 as a thrown error and returns garbage.
public import Lib

public enum TextCodecs {
    private static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ input: UnsafeRawBufferPointer, alphabet: [UInt8], pad: Bool) -> Buffer {
        let full = input.count / 3
        let rest = input.count % 3
        let length = full * 4 + (rest == 0 ? 0 : (pad ? 4 : rest + 1))
        return Buffer(count: length) { out in
            var o = 0
            var i = 0
            while i + 3 <= input.count {
                let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                for shift in [18, 12, 6, 0] { out[o] = alphabet[Int(v >> UInt32(shift) & 63)]; o += 1 }
                i += 3
            }
            if rest > 0 {
                var v = UInt32(input[i]) << 16
                if rest == 2 { v |= UInt32(input[i + 1]) << 8 }
                let digits = rest + 1
                for (n, shift) in [18, 12, 6].enumerated() where n < digits {
                    out[o] = alphabet[Int(v >> UInt32(shift) & 63)]; o += 1
                }
                if pad { while o < length { out[o] = 0x3D; o += 1 } }
            }
        }
    }

    public static func base64(secure bytes: Buffer) -> Buffer {
        bytes.withUnsafeBytes { encode($0, alphabet: standard, pad: true) }
    }
}
