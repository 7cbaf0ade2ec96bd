#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import MeshCrypto

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

    private struct Header: Decodable { let format: JSONValue? }
    private struct Body: Decodable {
        let suite: String
        let vectors: [Vector]
    }

    /// Parses a file's bytes. A file whose `format` is not 1 is refused as a whole.
    public init(name: String, contents: [UInt8]) throws(VectorFileError) {
        let data = Data(contents)
        let decoder = JSONDecoder()
        let header: Header
        do { header = try decoder.decode(Header.self, from: data) } catch {
            throw VectorFileError(file: name, reason: "not a JSON object: \(Self.describe(error))")
        }
        guard header.format == .integer(Self.supportedFormat) else {
            let shown: String
            switch header.format {
            case .integer(let value)?: shown = String(value)
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
            vectors = body.vectors
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

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context))"
        case DecodingError.dataCorrupted(let context):
            return "invalid JSON\(context.codingPath.isEmpty ? "" : " at \(path(context))")"
        default:
            return "unreadable"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty ? "top level" : context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

/// A vector file that cannot be run at all.
public struct VectorFileError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
}
