public import MeshCrypto
public import MeshMath

/// Received points for key co-generation, recryption and threshold decryption.
public enum ReceivedPoint {
    /// Decodes and validates a received point: RFC 8032 (Edwards) or the extended u ‖ parity encoding
    /// (X). Invalid, small-order and torsion-carrying points are refused.
    public static func decode(_ bytes: [UInt8], curve: KeyAlgorithm) throws(ScalarKeyError) -> GroupElement {
        do { return try GroupElement.decode(bytes, curve: curve) } catch {
            throw ScalarKeyError(.invalidPoint, "received \(curve.rawValue) point refused: \(error)")
        }
    }

    /// The sum of points (partials, contributions); refuses a neutral sum.
    public static func sum(_ points: [GroupElement]) throws(ScalarKeyError) -> GroupElement {
        do { return try GroupElement.sum(points) } catch { throw ScalarKeyError(.invalidPoint, "\(error)") }
    }
}
