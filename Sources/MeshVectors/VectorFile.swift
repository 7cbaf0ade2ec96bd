public import MeshCrypto
public import MeshJSON

/// One conformance vector (format 1, see Vectors/README.md).
public struct Vector: Sendable {
    public let id: String
    public let kind: String
    public let source: String?
    public let input: [String: JSONValue]
    public let expected: [String: JSONValue]

    public init(id: String, kind: String, source: String?, input: [String: JSONValue], expected: [String: JSONValue]) {
        self.id = id
        self.kind = kind
        self.source = source
        self.input = input
        self.expected = expected
    }
}

/// A vector file: `{suite, format, description, vectors}`.
public struct VectorFile: Sendable {
    public static let supportedFormat = 1

    public let name: String
    public let suite: String
    public let vectors: [Vector]
    /// Entries of `vectors` that are not vectors of the format (a missing `kind`, an `input` that is not an
    /// object, …). Each fails alone; the file's other vectors still run.
    public let malformed: [MalformedVector]

    /// Parses a file's bytes (strict JSON). A file whose `format` is not 1 is refused as a whole.
    public init(name: String, contents: [UInt8]) throws(VectorFileError) {
        guard let root = JSONValue.parse(contents) else {
            throw VectorFileError(file: name, reason: "not a JSON object: invalid JSON", code: "malformed_file")
        }
        guard let top = root.objectValue else {
            throw VectorFileError(
                file: name,
                reason: "not a JSON object: wrong type at top level",
                code: "malformed_file"
            )
        }
        let format = top["format"]
        guard format?.integerValue == Self.supportedFormat else {
            let shown: String
            switch format {
            case nil, .null?: shown = "missing"
            case let value? where value.integerValue != nil: shown = String(value.integerValue!)
            case .string(let value)?: shown = "\"\(value)\""
            case let other?: shown = "a JSON \(other.typeName)"
            }
            throw VectorFileError(
                file: name,
                reason: "unsupported format (\(shown)); this runner reads format 1",
                code: "unsupported_format"
            )
        }
        func malformedFile(_ reason: String) -> VectorFileError {
            VectorFileError(file: name, reason: "malformed vector file: \(reason)", code: "malformed_file")
        }
        guard let suiteValue = top["suite"] else { throw malformedFile("missing \"suite\" at top level") }
        guard let suite = suiteValue.stringValue else { throw malformedFile("wrong type at suite") }
        guard let entries = top["vectors"] else { throw malformedFile("missing \"vectors\" at top level") }
        guard let items = entries.arrayValue else { throw malformedFile("wrong type at vectors") }
        var vectors: [Vector] = []
        var malformedVectors: [MalformedVector] = []
        for (index, item) in items.enumerated() {
            do throws(VectorShapeError) {
                vectors.append(try Vector(json: item))
            } catch {
                malformedVectors.append(
                    MalformedVector(index: index, id: item["id"]?.stringValue, reason: error.reason)
                )
            }
        }
        self.name = name
        self.suite = suite
        self.vectors = vectors
        self.malformed = malformedVectors
    }

    /// The largest vector file read: 16 MiB (the shipped files are under 200 KB).
    public static let maximumSize = SecureFile.inputLimit

    /// Reads and parses a file (`-`: standard input), of at most ``maximumSize`` bytes.
    public init(path: String) throws(VectorFileError) {
        let contents: [UInt8]
        do { contents = try SecureFile.read(path: path, maximumCount: Self.maximumSize).unprotectedBytes } catch {
            switch error.code {
            case .tooLarge:
                throw VectorFileError(
                    file: path,
                    reason: "input_too_large: more than \(Self.maximumSize) bytes (16 MiB)",
                    code: "input_too_large"
                )
            case .empty: throw VectorFileError(file: path, reason: "cannot be read (empty)", code: "cannot_read")
            case .cannotOpen, .cannotRead:
                throw VectorFileError(file: path, reason: "cannot be read", code: "cannot_read")
            }
        }
        try self.init(name: path, contents: contents)
    }
}

/// Why an element of `vectors` is not a vector, naming the member relative to the vector.
struct VectorShapeError: Error {
    let reason: String
}

extension Vector {
    /// Reads one element of `vectors`: the members `id`, `kind`, `source` (optional), `input` and `expected`,
    /// checked in that order.
    init(json: JSONValue) throws(VectorShapeError) {
        guard let members = json.objectValue else { throw VectorShapeError(reason: "wrong type at the vector itself") }
        func member<T>(_ name: String, _ read: (JSONValue) -> T?) throws(VectorShapeError) -> T {
            guard let value = members[name] else {
                throw VectorShapeError(reason: "missing \"\(name)\" at the vector itself")
            }
            guard let read = read(value) else { throw VectorShapeError(reason: "wrong type at \(name)") }
            return read
        }
        let id = try member("id", \.stringValue)
        let kind = try member("kind", \.stringValue)
        guard let source = JSONValue.optional(members["source"], \.stringValue) else {
            throw VectorShapeError(reason: "wrong type at source")
        }
        let input = try member("input", \.objectValue)
        let expected = try member("expected", \.objectValue)
        self.init(id: id, kind: kind, source: source, input: input, expected: expected)
    }
}

/// An element of a file's `vectors` that is not a vector of format 1: it fails by itself.
public struct MalformedVector: Sendable, Equatable {
    /// Its position in `vectors`, from 0.
    public let index: Int
    /// Its `id`, when it has a readable one.
    public let id: String?
    public let reason: String

    public init(index: Int, id: String?, reason: String) {
        self.index = index
        self.id = id
        self.reason = reason
    }
}

/// A vector file that cannot be run at all.
///
/// Codes: `malformed_file` (not a vector file of JSON), `unsupported_format`, `input_too_large`,
/// `cannot_read`. Errors compare by code only.
public struct VectorFileError: CodedError, Hashable {
    public let file: String
    public let reason: String
    public let errorCode: String

    init(file: String, reason: String, code: String) {
        self.file = file
        self.reason = reason
        self.errorCode = code
    }

    public var description: String { "\(file): \(reason)" }
    /// `code: FILE: reason`.
    public var codedDescription: String { "\(errorCode): \(description)" }

}
