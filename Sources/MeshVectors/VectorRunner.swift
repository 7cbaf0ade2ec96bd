/// Runs conformance vectors: the same code serves `meshkey vectors verify` and the test suite.
public enum VectorRunner {
    /// What happened to one vector.
    public struct Outcome: Sendable {
        public enum Status: Sendable, Equatable {
            case passed
            case failed(String)
            /// The kind is not known to this runner (counted apart, never as a pass).
            case skipped(String)
        }

        public let file: String
        public let id: String
        public let kind: String
        public let status: Status
    }

    /// Totals over a run.
    public struct Summary: Sendable, Equatable {
        public var passed = 0
        public var failed = 0
        public var skipped = 0
        public init() {}

        public mutating func add(_ outcomes: [Outcome]) {
            for outcome in outcomes {
                switch outcome.status {
                case .passed: passed += 1
                case .failed: failed += 1
                case .skipped: skipped += 1
                }
            }
        }

        /// `N passed, M failed, K skipped`.
        public var line: String { "\(passed) passed, \(failed) failed, \(skipped) skipped" }
    }

    typealias Procedure = @Sendable (VectorCheck) throws -> Void

    /// Procedures by kind, and fields each kind may carry without comparing them.
    static let procedures: [String: (procedure: Procedure, informational: Set<String>)] = {
        var table: [String: (Procedure, Set<String>)] = [:]
        for (kind, entry) in UDFProcedures.all { table[kind] = entry }
        for (kind, entry) in ShamirProcedures.all { table[kind] = entry }
        for (kind, entry) in CurveProcedures.all { table[kind] = entry }
        for (kind, entry) in KeyProcedures.all { table[kind] = entry }
        for (kind, entry) in ScalarKeyProcedures.all { table[kind] = entry }
        for (kind, entry) in DeviceProcedures.all { table[kind] = entry }
        for (kind, entry) in VSSProcedures.all { table[kind] = entry }
        return table.mapValues { (procedure: $0.0, informational: $0.1) }
    }()

    /// The kinds this runner implements.
    public static var knownKinds: Set<String> { Set(procedures.keys) }

    /// Runs every vector of a file.
    /// Runs every vector of a file; each malformed entry is one failed outcome (kind `?`).
    public static func run(_ file: VectorFile) -> [Outcome] {
        file.vectors.map { Outcome(file: file.name, id: $0.id, kind: $0.kind, status: run($0)) }
            + file.malformed.map {
                Outcome(
                    file: file.name,
                    id: $0.id ?? "vectors[\($0.index)]",
                    kind: "?",
                    status: .failed("malformed vector (vectors[\($0.index)]): \($0.reason)")
                )
            }
    }

    /// Runs one vector.
    public static func run(_ vector: Vector) -> Outcome.Status {
        guard let entry = procedures[vector.kind] else {
            return .skipped("unknown kind \"\(vector.kind)\"")
        }
        let check = VectorCheck(vector, informational: entry.informational)
        do {
            try entry.procedure(check)
            try check.finish()
            return .passed
        } catch let failure as VectorFailure {
            return .failed(failure.description)
        } catch {
            return .failed("\(error)")
        }
    }
}
