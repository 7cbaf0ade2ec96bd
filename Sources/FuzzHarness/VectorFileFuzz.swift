import MeshJOSE
import MeshJSON
import MeshVectors

/// `vector_file`: the input as a conformance-vector file (format 1, Vectors/README.md). A file that parses
/// has its vectors run through `VectorRunner`, as `meshkey vectors verify` does, when their cost is
/// bounded (see ``isBounded(_:)``): a vector may pass or fail, and only an unknown kind may be skipped.
enum VectorFileFuzz {
    /// Vectors run per input, at most.
    static let runLimit = 8

    static func run(_ input: [UInt8]) throws(FuzzFailure) {
        let parsed = Result { () throws(VectorFileError) in try VectorFile(name: "fuzz input", contents: input) }
        switch parsed {
        case .failure(let error):
            try expect(error.file == "fuzz input" && !error.reason.isEmpty, "a refused file is not named with a reason")
        case .success(let file):
            try expect(file.name == "fuzz input", "the file lost its name")
            for vector in file.vectors.prefix(runLimit) where isBounded(vector) {
                let status = VectorRunner.run(vector)
                let known = VectorRunner.knownKinds.contains(vector.kind)
                if case .skipped = status {
                    try expect(!known, "a vector of the known kind \(vector.kind) was skipped")
                } else {
                    try expect(known, "a vector of the unknown kind \(vector.kind) was run")
                }
            }
        }
    }

    /// Whether the vector's procedure has bounded cost: no iterated X25519 / X448 (up to 1000 ladders) and
    /// at most 16 items in an input list (every threshold-sized subset of the shares is recovered). The
    /// procedures bound the rest themselves (secret lengths 1–64, at most 16 shares).
    static func isBounded(_ vector: Vector) -> Bool {
        for (name, value) in vector.input {
            switch (name, value) {
            case ("iterations", let n) where (n.integerValue ?? 0) > 1: return false
            case (_, .array(let items)) where items.count > 16: return false
            default: continue
            }
        }
        return true
    }

    // MARK: Seeds

    /// Each vector alone in a file, and the vectors of each kind together (when small).
    static func seeds(_ vectors: VectorSeeds) -> [[UInt8]] {
        func file(_ items: [VectorSeeds.Entry]) -> [UInt8] {
            Array(
                JSONValue.object([
                    "suite": .string("fuzz"), "format": .number(1), "description": .string("seed"),
                    "vectors": .array(items.map(\.json)),
                ]).serialized.utf8
            )
        }
        var seeds = vectors.vectors.map { file([$0]) }
        for kind in Set(vectors.vectors.map(\.kind)).sorted() {
            let together = file(vectors.vectors(kind: kind))
            if together.count <= 16_384 { seeds.append(together) }
        }
        return seeds
    }
}
