public import MeshEscrow
public import MeshUDF

/// Plain share texts (paper checks verified) with where each came from, and the corrections made: the input
/// of recovery and of the share upkeep operations, whose refusals name the share with its provenance.
public struct CheckedShares: Sendable {
    /// The plain share texts, in the order given.
    public let texts: [String]
    /// Where each came from (`argument 2`, `lines 3–7`, an image's name), index for index.
    public let origins: [String]
    /// The single-character corrections the paper checks agreed on.
    public let corrections: [ShareCorrection]

    /// Plain share texts and their provenance (index for index), with the corrections made to them.
    public init(texts: [String], origins: [String], corrections: [ShareCorrection] = []) {
        self.texts = texts
        self.origins = origins
        self.corrections = corrections
    }

    /// Whether no share was given.
    public var isEmpty: Bool { texts.isEmpty }

    /// The shares as one set (parsed, validated and, with a document, each verified against it first).
    public func shareSet(verifiedBy document: CommitmentDocument? = nil) throws(ShareInputError) -> ShareSet {
        do { return try ShareSet.parse(texts, verifiedBy: document) } catch { throw refusal(error) }
    }

    /// Each share parsed on its own (no set rules): a malformed one is named with its provenance.
    public func shares() throws(ShareInputError) -> [ShareUDF] {
        var parsed: [ShareUDF] = []
        for (index, text) in texts.enumerated() {
            do { parsed.append(try ShareUDF.parse(text)) } catch {
                throw refused(error.code.name, "share \(index + 1)\(origin(index)): \(error.reason)")
            }
        }
        return parsed
    }

    /// Each share checked alone against the set's commitment document (no other share needed).
    public func verifyEach(against document: CommitmentDocument) throws(ShareInputError) -> [ShareUDF] {
        let parsed = try shares()
        for (index, share) in parsed.enumerated() {
            do { try document.verify(share, position: index + 1) } catch { throw refusal(error) }
        }
        return parsed
    }

    /// A share set's refusal as one line: the code, the share with where it came from, the reason.
    public func refusal(_ error: ShareError) -> ShareInputError {
        func name(_ share: ShareError.ShareReference) -> String {
            var details: [String] = []
            if share.position - 1 < origins.count { details.append(origins[share.position - 1]) }
            if let x = share.x { details.append("x=\(x)") }
            return "share \(share.position)" + (details.isEmpty ? "" : " (\(details.joined(separator: ", ")))")
        }
        let reason: String
        if error.code == .inconsistentShares, !error.culprits.isEmpty {
            let verb = error.culprits.count == 1 ? "does" : "do"
            reason =
                "\(error.culprits.map(name).joined(separator: ", ")) \(verb) not match the other shares (mistyped, or from another set)"
        } else if let share = error.share {
            reason = "\(name(share)): \(error.reason)"
        } else {
            reason = error.reason
        }
        return refused(error.code.name, reason, shareError: error)
    }

    func origin(_ index: Int) -> String { index < origins.count ? " (\(origins[index]))" : "" }

    /// An error carrying this input's corrections.
    func refused(_ code: String, _ reason: String, shareError: ShareError? = nil) -> ShareInputError {
        var error = ShareInputError(code, reason, shareError: shareError)
        error.corrections = corrections
        return error
    }
}
