/// Lagrange interpolation weights over the Shamir prime for a fixed set of distinct x coordinates.
///
/// All values here are public (x coordinates and functions of them), so plain GMP arithmetic is used.
/// The weight of node i at a target t is  L_i(t) = Π_{m≠i} (t − x_m) / (x_i − x_m)  mod p.
/// The denominators do not depend on t and are inverted once.
final class LagrangeBasis {
    let nodes: [Int]
    let prime: GMPInteger
    /// (Π_{m≠i} (x_i − x_m))^-1 mod p.
    private let inverseDenominators: [GMPInteger]

    /// Keeps products below roughly this many bits before reducing them.
    private let reduceAboveBits: Int

    init(nodes: [Int], prime: GMPInteger) {
        self.nodes = nodes
        self.prime = prime
        reduceAboveBits = prime.bitWidth * 2
        var inverses: [GMPInteger] = []
        inverses.reserveCapacity(nodes.count)
        for (i, xi) in nodes.enumerated() {
            let product = GMPInteger(1)
            for (m, xm) in nodes.enumerated() where m != i {
                product.multiply(by: xi - xm)
                if product.bitWidth > reduceAboveBits { product.reduce(modulo: prime) }
            }
            product.reduce(modulo: prime)
            guard let inverse = product.inverse(modulo: prime) else {
                preconditionFailure("Lagrange nodes must be distinct modulo p")
            }
            inverses.append(inverse)
        }
        inverseDenominators = inverses
    }

    /// The weights L_i(t) mod p, in node order. `target` must not be a node.
    func weights(at target: Int) -> [GMPInteger] {
        let numerator = GMPInteger(1)
        for xm in nodes {
            numerator.multiply(by: target - xm)
            if numerator.bitWidth > reduceAboveBits { numerator.reduce(modulo: prime) }
        }
        numerator.reduce(modulo: prime)
        return nodes.indices.map { i in
            let factor = GMPInteger(target - nodes[i])
            factor.reduce(modulo: prime)
            guard let inverse = factor.inverse(modulo: prime) else {
                preconditionFailure("interpolation target coincides with a node")
            }
            return (numerator * inverse).modulo(prime) * inverseDenominators[i]
        }.map { $0.modulo(prime) }
    }
}
