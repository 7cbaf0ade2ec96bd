/// A single wrong character of a checked paper form that the line and whole-share checks agree on, and that
/// was corrected: which share (its 1-based position and provenance), the line, the position as printed, and
/// the characters before and after.
public struct ShareCorrection: Sendable, Hashable, CustomStringConvertible {
    /// 1-based position of the share in the input.
    public let share: Int
    /// Where the share came from (`argument 2`, `lines 3–7`), if known.
    public let origin: String?
    /// 1-based line of the checked form.
    public let line: Int
    /// The position as printed on the sheet (`character 7`, dashes counted).
    public let position: String
    /// The character typed.
    public let was: Character
    /// The character the checks agree on.
    public let now: Character

    /// One line for people: `corrected share 2 (argument 2), line 3, character 7: X -> Y (…)`.
    public var description: String {
        "corrected share \(share)\(origin.map { " (\($0))" } ?? ""), line \(line), \(position): \(was) -> \(now) (the checks agree on this one correction)"
    }
}
