public import MeshPaper
import MeshUDF

/// Shares as a person gives them, each text with where it came from: command-line arguments
/// (`argument N`), lines of text (typed shares, the checked paper form, the whole text of sheets as
/// pdftotext or a copy-paste gives it: `line N`, `lines N–M`, `FILE line N`) and the QR codes of scanned
/// images (the image's name). ``checked()`` turns them into plain shares, verifying the paper checks.
public struct ShareInput: Sendable {
    /// One share's text (plain, or the checked form over several lines) and its provenance.
    public struct Item: Sendable {
        /// The share as given (plain, or the checked form's lines joined by line breaks).
        public let text: String
        /// Where it came from: `argument 2`, `FILE line 4`, `lines 3–7`, an image's name.
        public let origin: String

        /// A share's text and where it came from.
        public init(text: String, origin: String) {
            self.text = text
            self.origin = origin
        }
    }

    /// The shares in the order given.
    public private(set) var items: [Item] = []
    /// Notes about the input for people (an image holding a share scanned before, counted once).
    public private(set) var notes: [String] = []

    /// No shares yet.
    public init() {}

    /// These shares, in this order.
    init(items: [Item]) { self.items = items }

    /// Shares given as command-line arguments: `argument 1`, `argument 2`, ….
    public init(arguments: [String]) {
        items = arguments.enumerated().map { Item(text: $1, origin: "argument \($0 + 1)") }
    }

    /// Shares from lines of text, one per line (blank lines skipped), with `line N` origins (`SOURCE line N`
    /// with a source). Lines of the checked form (`…:CC`, or `N  LINE  CC` as the PDF prints it) are gathered
    /// until their `check:` line into one share (`lines N–M`). In the text of a whole sheet (it has a
    /// `check:` line of its own) only the share lines are read; the rest of the sheet is skipped.
    public init(lines: [String], source: String? = nil) {
        let prefix = source.map { "\($0) " } ?? ""
        var pending: [String] = []
        var pendingStart = 0
        func flush(_ last: Int) {
            guard !pending.isEmpty else { return }
            items.append(Item(text: pending.joined(separator: "\n"), origin: "\(prefix)lines \(pendingStart)–\(last)"))
            pending = []
        }
        var lastNumber = 0
        let sheetText = lines.contains(where: PaperCheck.isWholeCheckLine)
        var afterUDFText = false
        for (index, line) in lines.enumerated() where !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
            let number = index + 1
            lastNumber = number
            let whole = PaperCheck.isWholeCheckLine(line)
            if whole
                || (sheetText
                    ? PaperCheck.isSheetShareLine(line, continuing: !pending.isEmpty) : PaperCheck.isCheckedForm(line))
            {
                afterUDFText = false
                if pending.isEmpty { pendingStart = number }
                pending.append(line)
                if whole { flush(number) }
            } else if sheetText
                && (!PaperCheck.isPlainShare(line) || afterUDFText) && !PaperCheck.isCheckedForm(line, whole: true)
            {
                // A sheet's other lines are skipped, and so is a plain-share look-alike that goes on from
                // a UDF printed over two lines (the set identifier's second line can begin with `S…`).
                afterUDFText = Self.isUDFText(line)
                continue
            } else {
                afterUDFText = false
                flush(index)
                items.append(Item(text: line, origin: "\(prefix)line \(number)"))
            }
        }
        flush(lastNumber)
    }

    /// A line that is one UDF-like token (Base32 and dashes): a UDF, or part of one printed over two lines.
    static func isUDFText(_ line: String) -> Bool {
        let tokens = PaperCheck.normalized(line).split(whereSeparator: { $0 == " " || $0 == "\r" })
        guard tokens.count == 1, tokens[0].count >= 8 else { return false }
        return tokens[0].allSatisfy {
            $0 == "-" || ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("2"..."7").contains($0)
        }
    }

    /// The shares read from QR codes (MeshPaper's ``ScannedShares``), named by their image; a note for each
    /// image that held a share found before.
    public init(scanned: ScannedShares) {
        items = zip(scanned.texts, scanned.origins).map { Item(text: $0, origin: $1) }
        notes = scanned.repeats.map { "\($0): the same share as an earlier image, counted once" }
    }

    /// Scans the QR codes of the images at `paths` (PNG or JPEG; `-` is standard input), as
    /// ``init(scanned:)``; an image without a code or that cannot be read is refused (`scan_failed`, or the
    /// image's own code such as `image_too_large`).
    public init(scanning paths: [String]) throws(ShareInputError) {
        do { self.init(scanned: try ScannedShares(scanning: paths)) } catch {
            throw ShareInputError(error.code ?? "scan_failed", error.description)
        }
    }

    /// The shares of both, `self`'s first.
    public static func + (lhs: ShareInput, rhs: ShareInput) -> ShareInput {
        var joined = lhs
        joined.items += rhs.items
        joined.notes += rhs.notes
        return joined
    }

    /// Whether no share was given.
    public var isEmpty: Bool { items.isEmpty }
    /// How many shares were given.
    public var count: Int { items.count }

    /// How many distinct shares there are and the threshold the first readable share states, when there
    /// are fewer than that threshold (more must be typed); nil when there are enough or none can be read.
    public var shortOfThreshold: (found: Int, threshold: Int)? {
        let texts = items.map(\.text)
        guard let threshold = texts.lazy.compactMap({ try? ShareUDF.parse($0).threshold }).first,
            Set(texts).count < threshold
        else { return nil }
        return (texts.count, threshold)
    }

    /// The plain shares: each share in the checked form is verified against its check codes and replaced by
    /// its plain text; a single wrong character the checks agree on is corrected and reported in
    /// ``CheckedShares/corrections``. A check that fails is refused (`check_mismatch`, naming the share, its
    /// lines and its provenance; the error keeps the corrections made before it).
    public func checked() throws(ShareInputError) -> CheckedShares {
        var texts: [String] = []
        var corrections: [ShareCorrection] = []
        for (index, item) in items.enumerated() {
            guard PaperCheck.isCheckedForm(item.text) else {
                texts.append(item.text)
                continue
            }
            do {
                switch try PaperCheck.verify(item.text) {
                case .valid(let share):
                    texts.append(share)
                case .corrected(let share, let line, let character, let was, let now):
                    texts.append(share)
                    corrections.append(
                        ShareCorrection(
                            share: index + 1,
                            origin: item.origin,
                            line: line,
                            position: PaperCheck.printedPosition(share: share, line: line, character: character),
                            was: was,
                            now: now
                        )
                    )
                }
            } catch {
                let lines =
                    error.lines.isEmpty
                    ? ""
                    : ", line\(error.lines.count == 1 ? "" : "s") "
                        + error.lines.map(String.init).joined(separator: ", ")
                var refusal = ShareInputError(
                    "check_mismatch",
                    "share \(index + 1)\(lines) (\(item.origin)): \(error.reason)"
                )
                refusal.corrections = corrections
                throw refusal
            }
        }
        return CheckedShares(texts: texts, origins: items.map(\.origin), corrections: corrections)
    }
}
