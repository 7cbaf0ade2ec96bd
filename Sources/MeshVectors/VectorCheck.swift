import MeshCrypto
public import MeshJSON

/// A vector that did not pass, with a short reason (never more than the vector's own public values).
struct VectorFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Typed access to a vector's input and expected fields. Every expected field must be compared: at the
/// end, any expected field the procedure did not look at fails the vector ("the runner cannot produce
/// it"), except those the format calls informational.
final class VectorCheck {
    let vector: Vector
    private var compared: Set<String> = []
    private let informational: Set<String>

    init(_ vector: Vector, informational: Set<String> = []) {
        self.vector = vector
        self.informational = informational
    }

    // MARK: Input

    func input(_ key: String) throws -> JSONValue {
        guard let value = vector.input[key] else { throw VectorFailure("input \"\(key)\" is missing") }
        return value
    }

    func hasInput(_ key: String) -> Bool { vector.input[key] != nil }

    func string(_ key: String) throws -> String {
        guard case .string(let value) = try input(key) else { throw VectorFailure("input \"\(key)\" is not a string") }
        return value
    }

    func int(_ key: String) throws -> Int {
        guard let value = try input(key).integerValue else { throw VectorFailure("input \"\(key)\" is not an integer") }
        return value
    }

    func hex(_ key: String) throws -> [UInt8] { try HexCoding.decode(string(key), field: key) }

    func strings(_ key: String) throws -> [String] {
        guard case .array(let items) = try input(key) else { throw VectorFailure("input \"\(key)\" is not an array") }
        return try items.map { item in
            guard case .string(let text) = item else { throw VectorFailure("input \"\(key)\" holds a non-string") }
            return text
        }
    }

    // MARK: Expected

    func hasExpected(_ key: String) -> Bool { vector.expected[key] != nil }

    func expected(_ key: String) throws -> JSONValue {
        guard let value = vector.expected[key] else { throw VectorFailure("expected \"\(key)\" is missing") }
        compared.insert(key)
        return value
    }

    /// Compares a computed string with an expected string field.
    func expect(_ key: String, _ computed: String) throws {
        guard case .string(let want) = try expected(key) else {
            throw VectorFailure("expected \"\(key)\" is not a string")
        }
        guard want == computed else { throw VectorFailure("\(key): computed \(computed), expected \(want)") }
    }

    func expect(_ key: String, _ computed: Int) throws {
        guard let want = try expected(key).integerValue else {
            throw VectorFailure("expected \"\(key)\" is not an integer")
        }
        guard want == computed else { throw VectorFailure("\(key): computed \(computed), expected \(want)") }
    }

    func expectHex(_ key: String, _ computed: [UInt8]) throws { try expect(key, HexCoding.encode(computed)) }

    func expect(_ key: String, _ computed: [String]) throws {
        guard case .array(let items) = try expected(key) else {
            throw VectorFailure("expected \"\(key)\" is not an array")
        }
        let want = try items.map { item -> String in
            guard case .string(let text) = item else { throw VectorFailure("expected \"\(key)\" holds a non-string") }
            return text
        }
        guard want.count == computed.count else {
            throw VectorFailure("\(key): computed \(computed.count) entries, expected \(want.count)")
        }
        for (index, (w, c)) in zip(want, computed).enumerated() where w != c {
            throw VectorFailure("\(key)[\(index)]: computed \(c), expected \(w)")
        }
    }

    func expectedStrings(_ key: String) throws -> [String] {
        guard case .array(let items) = try expected(key) else {
            throw VectorFailure("expected \"\(key)\" is not an array")
        }
        return try items.map { item in
            guard case .string(let text) = item else { throw VectorFailure("expected \"\(key)\" holds a non-string") }
            return text
        }
    }

    /// Fails if an expected field was never compared.
    func finish() throws {
        let unchecked = Set(vector.expected.keys).subtracting(compared).subtracting(informational)
        if let field = unchecked.sorted().first {
            throw VectorFailure("the runner cannot produce expected field \"\(field)\"")
        }
    }
}

/// Hexadecimal for vector fields: MeshCrypto's strict codec, with vector-style failures.
enum HexCoding {
    static func decode(_ text: String, field: String) throws -> [UInt8] {
        guard let bytes = Hex.decode(text) else { throw VectorFailure("\(field) is not hexadecimal") }
        return bytes
    }

    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 { Hex.encode(bytes) }
}
