public import MeshCrypto

/// Check codes for a share written on paper (formats.md, "Paper sheets and check codes").
///
/// The share string itself is unchanged. Its Base32 characters (dashes removed) are cut into lines of
/// 16 characters; every line gets a 2-character line check, the whole share a 4-character check:
///
///     SARP-IOIN-ZN5Z-H55S:K7
///     YNAM-OIQT-LKOU-YUN2:QD
///     ...
///     check:ABCD
///
/// Over GF(32) (x^5 + x^3 + 1, α = 2, the Base32 value of a character is its symbol), line ℓ (0-based)
/// of the share with x-coordinate x is the word
///
///     w = [x − 1, ℓ, d₀ … d_{k−1}, c₀, c₁]         (k ≤ 16, n = k + 4 ≤ 20 symbols)
///
/// read as the polynomial W(z) = Σ wᵢ z^{n−1−i}. The two header symbols are never written. The line check
/// c₀c₁ makes W(α) = W(α²) = 0 (a Reed–Solomon code, distance 3: any 1 or 2 wrong characters in a line
/// and its check are detected by that line). The whole check is Tⱼ = Σ_ℓ W_ℓ(α^j) for j = 3, 4, 5, 6.
/// Any ≤ 4 wrong characters anywhere (lines, line checks, whole check) are detected: errors that pass
/// every line check lie in one line (3 or 4 of them), and there the six syndromes S₁…S₆ of a length ≤ 31
/// Reed–Solomon code leave at least two of T₃…T₆ changed.
public enum PaperCheck {
    public static let lineLength = 16

    /// A share split into its printed lines with their checks.
    public struct Sheet: Sendable, Equatable {
        /// Base32 characters of each line, no dashes.
        public let lines: [String]
        /// The 2-character check of each line.
        public let lineChecks: [String]
        /// The 4-character whole-share check.
        public let check: String

        /// Each line dashed in groups of 4.
        public var dashedLines: [String] { lines.map(PaperCheck.dashed) }

        /// The typed text form: `SAQC-YE5R-BE3C-37IF:K7` per line, then `check:ABCD`.
        public var textLines: [String] {
            zip(dashedLines, lineChecks).map { "\($0):\($1)" } + ["check:\(check)"]
        }
    }

    /// What checking a typed sheet found.
    public enum Outcome: Sendable, Equatable {
        /// Everything matches: the plain share string (dashed).
        case valid(share: String)
        /// One character was wrong and has been corrected (1-based line and character within the line's
        /// 18 characters: 16 share characters then 2 check characters).
        case corrected(share: String, line: Int, character: Int, was: Character, now: Character)
    }

    /// Why a share in the checked form was refused: its checks do not match, or it is not well formed.
    ///
    /// Code: `check_mismatch`. Errors compare by code only.
    public struct CheckError: CodedError, Hashable {
        /// 1-based line numbers that fail their line check (empty when only the whole check fails).
        public let lines: [Int]
        public let reason: String
        public var description: String { reason }
        public var errorCode: String { "check_mismatch" }

    }

    // MARK: Encoding

    /// The sheet of a share (x from the share itself, 1…16).
    public static func sheet(share: String, x: Int) -> Sheet {
        let symbols = share.uppercased().compactMap { alphabetValue($0) }
        var lines: [String] = []
        var checks: [String] = []
        var total = [UInt8](repeating: 0, count: 4)
        for (index, start) in stride(from: 0, to: symbols.count, by: lineLength).enumerated() {
            let data = Array(symbols[start..<min(start + lineLength, symbols.count)])
            let lineCheck = check(line: data, x: x, index: index)
            lines.append(text(data))
            checks.append(text(lineCheck))
            let syndromes = highSyndromes(word(data, lineCheck, x: x, index: index))
            for j in 0..<4 { total[j] ^= syndromes[j] }
        }
        return Sheet(lines: lines, lineChecks: checks, check: text(total))
    }

    // MARK: Parsing and checking

    /// Whether `text` looks like the checked form: it has a `:` or a `check` word (what the PDF sheet
    /// shows, `check: ABCD`); a plain share has neither.
    public static func isCheckedForm(_ text: String) -> Bool {
        let plain = normalized(text)
        return plain.contains(":") || tokens(plain).contains { $0.lowercased() == "check" }
    }

    /// Whether `text` is a whole checked share on its own (`whole`): at least one line and its check, then
    /// the word `check` and 4 Base32 characters at its end.
    public static func isCheckedForm(_ text: String, whole: Bool) -> Bool {
        guard whole else { return isCheckedForm(text) }
        let words = tokens(normalized(text))
        return words.count >= 4 && words[words.count - 2].lowercased() == "check"
            && words[words.count - 1].count == 4 && words[words.count - 1].allSatisfy { alphabetValue($0) != nil }
    }

    /// Whether one line of text is the whole-share check line (`check:ABCD`, `check: ABCD`).
    public static func isWholeCheckLine(_ line: String) -> Bool {
        tokens(normalized(line)).first?.lowercased() == "check"
    }

    /// Whether one line of text is a share line exactly as a sheet prints it: an optional line number,
    /// the line in dashed groups of 4, then its 2-character check after a `:` or spaces
    /// (`1  SAYE-P463-EPTT-OVOJ   MS`, `SAYE-P463-EPTT-OVOJ:MS`).
    public static func isPrintedShareLine(_ line: String) -> Bool {
        var parts = tokens(normalized(line))
        if parts.count == 3, parts[0].count <= 2, parts[0].allSatisfy(\.isASCIIDigitCharacter) { parts.removeFirst() }
        guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy({ alphabetValue($0) != nil }) else {
            return false
        }
        let groups = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        return groups.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { alphabetValue($0) != nil } }
            && groups.dropLast().allSatisfy { $0.count == 4 }
    }

    /// Whether one line of a sheet's whole text (as `pdftotext` or a copy-paste gives it) belongs to a
    /// share: a printed share line, or one with typos in it (an optional line number, then a dashed line
    /// and one more word). `pdftotext` without `-layout` puts the line number, the line and its check on
    /// lines of their own: a line number alone starts a share too, and within a share (`continuing`) a
    /// line of one word (a dashed line, a check, a number) continues it. Other text of the sheet (title,
    /// identifier, instructions) is not a share line.
    public static func isSheetShareLine(_ line: String, continuing: Bool = false) -> Bool {
        if isPrintedShareLine(line) { return true }
        var parts = tokens(normalized(line))
        if parts.count == 1, parts[0].count <= 2, parts[0].allSatisfy(\.isASCIIDigitCharacter) { return true }
        if continuing, parts.count == 1 {
            return parts[0].allSatisfy { $0 == "-" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        }
        if parts.count == 3, parts[0].count <= 2, parts[0].allSatisfy(\.isASCIIDigitCharacter) { parts.removeFirst() }
        return parts.count == 2 && parts[0].contains("-") && parts[0].count >= 12
    }

    /// Whether one line of a sheet's whole text is a plain share string (one word of Base32 characters
    /// and dashes starting with `S`), which is then read as a share of its own.
    public static func isPlainShare(_ line: String) -> Bool {
        let parts = tokens(normalized(line))
        guard parts.count == 1, let first = parts[0].first, first == "S" || first == "s" else { return false }
        return parts[0].count >= 8 && parts[0].allSatisfy { $0 == "-" || alphabetValue($0) != nil }
    }

    /// What a PDF copy-paste or a word processor puts in place of the printed characters, mapped back:
    /// dash look-alikes (U+2010–U+2015, U+2212, U+FE58, U+FE63, U+FF0D) to `-`, Unicode spaces (U+00A0,
    /// U+2000–U+200A, U+202F, U+205F, U+3000, tab) to a space, the full-width colon and Latin letters and
    /// digits to ASCII; zero-width characters and soft hyphens (U+200B–U+200D, U+2060, U+FEFF, U+00AD) are dropped.
    public static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: out.append("-")
            case 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: out.append(" ")
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD: continue
            case 0xFF1A, 0xFE55, 0xFE13: out.append(":")
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: out.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Words of `text`: white space, line ends and `:` separate them.
    static func tokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == ":" || $0 == "\r\n" })
            .map(String.init)
    }

    /// Checks a typed sheet: each line then its 2-character check (after a `:` or white space; dashes
    /// allowed inside the line), lines separated by white space or line ends, then `check:CCCC` or
    /// `check: CCCC`. Line numbers copied from the sheet are skipped; PDF copy-paste look-alikes are read as
    /// what they stand for (`normalized`). `x` is read from the share's second and third characters. Strict:
    /// every line but the last has 16 characters, every line a 2-character check, one final check.
    public static func verify(_ input: String) throws(CheckError) -> Outcome {
        let words = tokens(normalized(input))
        guard let keyword = words.lastIndex(where: { $0.lowercased() == "check" }), keyword == words.count - 2 else {
            throw CheckError(
                lines: [],
                reason: "the checked form ends with check: XXXX (the whole-share check is missing)"
            )
        }
        let whole = try symbols(words[keyword + 1], what: "the whole-share check")
        guard whole.count == 4 else {
            throw CheckError(lines: [], reason: "the whole-share check has \(whole.count) characters, not 4")
        }
        var lines: [[UInt8]] = []
        var checks: [[UInt8]] = []
        var index = 0
        let body = Array(words[..<keyword])
        while index < body.count {
            let number = lines.count + 1
            // A number of at most 2 digits is a line number from the sheet when a line and its check follow
            // (or when it stands right before `check`).
            let rest = body.count - index - 1
            if body[index].count <= 2, body[index].allSatisfy(\.isASCIIDigitCharacter), rest >= 2 || rest == 0 {
                index += 1
                continue
            }
            guard index + 1 < body.count else {
                throw CheckError(lines: [], reason: "line \(number) has no 2-character check after it")
            }
            let data = try symbols(body[index], what: "line \(number)")
            let lineCheck = try symbols(body[index + 1], what: "the check of line \(number)")
            guard lineCheck.count == 2 else {
                throw CheckError(
                    lines: [],
                    reason: "line \(number): its check has \(lineCheck.count) characters, not 2"
                )
            }
            lines.append(data)
            checks.append(lineCheck)
            index += 2
        }
        guard !lines.isEmpty else { throw CheckError(lines: [], reason: "no share lines before check:") }
        for (index, data) in lines.enumerated()
        where data.count != lineLength && index != lines.count - 1 || data.isEmpty {
            throw CheckError(
                lines: [],
                reason:
                    "line \(index + 1) has \(data.count) characters, not \(lineLength) (a character missing or extra)"
            )
        }
        guard lines[0].count >= 4 else {
            throw CheckError(lines: [], reason: "line 1 is too short for a share")
        }
        // x is in the share (characters 3 and 4), and in every line's check. With a typo there the
        // written x fails every line; the x under which the fewest lines fail is the one reported, and a
        // correction is accepted only when the corrected share carries the x it was checked under.
        let written = xField(lines[0])
        if let share = consistent(lines, checks, x: written, whole: whole) { return .valid(share: share) }
        var x = written
        var fewest = failingLines(lines, checks, x: written).count
        for candidate in [written] + (1...16).filter({ $0 != written }) {
            let failingHere = failingLines(lines, checks, x: candidate)
            if failingHere.count < fewest {
                fewest = failingHere.count
                x = candidate
            }
            guard failingHere.count == 1 else { continue }
            if let corrected = correct(lines, checks, line: failingHere[0], x: candidate, whole: whole) {
                return corrected
            }
        }
        let failing = failingLines(lines, checks, x: x).map { $0 + 1 }
        if failing.isEmpty {
            throw CheckError(
                lines: [],
                reason:
                    "every line check matches but the whole-share check does not (a typo in check:\(text(whole)), or several in one line)"
            )
        }
        throw CheckError(
            lines: failing,
            reason: failing.count == 1
                ? "the line does not match its check (a typo in the line or in its 2-character check)"
                : "these lines do not match their checks (a typo in each line or in its 2-character check)"
        )
    }

    /// One typed line of the checked form, as a sheet prints it: the line number (if typed), the line
    /// (dashes allowed) and its 2-character check (`1  SAYE-P463-EPTT-OVOJ   MS`, `SAYE-P463-EPTT-OVOJ:MS`).
    public struct TypedLine: Sendable, Equatable {
        /// The line number typed before the line, if any.
        public let number: Int?
        /// The line's Base32 characters, no dashes.
        public let line: String
        /// Its 2-character check.
        public let check: String
        /// 1-based position of a character the line check corrected (of the line's characters then its 2
        /// check characters), with the characters typed and corrected; nil when the line matched.
        public let correction: (character: Int, was: Character, now: Character)?

        /// The line in the typed text form, `SAQC-YE5R-BE3C-37IF:K7`.
        public var textForm: String { "\(PaperCheck.dashed(line)):\(check)" }

        public static func == (lhs: TypedLine, rhs: TypedLine) -> Bool {
            lhs.number == rhs.number && lhs.line == rhs.line && lhs.check == rhs.check
                && lhs.correction?.character == rhs.correction?.character
        }
    }

    /// Checks one typed line of the checked form on its own: line `index` (0-based) of the share whose x is
    /// `x` (nil for the first line, whose characters 3 and 4 hold it). A single wrong character the line
    /// check locates in a line of 16 characters is corrected (for the first line only when the corrected line carries the x it was
    /// checked under) and reported in ``TypedLine/correction``; a line that does not match its check, or
    /// is not a line and a 2-character check, is refused (`check_mismatch`, `lines` = [index + 1]).
    public static func verifyLine(_ typed: String, index: Int, x: Int?) throws(CheckError) -> TypedLine {
        let number = index + 1
        var words = tokens(normalized(typed))
        var typedNumber: Int?
        if words.count == 3, words[0].count <= 2, words[0].allSatisfy(\.isASCIIDigitCharacter) {
            typedNumber = Int(words.removeFirst())
        }
        guard words.count == 2 else {
            throw CheckError(
                lines: [number],
                reason: "not a line of the checked form (type the line and its 2-character check as printed)"
            )
        }
        var data = try symbols(words[0], what: "the line")
        var lineCheck = try symbols(words[1], what: "its check")
        guard lineCheck.count == 2 else {
            throw CheckError(lines: [number], reason: "its check has \(lineCheck.count) characters, not 2")
        }
        guard data.count <= lineLength, data.count >= (index == 0 ? 4 : 1) else {
            throw CheckError(
                lines: [number],
                reason: "it has \(data.count) characters, not \(lineLength) (a character missing or extra)"
            )
        }
        let written = x ?? xField(data)
        func matches(_ x: Int) -> Bool {
            let full = word(data, lineCheck, x: x, index: index)
            return evaluate(full, at: 1) == 0 && evaluate(full, at: 2) == 0
        }
        if matches(written) {
            return TypedLine(number: typedNumber, line: text(data), check: text(lineCheck), correction: nil)
        }
        // A short line that fails is most likely missing a character (only the last line is short): no
        // correction is offered for it.
        guard data.count == lineLength else {
            throw CheckError(
                lines: [number],
                reason:
                    "the line does not match its check; it has \(data.count) characters (only the last line has fewer than \(lineLength): a character missing?)"
            )
        }
        for candidate in x.map({ [$0] }) ?? [written] + (1...16).filter({ $0 != written }) {
            guard let fix = singleError(data, lineCheck, x: candidate, index: index) else { continue }
            var fixedData = data
            var fixedCheck = lineCheck
            if fix.position < data.count {
                fixedData[fix.position] ^= fix.magnitude
            } else {
                fixedCheck[fix.position - data.count] ^= fix.magnitude
            }
            guard x != nil || xField(fixedData) == candidate else { continue }
            let before = fix.position < data.count ? data[fix.position] : lineCheck[fix.position - data.count]
            data = fixedData
            lineCheck = fixedCheck
            return TypedLine(
                number: typedNumber,
                line: text(data),
                check: text(lineCheck),
                correction: (fix.position + 1, character(before), character(before ^ fix.magnitude))
            )
        }
        throw CheckError(
            lines: [number],
            reason: "the line does not match its check (a typo in the line or in its 2-character check)"
        )
    }

    /// The x a share's first line states (characters 3 and 4), nil when it is too short.
    public static func x(ofFirstLine line: String) -> Int? {
        let data = line.compactMap { alphabetValue($0) }
        return data.count >= 4 ? xField(data) : nil
    }

    /// The threshold a share's first line states (the high nibble of its second byte: the last 2 bits of
    /// character 2 and the first 2 of character 3), nil when it is too short.
    public static func threshold(ofFirstLine line: String) -> Int? {
        let data = line.compactMap { alphabetValue($0) }
        return data.count >= 3 ? Int((data[1] & 0x3) << 2 | data[2] >> 3) : nil
    }

    /// Where a single wrong character of line `index` would be (index into data ‖ check) and what to add
    /// there, from the line's two syndromes; nil when they do not point at one character.
    private static func singleError(
        _ data: [UInt8],
        _ lineCheck: [UInt8],
        x: Int,
        index: Int
    )
        -> (position: Int, magnitude: UInt8)?
    {
        let full = word(data, lineCheck, x: x, index: index)
        let s1 = evaluate(full, at: 1)
        let s2 = evaluate(full, at: 2)
        guard s1 != 0, s2 != 0 else { return nil }
        let n = full.count
        let locator = GF32.divide(s2, s1)  // α^p for the symbol at index n − 1 − p
        guard let p = GF32.log(locator), p < n, n - 1 - p >= 2 else { return nil }
        return (n - 1 - p - 2, GF32.divide(GF32.multiply(s1, s1), s2))
    }

    /// x as written in a share's first line (characters 3 and 4: the low nibble of its second byte).
    private static func xField(_ line: [UInt8]) -> Int { Int(((line[2] & 0x7) << 1) | (line[3] >> 4)) + 1 }

    /// One wrong character in line `index` (0-based), located from the line's two syndromes; accepted
    /// only when every check then holds and the share's x is `x`.
    private static func correct(
        _ lines: [[UInt8]],
        _ checks: [[UInt8]],
        line index: Int,
        x: Int,
        whole: [UInt8]
    ) -> Outcome? {
        guard let (position, magnitude) = singleError(lines[index], checks[index], x: x, index: index) else {
            return nil
        }
        var data = lines[index]
        var lineCheck = checks[index]
        let before: UInt8
        if position < data.count {
            before = data[position]
            data[position] ^= magnitude
        } else {
            before = lineCheck[position - data.count]
            lineCheck[position - data.count] ^= magnitude
        }
        var fixedLines = lines
        var fixedChecks = checks
        fixedLines[index] = data
        fixedChecks[index] = lineCheck
        guard xField(fixedLines[0]) == x, let share = consistent(fixedLines, fixedChecks, x: x, whole: whole) else {
            return nil
        }
        return .corrected(
            share: share,
            line: index + 1,
            character: position + 1,
            was: character(before),
            now: character(before ^ magnitude)
        )
    }

    /// 0-based indices of the lines that fail their check under `x`.
    private static func failingLines(_ lines: [[UInt8]], _ checks: [[UInt8]], x: Int) -> [Int] {
        lines.indices.filter { index in
            let full = word(lines[index], checks[index], x: x, index: index)
            return evaluate(full, at: 1) != 0 || evaluate(full, at: 2) != 0
        }
    }

    /// The share text when every check holds.
    private static func consistent(_ lines: [[UInt8]], _ checks: [[UInt8]], x: Int, whole: [UInt8]) -> String? {
        var total = [UInt8](repeating: 0, count: 4)
        for (index, data) in lines.enumerated() {
            let full = word(data, checks[index], x: x, index: index)
            guard evaluate(full, at: 1) == 0, evaluate(full, at: 2) == 0 else { return nil }
            let high = highSyndromes(full)
            for j in 0..<4 { total[j] ^= high[j] }
        }
        return total == whole ? dashed(text(lines.flatMap { $0 })) : nil
    }

    // MARK: Code

    static func word(_ data: [UInt8], _ lineCheck: [UInt8], x: Int, index: Int) -> [UInt8] {
        [UInt8((x - 1) & 31), UInt8(index & 31)] + data + lineCheck
    }

    /// W(α^j) by Horner's rule.
    static func evaluate(_ word: [UInt8], at j: Int) -> UInt8 {
        let point = GF32.power(j)
        var value: UInt8 = 0
        for symbol in word { value = GF32.multiply(value, point) ^ symbol }
        return value
    }

    static func highSyndromes(_ word: [UInt8]) -> [UInt8] { (3...6).map { evaluate(word, at: $0) } }

    /// c₀c₁ so that W(α) = W(α²) = 0: the remainder of M(z)·z² modulo g(z) = (z − α)(z − α²).
    static func check(line data: [UInt8], x: Int, index: Int) -> [UInt8] {
        let a1 = GF32.power(1)
        let a2 = GF32.power(2)
        let g1 = a1 ^ a2
        let g0 = GF32.multiply(a1, a2)  // g(z) = z² + g1 z + g0 (characteristic 2)
        var r0: UInt8 = 0
        var r1: UInt8 = 0
        for symbol in word(data, [], x: x, index: index) {
            let feedback = symbol ^ r1
            r1 = r0 ^ GF32.multiply(feedback, g1)
            r0 = GF32.multiply(feedback, g0)
        }
        return [r1, r0]
    }

    // MARK: Characters

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func alphabetValue(_ character: Character) -> UInt8? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case 65...90: return ascii - 65
        case 97...122: return ascii - 97
        case 50...55: return ascii - 50 + 26
        default: return nil
        }
    }

    static func character(_ symbol: UInt8) -> Character { alphabet[Int(symbol)] }

    static func text(_ symbols: [UInt8]) -> String { String(symbols.map(character)) }

    static func dashed(_ plain: String) -> String {
        var out = ""
        for (index, character) in plain.enumerated() {
            if index > 0 && index % 4 == 0 { out.append("-") }
            out.append(character)
        }
        return out
    }

    /// Base32 symbols of `text`, dashes skipped, anything else refused (its position counts the
    /// characters as written, dashes included).
    private static func symbols(_ text: String, what: String) throws(CheckError) -> [UInt8] {
        var out: [UInt8] = []
        for (position, character) in text.enumerated() where character != "-" {
            guard let value = alphabetValue(character) else {
                throw CheckError(
                    lines: [],
                    reason: "\(what), character \(position + 1): '\(character)' is not a Base32 character (A–Z, 2–7)"
                )
            }
            out.append(value)
        }
        return out
    }

    /// Where the `character`-th (1-based, of the line's share characters then its 2 check characters, as
    /// in `Outcome.corrected`) character of `line` stands on the sheet: "character N" counting the
    /// printed dashes, or "check character N".
    public static func printedPosition(share: String, line: Int, character: Int) -> String {
        let count = share.uppercased().compactMap { alphabetValue($0) }.count
        let length = max(0, min(lineLength, count - (line - 1) * lineLength))
        if character > length { return "check character \(character - length)" }
        return "character \(character + (character - 1) / 4)"
    }
}

/// GF(32) = GF(2)[z]/(z⁵ + z³ + 1), the field of bech32 and codex32; α = z (2) is primitive.
enum GF32 {
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 62)
        var value: UInt8 = 1
        for i in 0..<31 {
            table[i] = value
            table[i + 31] = value
            value <<= 1
            if value & 0x20 != 0 { value ^= 0x29 }
        }
        return table
    }()

    static let logTable: [Int] = {
        var table = [Int](repeating: -1, count: 32)
        for i in 0..<31 { table[Int(exp[i])] = i }
        return table
    }()

    static func power(_ j: Int) -> UInt8 { exp[((j % 31) + 31) % 31] }

    static func log(_ value: UInt8) -> Int? { value == 0 ? nil : logTable[Int(value)] }

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        guard a != 0, b != 0 else { return 0 }
        return exp[logTable[Int(a)] + logTable[Int(b)]]
    }

    static func divide(_ a: UInt8, _ b: UInt8) -> UInt8 {
        precondition(b != 0)
        guard a != 0 else { return 0 }
        return exp[(logTable[Int(a)] - logTable[Int(b)] + 31) % 31]
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
