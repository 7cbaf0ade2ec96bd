/// The fuzz targets (Fuzz/README.md). Each takes arbitrary bytes, feeds them to one group of parsers and
/// checks what the parsers promise: a refused input is refused with one of the documented errors, an
/// accepted one obeys the documented limits and round-trips. A broken promise is a ``FuzzFailure``.
///
/// The same code runs under libFuzzer (the executables of the Fuzz/ package) and in `make test`, which
/// replays every input kept in Tests/FuzzRegressions/<target>/.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// Base32, data, seed and share UDFs, presentations, paper check codes.
    case udfBase32 = "udf_base32"
    /// Share sets: parsing and recovery, including surplus, mutated and inconsistent sets.
    case shareParseRecover = "share_parse_recover"
    /// Strict JSON, JWE (compact and JSON forms), escrow entries, escrowed key sets, OKP JWKs.
    case jweEscrowEntry = "jwe_escrow_entry"
    /// Key-store entry files and store headers, read through the public `KeyStore` API.
    case keystoreEntry = "keystore_entry"
    /// Point decoding on the four curves, with arithmetic and OpenSSL cross-checks on accepted points.
    case curvePoint = "curve_point"
    /// Conformance-vector files: parsing, and the procedures when their cost is bounded.
    case vectorFile = "vector_file"

    /// Runs one input. Throws when a promise is broken; crashes only if the library does.
    public func run(_ input: [UInt8]) throws(FuzzFailure) {
        switch self {
        case .udfBase32: try UDFFuzz.run(input)
        case .shareParseRecover: try ShareFuzz.run(input)
        case .jweEscrowEntry: try EscrowEntryFuzz.run(input)
        case .keystoreEntry: try KeyStoreEntryFuzz.run(input)
        case .curvePoint: try CurvePointFuzz.run(input)
        case .vectorFile: try VectorFileFuzz.run(input)
        }
    }

    /// Starting inputs, made from the conformance vectors in `vectorsDirectory` and from values the
    /// library produces (shares, sealed entries, JWEs under the targets' fixed test keys).
    public func seeds(vectorsDirectory: String) -> [[UInt8]] {
        let vectors = VectorSeeds(directory: vectorsDirectory)
        switch self {
        case .udfBase32: return UDFFuzz.seeds(vectors)
        case .shareParseRecover: return ShareFuzz.seeds(vectors)
        case .jweEscrowEntry: return EscrowEntryFuzz.seeds(vectors)
        case .keystoreEntry: return KeyStoreEntryFuzz.seeds(vectors)
        case .curvePoint: return CurvePointFuzz.seeds(vectors)
        case .vectorFile: return VectorFileFuzz.seeds(vectors)
        }
    }
}
