import MeshJSON

private typealias JSON = JSONValue

/// A run of several vector files, as `meshkey vectors verify` and CI systems need it: per-file counts, files
/// that could not be run, the verdict (plain or strict), and the JUnit XML and JSON forms.
public struct VectorReport: Sendable {
    /// One file's result: its outcomes, or why it could not be run at all.
    public struct FileResult: Sendable {
        public let name: String
        public let outcomes: [VectorRunner.Outcome]
        /// Set when the file could not be read or parsed (then `outcomes` is empty).
        public let error: String?

        public var summary: VectorRunner.Summary {
            var summary = VectorRunner.Summary()
            summary.add(outcomes)
            return summary
        }
    }

    public let files: [FileResult]

    /// Reads and runs each file. A file that cannot be run is recorded, not thrown: the others still run.
    public init(paths: [String]) {
        files = paths.map { path in
            do throws(VectorFileError) {
                let file = try VectorFile(path: path)
                return FileResult(name: path, outcomes: VectorRunner.run(file), error: nil)
            } catch {
                return FileResult(name: path, outcomes: [], error: error.reason)
            }
        }
    }

    public init(files: [FileResult]) { self.files = files }

    public var summary: VectorRunner.Summary {
        var summary = VectorRunner.Summary()
        for file in files { summary.add(file.outcomes) }
        return summary
    }

    public var unreadableFiles: Int { files.filter { $0.error != nil }.count }

    /// Skipped vectors by kind (kinds this build does not implement).
    public var skippedKinds: [String: Int] {
        var kinds: [String: Int] = [:]
        for file in files {
            for outcome in file.outcomes { if case .skipped = outcome.status { kinds[outcome.kind, default: 0] += 1 } }
        }
        return kinds
    }

    /// Why the run is not a success, or nil when it is. Plain: a failed vector or a file that could not be
    /// run. Strict adds: any skipped vector, and any file in which nothing passed (an empty file, or one whose
    /// every vector was skipped, proves nothing).
    public func problems(strict: Bool) -> [String] {
        var problems: [String] = []
        let total = summary
        if total.failed > 0 { problems.append("\(total.failed) vector\(total.failed == 1 ? "" : "s") failed") }
        if unreadableFiles > 0 {
            problems.append("\(unreadableFiles) file\(unreadableFiles == 1 ? "" : "s") could not be run")
        }
        guard strict else { return problems }
        if total.skipped > 0 {
            problems.append("\(total.skipped) vector\(total.skipped == 1 ? "" : "s") skipped (--strict)")
        }
        for file in files where file.error == nil && file.summary.passed == 0 {
            problems.append("\(file.name): no vector passed (--strict)")
        }
        return problems
    }

    // MARK: - Machine-readable forms

    /// The run as one JSON object: `{format, passed, failed, skipped, files: [{file, passed, failed, skipped,
    /// error?, failures: [{id, kind, reason}], skips: [{id, kind, reason}]}], ok, strict, problems}`
    /// (Docs/formats.md, vector report format 1).
    public func json(strict: Bool) -> String {
        func counts(_ summary: VectorRunner.Summary) -> [String: JSON] {
            [
                "passed": .number(Double(summary.passed)), "failed": .number(Double(summary.failed)),
                "skipped": .number(Double(summary.skipped)),
            ]
        }
        let fileValues: [JSON] = files.map { file in
            var members = counts(file.summary)
            members["file"] = .string(file.name)
            if let error = file.error { members["error"] = .string(error) }
            var failures: [JSON] = []
            var skips: [JSON] = []
            for outcome in file.outcomes {
                switch outcome.status {
                case .passed: break
                case .failed(let reason):
                    failures.append(
                        .object(["id": .string(outcome.id), "kind": .string(outcome.kind), "reason": .string(reason)])
                    )
                case .skipped(let reason):
                    skips.append(
                        .object(["id": .string(outcome.id), "kind": .string(outcome.kind), "reason": .string(reason)])
                    )
                }
            }
            members["failures"] = .array(failures)
            members["skips"] = .array(skips)
            return .object(members)
        }
        let problems = problems(strict: strict)
        var top = counts(summary)
        top["format"] = .number(1)
        top["files"] = .array(fileValues)
        top["strict"] = .bool(strict)
        top["ok"] = .bool(problems.isEmpty)
        top["problems"] = .array(problems.map { .string($0) })
        return JSON.object(top).pretty() + "\n"
    }

    /// JUnit XML (the common Ant/Surefire schema that CI systems read): one `<testsuite>` per file, one
    /// `<testcase>` per vector; failures as `<failure>`, skipped vectors as `<skipped>` (as `<failure>` under
    /// `strict`), a file that could not be run as an `<error>` case.
    public func junitXML(strict: Bool) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let total = summary
        let totalFailures = total.failed + (strict ? total.skipped : 0)
        let totalSkipped = strict ? 0 : total.skipped
        xml +=
            "<testsuites name=\"meshkey vectors\" tests=\"\(total.passed + total.failed + total.skipped + unreadableFiles)\""
            + " failures=\"\(totalFailures)\" errors=\"\(unreadableFiles)\" skipped=\"\(totalSkipped)\">\n"
        for file in files {
            let summary = file.summary
            let failures = summary.failed + (strict ? summary.skipped : 0)
            let errors = file.error == nil ? 0 : 1
            xml +=
                "  <testsuite name=\"\(Self.escape(file.name))\" tests=\"\(file.outcomes.count + errors)\""
                + " failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(strict ? 0 : summary.skipped)\">\n"
            if let error = file.error {
                xml += "    <testcase classname=\"\(Self.escape(file.name))\" name=\"(file)\">\n"
                xml += "      <error message=\"\(Self.escape(error))\"/>\n    </testcase>\n"
            }
            for outcome in file.outcomes {
                let opening =
                    "    <testcase classname=\"\(Self.escape(file.name)).\(Self.escape(outcome.kind))\" name=\"\(Self.escape(outcome.id))\""
                switch outcome.status {
                case .passed:
                    xml += opening + "/>\n"
                case .failed(let reason):
                    xml += opening + ">\n      <failure message=\"\(Self.escape(reason))\"/>\n    </testcase>\n"
                case .skipped(let reason):
                    let element = strict ? "failure" : "skipped"
                    let message = strict ? "skipped under --strict: \(reason)" : reason
                    xml += opening + ">\n      <\(element) message=\"\(Self.escape(message))\"/>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Text for an XML attribute value; characters XML 1.0 cannot carry become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
