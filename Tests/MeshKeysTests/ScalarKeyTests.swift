import Foundation
import MeshCrypto
import MeshKeys
import MeshMath
import MeshUDF
import Testing

/// Random cases per curve and operation. The suite runs `propertyCases` (default 25) of each;
/// `MESHKEY_PROPERTY_CASES=1000 swift test --skip-build --filter ScalarKeyPropertyTests` runs the full
/// 1 000 (Docs/formats.md "Advanced keys").
@Suite struct ScalarKeyPropertyTests {
    static let curves = KeyAlgorithm.allCases
    static let propertyCases: Int = {
        if let text = ProcessInfo.processInfo.environment["MESHKEY_PROPERTY_CASES"], let value = Int(text), value > 0 {
            return value
        }
        return 25
    }()

    func randomKey(_ curve: KeyAlgorithm) throws -> ScalarKey {
        try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
    }

    /// Overlay: a·B = A = D + M for a = (d + m) mod L, through create / apply with every check on.
    @Test(arguments: curves) func overlayAlgebra(curve: KeyAlgorithm) throws {
        for _ in 0..<Self.propertyCases {
            let base = try randomKey(curve)
            let (overlay, compositePublic) = try KeyOverlay.create(basePublic: base.publicKeyExtended, curve: curve)
            let composite = try overlay.apply(base: base, publishedComposite: compositePublic)
            let m = try overlay.overlayKey()
            #expect(composite.scalar == base.scalar + m.scalar)
            #expect(composite.publicKeyExtended == compositePublic)
            #expect(
                try GroupElement.multiplyBase(by: composite.scalar, curve: curve)
                    == base.publicPoint.adding(m.publicPoint)
            )
        }
    }

    /// Composite Edwards keys (overlay of a random base) sign with the raw-scalar EdDSA; OpenSSL verifies the
    /// signature under the published composite key, and refuses it for another message.
    @Test(arguments: [KeyAlgorithm.ed25519, .ed448]) func compositeSignaturesVerifyWithOpenSSL(
        curve: KeyAlgorithm
    ) throws {
        let algorithm: KeyAlgorithm = curve == .ed25519 ? .ed25519 : .ed448
        for index in 0..<Self.propertyCases {
            let base = try randomKey(curve)
            let (overlay, published) = try KeyOverlay.create(basePublic: base.publicKeyExtended, curve: curve)
            let composite = try overlay.apply(base: base, publishedComposite: published)
            let message = SecureRandom.bytes(index % 64).unprotectedBytes
            let signature = try composite.sign(message: message)
            let verifier = try OpenSSLPublicKey(algorithm: algorithm, rawRepresentation: published)
            #expect(verifier.isValidSignature(signature, for: message))
            #expect(!verifier.isValidSignature(signature, for: message + [1]))
        }
    }

    /// Recryption: m·E + s·E = g·E, and for X its u is RFC 7748 X25519 / X448(g, u(E)).
    @Test(arguments: curves) func recryptionAlgebra(curve: KeyAlgorithm) throws {
        for _ in 0..<Self.propertyCases {
            let groupPrivate = ScalarKey.randomStandardPrivate(curve: curve)
            let group = try ScalarKey(standardPrivate: groupPrivate, curve: curve)
            let shares = try Recryption.split(group: group)
            #expect(shares.member + shares.service == group.scalar)
            let ephemeral = try randomKey(curve).publicKeyExtended
            let memberPartial = try Recryption.partial(share: shares.member, ephemeral: ephemeral, curve: curve)
            let servicePartial = try Recryption.partial(share: shares.service, ephemeral: ephemeral, curve: curve)
            let sum = try Recryption.combine([memberPartial.encoded, servicePartial.encoded], curve: curve)
            let whole = try group.agreement(with: ReceivedPoint.decode(ephemeral, curve: curve))
            #expect(sum == whole)
            if !curve.isEdwards {
                let rfc = try openSSLAgreement(curve, groupPrivate, Array(ephemeral.dropLast()))
                #expect(sum.agreementBytes == rfc)
            }
        }
    }

    /// Additive 3-of-3: Σ sᵢ·E = x·E.
    @Test(arguments: curves) func thresholdAdditiveAlgebra(curve: KeyAlgorithm) throws {
        for _ in 0..<Self.propertyCases {
            let key = try randomKey(curve)
            let shares = ThresholdKey.splitAdditive(key.scalar, count: 3)
            #expect(shares.dropFirst().reduce(shares[0], +) == key.scalar)
            let ephemeral = try randomKey(curve).publicKeyExtended
            let partials = try shares.map {
                try ThresholdKey.partial(weight: $0, ephemeral: ephemeral, curve: curve).encoded
            }
            let sum = try ThresholdKey.combine(partials, curve: curve)
            #expect(sum == (try key.agreement(with: ReceivedPoint.decode(ephemeral, curve: curve))))
        }
    }

    /// Shamir 3-of-5: for a random quorum of 3, Σ λᵢ·yᵢ = x and Σ (λᵢ·yᵢ)·E = x·E.
    @Test(arguments: curves) func thresholdShamirAlgebra(curve: KeyAlgorithm) throws {
        for _ in 0..<Self.propertyCases {
            let key = try randomKey(curve)
            let shares = ThresholdKey.splitShamir(key.scalar, threshold: 3, count: 5)
            let quorum = Array(shares.shuffled().prefix(3))
            let weights = try ThresholdKey.weights(quorum)
            #expect(weights.dropFirst().reduce(weights[0], +) == key.scalar)
            let ephemeral = try randomKey(curve).publicKeyExtended
            let partials = try weights.map {
                try ThresholdKey.partial(weight: $0, ephemeral: ephemeral, curve: curve).encoded
            }
            let sum = try ThresholdKey.combine(partials, curve: curve)
            #expect(sum == (try key.agreement(with: ReceivedPoint.decode(ephemeral, curve: curve))))
            // Two shares are not enough: their Lagrange combination is not the key (except with negligible odds).
            let pair = try ThresholdKey.weights(Array(quorum.prefix(2)))
            #expect(pair[0] + pair[1] != key.scalar)
        }
    }
}

@Suite struct ScalarKeyTests {
    /// Composite Edwards keys sign with the raw-scalar prefix; signatures verify against A.
    @Test(arguments: [KeyAlgorithm.ed25519, .ed448]) func compositeEdwardsKeySigns(curve: KeyAlgorithm) throws {
        let base = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
        let (overlay, published) = try KeyOverlay.create(basePublic: base.publicKeyExtended, curve: curve)
        let composite = try overlay.apply(base: base, publishedComposite: published)
        let message = Array("composite".utf8)
        let signature = try composite.sign(message: message)
        #expect(EdDSA.verify(signature: signature, message: message, publicKey: published, curve: curve))
        #expect(!EdDSA.verify(signature: signature, message: message + [0], publicKey: published, curve: curve))
    }

    /// Composite X keys agree unclamped: u(a·P) = u(d·P + m·P), and RFC 7748 on the composite bytes differs
    /// in general (it clamps).
    @Test(arguments: [KeyAlgorithm.x25519, .x448]) func compositeXKeyAgrees(curve: KeyAlgorithm) throws {
        let base = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
        let (overlay, published) = try KeyOverlay.create(basePublic: base.publicKeyExtended, curve: curve)
        let composite = try overlay.apply(base: base, publishedComposite: published)
        let peerPrivate = ScalarKey.randomStandardPrivate(curve: curve)
        let peer = try ScalarKey(standardPrivate: peerPrivate, curve: curve)
        let shared = try composite.agreement(with: peer.publicPoint)
        let parts = try ReceivedPoint.sum([
            base.agreement(with: peer.publicPoint),
            overlay.overlayKey().agreement(with: peer.publicPoint),
        ])
        #expect(shared.agreementBytes == parts.agreementBytes)
        // The peer side is an ordinary RFC 7748 exchange with the composite public key.
        let peerSide = try openSSLAgreement(curve, peerPrivate, Array(published.dropLast()))
        #expect(peerSide == shared.agreementBytes)
    }

    @Test func overlayFromSeedAndJSONRoundTrip() throws {
        let seed = try SeedUDF.parse("ZAAQ-CE73-CZMO-R6WN-ZGEI-2QZZ-2LNL-HRBA-DYPD-NQCQ-X3IQ-LWHS-35DF-FHDJ")
        let base = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: .x448), curve: .x448)
        let (overlay, published) = try KeyOverlay.create(
            basePublic: base.publicKeyExtended,
            curve: .x448,
            contribution: .seed(seed, keyName: "ActivationDeviceEncrypt")
        )
        let derived = try DerivedKey(seed: seed, keyName: "ActivationDeviceEncrypt", curve: .x448)
        #expect(overlay.overlayPrivate == derived.privateKey)
        let parsed = try KeyOverlay(json: overlay.json)
        #expect(
            parsed.udf == overlay.udf && parsed.baseUDF == overlay.baseUDF
                && parsed.overlayPrivate == overlay.overlayPrivate
        )
        try parsed.verify(basePublic: base.publicKeyExtended, publishedComposite: published)
        _ = try parsed.apply(base: base, publishedComposite: published)
        let text = String(decoding: overlay.json, as: UTF8.self)
        #expect(text.contains("\"BaseUDF\"") && text.contains("\"UDF\"") && text.contains("\"crv\" : \"X448\""))
    }

    @Test func overlayChecksRefuseMismatches() throws {
        let curve = KeyAlgorithm.ed25519
        let base = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
        let other = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
        let (overlay, published) = try KeyOverlay.create(basePublic: base.publicKeyExtended, curve: curve)
        // Wrong base key.
        #expect(throws: ScalarKeyError.self) { try overlay.apply(base: other) }
        // Published composite that is not a·B.
        #expect(throws: ScalarKeyError.self) {
            try overlay.apply(base: base, publishedComposite: other.publicKeyExtended)
        }
        // UDF that does not match.
        let forged = KeyOverlay(
            curve: curve,
            udf: other.udf(),
            baseUDF: overlay.baseUDF,
            overlayPrivate: overlay.overlayPrivate
        )
        #expect(throws: ScalarKeyError.self) { try forged.apply(base: base) }
        #expect(throws: ScalarKeyError.self) { try forged.verify(basePublic: base.publicKeyExtended) }
        try overlay.verify(basePublic: base.publicKeyExtended, publishedComposite: published)
        // Small-order and invalid base points are refused.
        var identity = [UInt8](repeating: 0, count: 32)
        identity[0] = 1
        #expect(throws: ScalarKeyError.self) { try KeyOverlay.create(basePublic: identity, curve: curve) }
        #expect(throws: ScalarKeyError.self) {
            try KeyOverlay.create(basePublic: [UInt8](repeating: 0xff, count: 32), curve: curve)
        }
    }

    @Test func hygieneRefusesZeroAndNeutral() throws {
        for curve in KeyAlgorithm.allCases {
            #expect(throws: ScalarKeyError.self) { try ScalarKey(scalar: CurveScalar.zero(curve), curve: curve) }
            let key = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
            // P + (−P) is refused.
            let minus = try ScalarKey(scalar: -key.scalar, curve: curve)
            #expect(throws: ScalarKeyError.self) { try ReceivedPoint.sum([key.publicPoint, minus.publicPoint]) }
            #expect(throws: ScalarKeyError.self) { try Recryption.split(group: key, member: key.scalar) }
        }
    }

    /// Random encodings that decode as curve points: GroupElement.decode keeps exactly those of order L
    /// (about 1 in 8 / 1 in 4); the rest carry a torsion component and are refused.
    @Test(arguments: KeyAlgorithm.allCases) func torsionComponentsAreRefused(curve: KeyAlgorithm) throws {
        var accepted = 0
        var refused = 0
        var attempts = 0
        let l = SecureBytes(CurveScalar.order(curve).littleEndianBytes(count: 57)!)
        // (L + 1)·P = P exactly when P has order L (on Montgomery curves L·P alone cannot tell ∞ from (0, 0)).
        let lPlusOne = SecureBytes((CurveScalar.order(curve) + GMPInteger(1)).littleEndianBytes(count: 57)!)
        while (accepted < 2 || refused < 2) && attempts < 2000 {
            attempts += 1
            var bytes = SecureRandom.bytes(
                curve == .x25519 ? 32 : (curve == .ed25519 ? 32 : (curve == .ed448 ? 57 : 56))
            ).unprotectedBytes
            let prime: Bool
            if curve.isEdwards {
                if curve == .ed448 { bytes[56] &= 0x80 }
                guard let point = try? Edwards.decode(bytes, curve: curve) else { continue }
                prime = Edwards.multiply(point, by: l).isIdentity
            } else {
                if curve == .x25519 { bytes[31] &= 0x7f }
                bytes.append(0)
                guard let point = try? Montgomery.decodeExtended(bytes, curve: curve) else { continue }
                prime = Montgomery.multiply(point, by: lPlusOne) == point
            }
            if prime {
                #expect(try GroupElement.decode(bytes, curve: curve).encoded == bytes)
                accepted += 1
            } else {
                #expect(throws: CurveError.self) { try GroupElement.decode(bytes, curve: curve) }
                refused += 1
            }
        }
        #expect(accepted >= 2 && refused >= 2)
    }

    @Test func keyCompositeJSONRoundTrip() throws {
        for curve in KeyAlgorithm.allCases {
            let group = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: curve), curve: curve)
            let shares = try Recryption.split(group: group)
            let record = KeyComposite(
                curve: curve,
                groupPublic: group.publicKeyExtended,
                part: shares.member,
                service: "recrypt@example.com"
            )
            let parsed = try KeyComposite(json: record.json)
            #expect(
                parsed.curve == curve && parsed.groupPublic == record.groupPublic && parsed.part == shares.member
                    && parsed.service == "recrypt@example.com"
            )
            #expect(String(decoding: record.json.unprotectedBytes, as: UTF8.self).contains("\"\(curve.rawValue)z\""))
        }
    }
}

/// RFC 7748 X25519 / X448 through OpenSSL.
func openSSLAgreement(_ curve: KeyAlgorithm, _ privateKey: SecureBytes, _ peerU: [UInt8]) throws -> [UInt8] {
    let algorithm: KeyAlgorithm = curve == .x25519 ? .x25519 : .x448
    let key = try OpenSSLPrivateKey(algorithm: algorithm, rawRepresentation: privateKey)
    let peer = try OpenSSLPublicKey(algorithm: algorithm, rawRepresentation: peerU)
    return try KeyAgreement.sharedSecret(privateKey: key, peerPublicKey: peer).unprotectedBytes
}

/// An overlay whose UDF or BaseUDF differs from the real one only by KELVIN SIGN (U+212A, canonically
/// equivalent to "K") is refused (item 9: UDFs are compared by bytes).
@Suite struct OverlayUDFBytesTests {
    @Test func aKelvinSignInTheOverlaysUDFsIsRefused() throws {
        var checked = 0
        for _ in 0..<200 where checked < 2 {
            let base = try ScalarKey(standardPrivate: ScalarKey.randomStandardPrivate(curve: .x25519), curve: .x25519)
            let (overlay, published) = try KeyOverlay.create(basePublic: base.publicKeyExtended, curve: .x25519)
            let kelvin = { (udf: String) in udf.replacingOccurrences(of: "K", with: "\u{212A}") }
            if overlay.udf.contains("K") {
                let forged = KeyOverlay(
                    curve: .x25519,
                    udf: kelvin(overlay.udf),
                    baseUDF: overlay.baseUDF,
                    overlayPrivate: overlay.overlayPrivate
                )
                #expect(forged.udf == overlay.udf)  // what Swift's == says
                #expect(throws: ScalarKeyError.self) { try forged.verify(basePublic: base.publicKeyExtended) }
                #expect(throws: ScalarKeyError.self) { try forged.apply(base: base, publishedComposite: published) }
                checked += 1
            }
            if overlay.baseUDF.contains("K") {
                let forged = KeyOverlay(
                    curve: .x25519,
                    udf: overlay.udf,
                    baseUDF: kelvin(overlay.baseUDF),
                    overlayPrivate: overlay.overlayPrivate
                )
                #expect(throws: ScalarKeyError.self) { try forged.verify(basePublic: base.publicKeyExtended) }
                #expect(throws: ScalarKeyError.self) { try forged.apply(base: base) }
                checked += 1
            }
            try overlay.verify(basePublic: base.publicKeyExtended, publishedComposite: published)
        }
        #expect(checked >= 2)
    }
}
