import MeshCrypto
import MeshJOSE
import MeshJSON
import MeshMath

/// `curve_point`: point decoding on the four curves, and what decoded points must satisfy.
///
/// Byte 0 picks the curve (low two bits) and the extra checks (the other bits). Then come the encoding
/// (RFC 8032 for Edwards curves, u ‖ parity byte for Montgomery curves; fewer bytes when the input ends),
/// a scalar, and the rest as a message.
///
/// * A decoding that succeeds gives back the same bytes when encoded; `GroupElement.decode` accepts exactly
///   the decodable points of prime order.
/// * For a prime-order point P and a scalar s: s·P decodes again, s·P + (−s)·P is refused as the neutral
///   element, s·P + P = (s + 1)·P, and the Edwards–Montgomery maps take P there and back.
/// * Montgomery curves: the RFC 7748 function equals OpenSSL's X25519 / X448 on the same scalar and u.
/// * Edwards curves: with the scalar bytes as a secret key, the public key and signature equal OpenSSL's,
///   and the signature verifies (and fails with one bit changed).
enum CurvePointFuzz {
    static let curves: [KeyAlgorithm] = [.ed25519, .ed448, .x25519, .x448]

    static func run(_ input: [UInt8]) throws(FuzzFailure) {
        var reader = FuzzInput(input)
        let control = reader.byte()
        let curve = curves[Int(control & 3)]
        let length = curve.isEdwards ? (curve == .ed25519 ? 32 : 57) : (curve == .x25519 ? 33 : 57)
        let encoding = Array(input.dropFirst().prefix(length))
        _ = reader.bytes(encoding.count)
        let scalarBytes = reader.bytes(curve == .ed448 ? 57 : (curve == .x448 ? 56 : 32))
        let message = reader.rest()

        if let point = try checkDecoding(encoding, curve: curve), control & 4 != 0 {
            try checkArithmetic(point, scalar: scalarBytes)
        }
        if control & 8 != 0 {
            if curve.isEdwards {
                try checkSignature(secret: scalarBytes, message: message, curve: curve, flip: Int(control >> 4))
            } else {
                try checkFunction(scalar: scalarBytes, u: Array(encoding.prefix(length - 1)), curve: curve)
            }
        }
    }

    // MARK: Decoding

    static func checkDecoding(_ encoding: [UInt8], curve: KeyAlgorithm) throws(FuzzFailure) -> GroupElement? {
        let onCurve: Result<[UInt8], CurveError>
        if curve.isEdwards {
            onCurve = Result { () throws(CurveError) in Edwards.encode(try Edwards.decode(encoding, curve: curve)) }
        } else {
            onCurve = Result { () throws(CurveError) in
                Montgomery.encodeExtended(try Montgomery.decodeExtended(encoding, curve: curve))
            }
        }
        if case .success(let again) = onCurve {
            try expect(again == encoding, "a decoded \(curve.rawValue) point encodes to other bytes")
        }
        let element = Result { () throws(CurveError) in try GroupElement.decode(encoding, curve: curve) }
        switch element {
        case .success(let point):
            try expect(
                onCurve.error == nil && point.encoded == encoding && point.curve == curve,
                "GroupElement accepted a \(curve.rawValue) encoding the curve decoder refuses, or changed it"
            )
            return point
        case .failure(let error):
            if onCurve.error == nil {
                try expect(
                    error.code == .smallOrder,
                    "a decodable \(curve.rawValue) point was refused with \(error.code.name)"
                )
            } else {
                try expect(
                    error.code == onCurve.error!.code,
                    "GroupElement and the curve decoder refuse with different codes"
                )
            }
            return nil
        }
    }

    // MARK: Arithmetic on prime-order points

    static func checkArithmetic(_ point: GroupElement, scalar bytes: [UInt8]) throws(FuzzFailure) {
        let curve = point.curve
        try checkMaps(point)
        let s = CurveScalar(reducing: SecureBytes(bytes), curve: curve)
        guard !s.isZero else {
            try expect((try? point.multiplied(by: s)) == nil, "0·P was not refused")
            return
        }
        guard let product = try? point.multiplied(by: s) else { throw FuzzFailure("s·P was refused for s ≠ 0") }
        try expect(
            (try? GroupElement.decode(product.encoded, curve: curve)) == product,
            "s·P does not decode to itself"
        )
        let negated = try? point.multiplied(by: -s)
        try expect(negated != nil && (try? product.adding(negated!)) == nil, "s·P + (−s)·P was not refused as neutral")
        let next = s + CurveScalar(public: GMPInteger(1), curve: curve)
        if next.isZero {
            try expect((try? product.adding(point)) == nil, "(L − 1)·P + P was not refused as neutral")
        } else {
            try expect(
                (try? product.adding(point)) == (try? point.multiplied(by: next)),
                "s·P + P differs from (s + 1)·P"
            )
        }
    }

    /// The maps between the Edwards and Montgomery forms take a prime-order point there and back.
    static func checkMaps(_ point: GroupElement) throws(FuzzFailure) {
        switch point {
        case .edwards(let p):
            guard let m = Montgomery.fromEdwards(p) else {
                throw FuzzFailure("a prime-order Edwards point has no Montgomery image")
            }
            try expect(Montgomery.toEdwards(m) == p, "Edwards → Montgomery → Edwards does not return the point")
            try expect(
                (try? GroupElement.decode(Montgomery.encodeExtended(m), curve: m.curve)) != nil,
                "the Montgomery image of a prime-order point is refused"
            )
        case .montgomery(let m):
            guard let p = Montgomery.toEdwards(m) else {
                throw FuzzFailure("a prime-order Montgomery point has no Edwards image")
            }
            try expect(Montgomery.fromEdwards(p) == m, "Montgomery → Edwards → Montgomery does not return the point")
            try expect(
                (try? GroupElement.decode(Edwards.encode(p), curve: p.curve)) != nil,
                "the Edwards image of a prime-order point is refused"
            )
        }
    }

    // MARK: Against OpenSSL

    static func checkFunction(scalar: [UInt8], u: [UInt8], curve: KeyAlgorithm) throws(FuzzFailure) {
        let length = curve == .x25519 ? 32 : 56
        guard u.count == length else { return }
        let ours = Montgomery.function(curve, scalar: scalar, u: u)
        guard let key = try? OpenSSLPrivateKey(algorithm: curve, rawRepresentation: SecureBytes(scalar)),
            let peer = try? OpenSSLPublicKey(algorithm: curve, rawRepresentation: u)
        else {
            throw FuzzFailure("OpenSSL refused a raw \(curve.rawValue) scalar or u")
        }
        if let theirs = try? KeyAgreement.sharedSecret(privateKey: key, peerPublicKey: peer) {
            try expect(theirs.unprotectedBytes == ours, "\(curve.rawValue) differs from OpenSSL")
        } else {
            // OpenSSL refuses exactly the all-zero result (a small-order u).
            try expect(ours.allSatisfy { $0 == 0 }, "OpenSSL refused a \(curve.rawValue) result that is not zero")
        }
    }

    static func checkSignature(secret: [UInt8], message: [UInt8], curve: KeyAlgorithm, flip: Int) throws(FuzzFailure) {
        guard let key = try? OpenSSLPrivateKey(algorithm: curve, rawRepresentation: SecureBytes(secret)),
            let theirs = try? key.signature(for: message)
        else {
            throw FuzzFailure("OpenSSL refused a raw \(curve.rawValue) secret")
        }
        let publicKey = EdDSA.publicKey(secret: SecureBytes(secret), curve: curve)
        try expect(
            publicKey == key.publicKey.rawRepresentation,
            "the \(curve.rawValue) public key differs from OpenSSL's"
        )
        let ours = EdDSA.sign(message: message, secret: SecureBytes(secret), curve: curve)
        try expect(ours == theirs, "the \(curve.rawValue) signature differs from OpenSSL's")
        try expect(
            EdDSA.verify(signature: ours, message: message, publicKey: publicKey, curve: curve),
            "a \(curve.rawValue) signature does not verify"
        )
        var changed = ours
        changed[flip % changed.count] ^= UInt8(1 << (flip % 8))
        try expect(
            !EdDSA.verify(signature: changed, message: message, publicKey: publicKey, curve: curve),
            "a \(curve.rawValue) signature with a changed bit verifies"
        )
        try expect(
            !key.publicKey.isValidSignature(changed, for: message),
            "OpenSSL accepts a changed \(curve.rawValue) signature"
        )
    }

    // MARK: Seeds

    /// The encodings of the `point_reject` vectors, the RFC 8032 and RFC 7748 keys, base points and
    /// multiples of them, each with the arithmetic and OpenSSL checks switched on.
    static func seeds(_ vectors: VectorSeeds) -> [[UInt8]] {
        func control(_ curve: KeyAlgorithm, _ flags: UInt8) -> UInt8 { UInt8(curves.firstIndex(of: curve)!) | flags }
        func hex(_ entry: VectorSeeds.Entry, _ name: String) -> [UInt8]? {
            (entry.input[name] ?? entry.expected[name])?.stringValue.flatMap(Hex.decode)
        }
        let filler = (0..<96).map { UInt8(truncatingIfNeeded: $0 &* 73 &+ 5) }
        var seeds: [[UInt8]] = []
        for entry in vectors.vectors(kind: "point_reject") {
            guard let name = entry.input["curve"]?.stringValue, let curve = KeyAlgorithm(rawValue: name),
                let encoding = hex(entry, "encoding_hex")
            else { continue }
            seeds.append([control(curve, 4)] + encoding)
        }
        for (kind, curve) in [("rfc8032_ed25519", KeyAlgorithm.ed25519), ("rfc8032_ed448", .ed448)] {
            for entry in vectors.vectors(kind: kind) {
                guard let publicKey = hex(entry, "public_hex"), let secret = hex(entry, "secret_hex"),
                    let message = hex(entry, "message_hex")
                else { continue }
                seeds.append([control(curve, 4 | 8)] + publicKey + secret + message)
            }
        }
        for (kind, curve) in [("rfc7748_x25519", KeyAlgorithm.x25519), ("rfc7748_x448", .x448)] {
            for entry in vectors.vectors(kind: kind) {
                guard let u = hex(entry, "u_hex"), let scalar = hex(entry, "scalar_hex") else { continue }
                seeds.append([control(curve, 8)] + u + [0] + scalar)
            }
        }
        for curve in curves {
            let base = GroupElement.base(curve)
            seeds.append([control(curve, 4 | 8)] + base.encoded + filler)
            let scalar = CurveScalar(reducing: SecureBytes(filler), curve: curve)
            if let multiple = try? base.multiplied(by: scalar) {
                seeds.append([control(curve, 4 | 8 | 0x30)] + multiple.encoded + filler)
            }
        }
        return seeds
    }
}
