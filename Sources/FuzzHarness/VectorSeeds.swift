import MeshJOSE
import MeshJSON

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the seed corpora take from the conformance vectors (Vectors/*.json): the files, each vector on
/// its own, and every string value they hold (UDFs, shares, hex encodings).
struct VectorSeeds {
    struct Entry {
        let kind: String
        let input: [String: JSONValue]
        let expected: [String: JSONValue]
        /// The vector as a JSON object.
        let json: JSONValue
    }

    /// The raw bytes of each vector file, sorted by name.
    let files: [[UInt8]]
    let vectors: [Entry]
    /// Every string value anywhere in the files, without repeats, in the order met.
    let strings: [String]

    init(directory: String) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        var files: [[UInt8]] = []
        var vectors: [Entry] = []
        var strings: [String] = []
        var seen = Set<String>()
        func collect(_ value: JSONValue) {
            switch value {
            case .string(let text): if seen.insert(text).inserted { strings.append(text) }
            case .array(let items): for item in items { collect(item) }
            case .object(let members): for key in members.keys.sorted() { collect(members[key]!) }
            default: break
            }
        }
        for name in names {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { continue }
            let bytes = [UInt8](data)
            files.append(bytes)
            guard let document = JSONValue.parse(bytes) else { continue }
            for item in document["vectors"]?.arrayValue ?? [] {
                guard let kind = item["kind"]?.stringValue else { continue }
                vectors.append(
                    Entry(
                        kind: kind,
                        input: item["input"]?.objectValue ?? [:],
                        expected: item["expected"]?.objectValue ?? [:],
                        json: item
                    )
                )
                collect(item["input"] ?? .null)
                collect(item["expected"] ?? .null)
            }
        }
        self.files = files
        self.vectors = vectors
        self.strings = strings
    }

    /// The vectors of one kind.
    func vectors(kind: String) -> [Entry] { vectors.filter { $0.kind == kind } }
}
