#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MeshCrypto
public import MeshJSON

/// One conformance vector (format 1, see Vectors/README.md).
public struct Vector: Sendable, Decodable {
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

    private struct Header: Decodable { let format: JSONValue? }
    private struct Body: Decodable {
        let suite: String
        let vectors: [Entry]
    }

    /// One element of `vectors`: a vector, or why it is not one.
    private enum Entry: Decodable {
        case vector(Vector)
        case malformed(MalformedVector)

        private struct Identified: Decodable { let id: String? }

        init(from decoder: any Decoder) throws {
            do {
                self = .vector(try Vector(from: decoder))
            } catch {
                let id = (try? Identified(from: decoder))?.id
                let index = decoder.codingPath.last?.intValue ?? 0
                self = .malformed(MalformedVector(index: index, id: id, reason: VectorFile.describe(error, below: decoder.codingPath.count)))
            }
        }
    }

    /// Parses a file's bytes. A file whose `format` is not 1 is refused as a whole.
    public init(name: String, contents: [UInt8]) throws(VectorFileError) {
        let data = Data(contents)
        let decoder = JSONDecoder()
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            throw VectorFileError(file: name, reason: "not a JSON object: \(Self.describe(error))")
        }
        guard header.format?.integerValue == Self.supportedFormat else {
            let shown: String
            switch header.format {
            case let value? where value.integerValue != nil: shown = String(value.integerValue!)
            case .string(let value)?: shown = "\"\(value)\""
            case nil: shown = "missing"
            case let other?: shown = "a JSON \(other.typeName)"
            }
            throw VectorFileError(file: name, reason: "unsupported format (\(shown)); this runner reads format 1")
        }
        do {
            let body = try decoder.decode(Body.self, from: data)
            self.name = name
            suite = body.suite
            vectors = body.vectors.compactMap { if case .vector(let vector) = $0 { vector } else { nil } }
            malformed = body.vectors.compactMap { if case .malformed(let entry) = $0 { entry } else { nil } }
        } catch {
            throw VectorFileError(file: name, reason: "malformed vector file: \(Self.describe(error))")
        }
    }

    /// The largest vector file read: 16 MiB (the shipped files are under 200 KB).
    public static let maximumSize = SecureFile.inputLimit

    /// Reads and parses a file (`-`: standard input), of at most ``maximumSize`` bytes.
    public init(path: String) throws(VectorFileError) {
        let contents: [UInt8]
        do { contents = try SecureFile.read(path: path, maximumCount: Self.maximumSize).unprotectedBytes } catch {
            switch error.code {
            case .tooLarge: throw VectorFileError(file: path, reason: "input_too_large: more than \(Self.maximumSize) bytes (16 MiB)")
            case .empty: throw VectorFileError(file: path, reason: "cannot be read (empty)")
            case .cannotOpen, .cannotRead: throw VectorFileError(file: path, reason: "cannot be read")
            }
        }
        try self.init(name: path, contents: contents)
    }

    /// What is wrong, with the path of the offending member; `below` drops that many leading path components
    /// (a malformed vector names its members relative to itself).
    fileprivate static func describe(_ error: any Error, below: Int = 0) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context, below: below))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context, below: below))"
        case DecodingError.dataCorrupted(let context):
            return "invalid JSON\(context.codingPath.count <= below ? "" : " at \(path(context, below: below))")"
        default:
            return "unreadable"
        }
    }

    private static func path(_ context: DecodingError.Context, below: Int) -> String {
        let components = context.codingPath.dropFirst(below)
        if components.isEmpty { return below == 0 ? "top level" : "the vector itself" }
        return components.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
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
public struct VectorFileError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
}
