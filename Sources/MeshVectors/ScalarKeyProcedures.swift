import MeshCrypto
import MeshJSON
import MeshKeys
import MeshMath
import MeshUDF

/// Procedures for the vector kinds `cogen` (key co-generation), `recrypt` and `threshold_decrypt` (vectors README
/// §5.11–§5.13), run on MeshKeys' ``ScalarKey`` / ``Recryption`` / ``ThresholdKey`` and MeshMath's
/// ``GroupElement``. Every expected field is compared; unknown input fields fail the vector.
enum ScalarKeyProcedures {
    static let all: [String: (VectorRunner.Procedure, Set<String>)] = [
        "cogen": (cogen, []),
        "recrypt": (recrypt, []),
        "threshold_decrypt": (thresholdDecrypt, []),
    ]

    // MARK: Helpers

    static func curve(_ check: VectorCheck) throws -> KeyAlgorithm {
        let name = try check.string("curve")
        guard let curve = KeyAlgorithm(rawValue: name) else { throw VectorFailure("unknown curve \(name)") }
        return curve
    }

    static func onlyInputs(_ check: VectorCheck, _ allowed: Set<String>) throws {
        if let extra = Set(check.vector.input.keys).subtracting(allowed).sorted().first {
            throw VectorFailure("unknown input field \"\(extra)\"")
        }
    }

    static func object(_ value: JSONValue, _ name: String, allowed: Set<String>) throws -> [String: JSONValue] {
        guard case .object(let fields) = value else { throw VectorFailure("\(name) is not an object") }
        if let extra = Set(fields.keys).subtracting(allowed).sorted().first {
            throw VectorFailure("unknown field \"\(extra)\" in \(name)")
        }
        return fields
    }

    static func string(_ fields: [String: JSONValue], _ key: String, in name: String) throws -> String {
        guard case .string(let text) = fields[key] else {
            throw VectorFailure("\(name).\(key) is missing or not a string")
        }
        return text
    }

    static func hex(_ fields: [String: JSONValue], _ key: String, in name: String) throws -> [UInt8] {
        try HexCoding.decode(string(fields, key, in: name), field: "\(name).\(key)")
    }

    /// The received-point field name for a curve: `<prefix>_hex` (Edwards) or `<prefix>_ext_hex` (X).
    static func pointField(_ prefix: String, _ curve: KeyAlgorithm) -> String {
        curve.isEdwards ? "\(prefix)_hex" : "\(prefix)_ext_hex"
    }

    /// Compares `<prefix>_hex` (RFC 8032 encoding or plain u) and, on X curves, `<prefix>_ext_hex`.
    static func expectPoint(_ check: VectorCheck, _ prefix: String, _ point: GroupElement) throws {
        try check.expectHex("\(prefix)_hex", point.agreementBytes)
        if !point.curve.isEdwards { try check.expectHex("\(prefix)_ext_hex", point.encoded) }
    }

    /// A scalar input: little-endian, at most 32 / 56 bytes (57 for Ed448), reduced mod L. Published
    /// examples use unreduced values (a pruned Edwards scalar or a clamped X key as a share, vectors README
    /// §4.8); for points of order L only the value mod L matters.
    static func scalarInput(_ bytes: [UInt8], _ name: String, curve: KeyAlgorithm) throws -> CurveScalar {
        let limit = curve == .ed448 ? 57 : CurveScalar.byteCount(curve)
        guard bytes.count <= limit else {
            throw VectorFailure("\(name): \(bytes.count) bytes, at most \(limit) allowed")
        }
        return CurveScalar(reducing: SecureBytes(bytes), curve: curve)
    }

    static func scalarHex(_ scalar: CurveScalar) -> [UInt8] { scalar.bytes.unprotectedBytes }

    // MARK: cogen

    /// A base or overlay key: its point, and its secret scalar when private.
    static func cogenKey(
        _ value: JSONValue,
        _ name: String,
        curve: KeyAlgorithm
    ) throws -> (point: GroupElement, scalar: CurveScalar?) {
        let publicField = pointField("public", curve)
        let fields = try object(value, name, allowed: ["private_hex", "seed_udf", "key_name", publicField])
        let forms = [
            fields["private_hex"] != nil, fields["seed_udf"] != nil || fields["key_name"] != nil,
            fields[publicField] != nil,
        ]
        guard forms.filter({ $0 }).count == 1 else {
            throw VectorFailure("\(name) must hold exactly one of private_hex, seed_udf + key_name, \(publicField)")
        }
        if fields["private_hex"] != nil {
            let key = try ScalarKey(standardPrivate: SecureBytes(hex(fields, "private_hex", in: name)), curve: curve)
            return (key.publicPoint, key.scalar)
        }
        if fields["seed_udf"] != nil {
            let seed = try SeedUDF.parse(string(fields, "seed_udf", in: name))
            let derived = try DerivedKey(seed: seed, keyName: string(fields, "key_name", in: name), curve: curve)
            let key = try ScalarKey(derived: derived)
            guard key.publicKeyExtended == derived.publicKeyExtended else {
                throw VectorFailure("\(name): derived public key mismatch")
            }
            return (key.publicPoint, key.scalar)
        }
        return (try ReceivedPoint.decode(hex(fields, publicField, in: name), curve: curve), nil)
    }

    static func cogen(_ check: VectorCheck) throws {
        try onlyInputs(check, ["curve", "base", "overlay", "udf_content_type", "peer_public_hex"])
        let curve = try curve(check)
        let base = try cogenKey(check.input("base"), "base", curve: curve)
        let overlay = try cogenKey(check.input("overlay"), "overlay", curve: curve)
        let composite = try ReceivedPoint.sum([base.point, overlay.point])
        try expectPoint(check, "base_public", base.point)
        try expectPoint(check, "overlay_public", overlay.point)
        try expectPoint(check, "composite_public", composite)
        var compositeKey: ScalarKey?
        if let d = base.scalar, let m = overlay.scalar {
            let key = try ScalarKey(scalar: d + m, curve: curve)
            guard key.publicPoint == composite else { throw VectorFailure("composite_scalar·B is not base + overlay") }
            try check.expectHex("composite_scalar_hex", scalarHex(key.scalar))
            compositeKey = key
        }
        if check.hasInput("udf_content_type") {
            let contentType = try check.string("udf_content_type")
            for (field, point) in [
                ("base_udf", base.point), ("overlay_udf", overlay.point), ("composite_udf", composite),
            ] {
                try check.expect(field, KeyFingerprint.udf(curve: curve, key: point.encoded, contentType: contentType))
            }
        }
        if check.hasInput("peer_public_hex") {
            guard !curve.isEdwards else { throw VectorFailure("peer_public_hex is for X curves") }
            guard let key = compositeKey else { throw VectorFailure("an agreement needs both keys private") }
            let u = try check.hex("peer_public_hex")
            // The peer's u with either v: u(a·P) does not depend on the sign of v.
            let peer = try ReceivedPoint.decode(u + [0], curve: curve)
            let agreement = try key.agreement(with: peer)
            let byParts = try ReceivedPoint.sum([
                ScalarKey(scalar: base.scalar!, curve: curve).agreement(with: peer),
                ScalarKey(scalar: overlay.scalar!, curve: curve).agreement(with: peer),
            ])
            guard byParts.agreementBytes == agreement.agreementBytes else {
                throw VectorFailure("u(base·P + overlay·P) differs from u(composite·P)")
            }
            try check.expectHex("agreement_hex", agreement.agreementBytes)
        }
    }

    // MARK: recrypt

    static func recrypt(_ check: VectorCheck) throws {
        let curve = try curve(check)
        let ephemeralField = pointField("ephemeral_public", curve)
        try onlyInputs(check, ["curve", "group_private_hex", "member_share_hex", ephemeralField])
        let groupPrivate = SecureBytes(try check.hex("group_private_hex"))
        let group = try ScalarKey(standardPrivate: groupPrivate, curve: curve)
        let member = try scalarInput(check.hex("member_share_hex"), "member_share_hex", curve: curve)
        let shares = try Recryption.split(group: group, member: member)
        let ephemeral = try check.hex(ephemeralField)
        let memberPartial = try Recryption.partial(share: shares.member, ephemeral: ephemeral, curve: curve)
        let servicePartial = try Recryption.partial(share: shares.service, ephemeral: ephemeral, curve: curve)
        let agreement = try Recryption.combine([memberPartial.encoded, servicePartial.encoded], curve: curve)
        // The sum is g·E: for X the same u as RFC 7748 X25519 / X448 with the group private key.
        let whole = try group.agreement(with: ReceivedPoint.decode(ephemeral, curve: curve))
        guard whole == agreement else { throw VectorFailure("member + service partials differ from g·E") }
        if !curve.isEdwards {
            let rfc = Montgomery.function(curve, scalar: groupPrivate.unprotectedBytes, u: Array(ephemeral.dropLast()))
            guard rfc == agreement.agreementBytes else {
                throw VectorFailure("agreement differs from RFC 7748 \(curve.rawValue)")
            }
        }
        try expectPoint(check, "group_public", group.publicPoint)
        try check.expectHex("service_share_hex", scalarHex(shares.service))
        try expectPoint(check, "member_partial", memberPartial)
        try expectPoint(check, "service_partial", servicePartial)
        try expectPoint(check, "agreement", agreement)
    }

    // MARK: threshold_decrypt

    static func thresholdDecrypt(_ check: VectorCheck) throws {
        let curve = try curve(check)
        let ephemeralField = pointField("ephemeral_public", curve)
        try onlyInputs(check, ["curve", "mode", "shares", ephemeralField])
        let mode = try check.string("mode")
        guard mode == "additive" || mode == "shamir" else { throw VectorFailure("unknown mode \(mode)") }
        guard case .array(let items) = try check.input("shares"), !items.isEmpty else {
            throw VectorFailure("input \"shares\" is not a non-empty array")
        }
        var scalars: [CurveScalar] = []
        var xs: [UInt] = []
        for (index, item) in items.enumerated() {
            let name = "shares[\(index)]"
            let fields = try object(item, name, allowed: mode == "shamir" ? ["x", "share_hex"] : ["share_hex"])
            scalars.append(try scalarInput(hex(fields, "share_hex", in: name), "\(name).share_hex", curve: curve))
            if mode == "shamir" {
                guard let x = fields["x"]?.integerValue, x > 0 else {
                    throw VectorFailure("\(name).x is missing or not a positive integer")
                }
                xs.append(UInt(x))
            }
        }
        let weights: [CurveScalar]
        if mode == "shamir" {
            let lambdas = try ThresholdKey.lagrange(xs, curve: curve)
            try check.expect(
                "lagrange_dec",
                lambdas.map { GMPInteger(littleEndian: $0.bytes.unprotectedBytes).decimalString }
            )
            weights = try ThresholdKey.weights(zip(xs, scalars).map { ThresholdKey.Share(x: $0, y: $1) })
        } else {
            weights = scalars
        }
        let key = try ScalarKey(scalar: weights.dropFirst().reduce(weights[0], +), curve: curve)
        try expectPoint(check, "group_public", key.publicPoint)
        let ephemeral = try check.hex(ephemeralField)
        let partials = try weights.map { try ThresholdKey.partial(weight: $0, ephemeral: ephemeral, curve: curve) }
        try check.expect(
            curve.isEdwards ? "partials_hex" : "partials_ext_hex",
            partials.map { HexCoding.encode($0.encoded) }
        )
        let agreement = try ThresholdKey.combine(partials.map(\.encoded), curve: curve)
        guard agreement == (try key.agreement(with: ReceivedPoint.decode(ephemeral, curve: curve))) else {
            throw VectorFailure("the sum of the partials differs from (Σ wᵢ)·E")
        }
        try expectPoint(check, "agreement", agreement)
    }
}
