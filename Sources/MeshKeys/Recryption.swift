public import MeshCrypto
import MeshJSON
public import MeshMath

/// Recryption (mesh-cryptography §6): a group key g is split into a member share m and a service share
/// s = (g − m) mod L. For a message encrypted to the group (ephemeral E), the service returns s·E and the
/// member computes m·E; their sum is g·E, whose u (X curves) is the ordinary X25519 / X448(g, E).
public enum Recryption {
    /// The shares for a group key. `member` is the member's scalar (its ordinary key, or nil for a random
    /// one). Refuses zero shares.
    public static func split(
        group: ScalarKey,
        member: CurveScalar? = nil
    ) throws(ScalarKeyError) -> (member: CurveScalar, service: CurveScalar) {
        let m =
            member.map { CurveScalar(reducing: $0.bytes, curve: group.curve) }
            ?? CurveScalar.randomNonZero(curve: group.curve)
        guard !m.isZero else { throw ScalarKeyError("the member share is zero") }
        let s = group.scalar - m
        guard !s.isZero else { throw ScalarKeyError("the service share is zero (member share equals the group key)") }
        return (m, s)
    }

    /// A partial result share·E, with its true parity on X curves; E is validated.
    public static func partial(
        share: CurveScalar,
        ephemeral: [UInt8],
        curve: KeyAlgorithm
    ) throws(ScalarKeyError) -> GroupElement {
        let point = try ReceivedPoint.decode(ephemeral, curve: curve)
        return try ScalarKey(scalar: share, curve: curve).agreement(with: point)
    }

    /// The sum of received partial results (each validated): the key-agreement point.
    public static func combine(_ partials: [[UInt8]], curve: KeyAlgorithm) throws(ScalarKeyError) -> GroupElement {
        var points: [GroupElement] = []
        for bytes in partials { points.append(try ReceivedPoint.decode(bytes, curve: curve)) }
        return try ReceivedPoint.sum(points)
    }
}

/// The member's record of a recryption key (mesh-schema-05 `KeyComposite`): `Public` (the group public key),
/// `Part` (the member's share, a `…z` scalar) and `Service` (who holds the other share).
///
/// JSON: `{"Part": {"crv": "X448z", "Private": <base64url scalar>}, "Public": {"crv": "X448", "Public":
/// <base64url RFC 8032 / extended encoding>}, "Service": <string>}`.
public struct KeyComposite: Sendable {
    public let curve: KeyAlgorithm
    public let groupPublic: [UInt8]
    public let part: CurveScalar
    public let service: String

    public init(curve: KeyAlgorithm, groupPublic: [UInt8], part: CurveScalar, service: String) {
        precondition(!part.isZero, "a KeyComposite part is non-zero")
        self.curve = curve
        self.groupPublic = groupPublic
        self.part = part
        self.service = service
    }

    /// The JSON document (it holds the secret `Part`, so it comes back in secure memory), ending in a newline.
    public var json: SecureBytes {
        let value: JSONValue = .object([
            "Public": .object(["crv": .string(curve.rawValue), "Public": .string(Base64URL.encode(groupPublic))]),
            "Part": .object(["crv": .string(curve.rawValue + "z"), "Private": SecretJSON.placeholder(0)]),
            "Service": .string(service),
        ])
        var out = JSONWriter.encoderPretty(escapingSlashes: true).secureText(
            value,
            secrets: [Base64URL.encode(part.bytes)]
        )
        out.append(SecureBytes([0x0A]))
        return out
    }

    /// The public point of `Part` (its extended encoding on X curves).
    public var partPublic: [UInt8] {
        // `part` is non-zero (both initialisers ensure it), so the key always forms.
        (try! ScalarKey(scalar: part, curve: curve)).publicKeyExtended
    }

    public init(json: SecureBytes) throws(ScalarKeyError) {
        guard let (value, secrets) = SecretJSON.parse(json, secretMember: "Private"),
            let publicCurve = value["Public"]?["crv"]?.stringValue,
            let publicText = value["Public"]?["Public"]?.stringValue,
            let partCurve = value["Part"]?["crv"]?.stringValue,
            let partText = SecretJSON.secret(value["Part"]?["Private"], in: secrets),
            let service = value["Service"]?.stringValue
        else {
            throw ScalarKeyError(.malformedKeyFile, "not a KeyComposite {Public, Part, Service}")
        }
        guard let curve = KeyAlgorithm(rawValue: publicCurve), partCurve == curve.rawValue + "z" else {
            throw ScalarKeyError(
                .malformedKeyFile,
                "Public.crv must name a curve and Part.crv the same curve with the z suffix"
            )
        }
        guard let publicBytes = Base64URL.decode(publicText), let partBytes = Base64URL.decode(secure: partText) else {
            throw ScalarKeyError(.malformedKeyFile, "key fields are not base64url")
        }
        _ = try ReceivedPoint.decode(publicBytes, curve: curve)
        let part: CurveScalar
        do { part = try CurveScalar(canonical: partBytes, curve: curve) } catch {
            throw ScalarKeyError(error.description)
        }
        guard !part.isZero else { throw ScalarKeyError("Part is zero") }
        self.init(curve: curve, groupPublic: publicBytes, part: part, service: service)
    }
}
