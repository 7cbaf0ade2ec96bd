import MeshCrypto
import MeshUDF

/// `udf_base32`: the input as UTF-8 text through Base32 and the UDF parsers, its bytes through the
/// encoders, and the paper check codes (formats.md §21).
///
/// The part before the first NUL byte, when it is a plain Base32 string, is also written as a paper sheet
/// with up to four characters changed as the bytes after the NUL say; the sheet must catch every change
/// and correct a single one.
enum UDFFuzz {
    static func run(_ input: [UInt8]) throws(FuzzFailure) {
        let text = String(decoding: input, as: UTF8.self)
        let decoded = try checkBase32(text)
        try checkParsers(text, decoded: decoded)
        try checkEncoding(input)
        try checkPaperVerify(text)
        let parts = input.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        try checkPaperSheet(String(decoding: parts[0], as: UTF8.self), control: parts.count > 1 ? Array(parts[1]) : [])
    }

    // MARK: The rules, written out independently of the library

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// The 5-bit value of a Base32 symbol (either case), nil for anything else.
    static func symbolValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x41...0x5A: UInt8(scalar.value - 0x41)
        case 0x61...0x7A: UInt8(scalar.value - 0x61)
        case 0x32...0x37: UInt8(scalar.value - 0x32 + 26)
        default: nil
        }
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n"
    }

    // MARK: Base32

    /// Decodes `text` and checks the result against the rules; nil when it is (rightly) refused.
    static func checkBase32(_ text: String) throws(FuzzFailure) -> (bytes: [UInt8], characters: Int)? {
        let scalars = Array(text.unicodeScalars)
        let symbols = scalars.compactMap(symbolValue)
        let firstInvalid = scalars.firstIndex { symbolValue($0) == nil && !isSeparator($0) }
        let outcome = Result { () throws(UDFError) in try Base32.decodeCounting(text) }
        switch outcome {
        case .failure(let error):
            try expect(
                error.code == .invalidCharacter,
                "Base32 refused a text with \(error.code), not invalid_character"
            )
            try expect(firstInvalid != nil, "Base32 refused a text made only of symbols and separators")
            try expect(
                error.position == firstInvalid.map { $0 + 1 },
                "Base32 named character \(error.position ?? -1), the first invalid one is \(firstInvalid.map { $0 + 1 } ?? -1)"
            )
            return nil
        case .success(let (secure, characters)):
            let bytes = secure.unprotectedBytes
            try expect(firstInvalid == nil, "Base32 accepted a text with an invalid character at \(firstInvalid! + 1)")
            try expect(
                characters == symbols.count,
                "Base32 counted \(characters) characters, the text has \(symbols.count)"
            )
            try expect(bytes.count == characters * 5 / 8, "\(characters) characters decoded to \(bytes.count) bytes")
            // The canonical form repeats the symbols read, except for the unused low bits of its last character.
            let canonical = Array(Base32.encode(bytes, dashed: false).unicodeScalars).map { symbolValue($0)! }
            try expect(
                canonical.count == Base32.characterCount(byteCount: bytes.count) && canonical.count <= symbols.count,
                "the canonical form of \(bytes.count) bytes has \(canonical.count) characters"
            )
            if let last = canonical.indices.last {
                try expect(
                    Array(canonical[..<last]) == Array(symbols[..<last]),
                    "the canonical form differs from the text read"
                )
                let unused = 5 * canonical.count - 8 * bytes.count
                try expect(
                    canonical[last] >> unused == symbols[last] >> unused && canonical[last] & ((1 << unused) - 1) == 0,
                    "the last canonical character keeps the wrong bits"
                )
            }
            let again = Result { () throws(UDFError) in try Base32.decode(Base32.encode(bytes)) }
            try expect((try? again.get()) == bytes, "the dashed canonical form does not decode to the same bytes")
            return (bytes, characters)
        }
    }

    // MARK: UDF parsers

    static func checkParsers(_ text: String, decoded: (bytes: [UInt8], characters: Int)?) throws(FuzzFailure) {
        let data = Result { () throws(UDFError) in try DataUDF.parse(text, expecting: .nonce) }
        let seed = Result { () throws(UDFError) in try SeedUDF.parse(text) }
        let share = Result { () throws(UDFError) in try ShareUDF.parse(text) }
        guard let (bytes, characters) = decoded else {
            for (name, code) in [("data", data.errorCode), ("seed", seed.errorCode), ("share", share.errorCode)] {
                try expect(code == .invalidCharacter, "the \(name) parser accepted or misnamed a text Base32 refuses")
            }
            return
        }
        try checkData(text, bytes: bytes, nonce: data)
        try checkSeed(bytes: bytes, seed)
        try checkShare(bytes: bytes, characters: characters, share)
    }

    static func checkData(_ text: String, bytes: [UInt8], nonce: Result<DataUDF, UDFError>) throws(FuzzFailure) {
        guard bytes.count >= 2 else {
            try expect(
                nonce.errorCode == .invalidLength,
                "a data UDF of \(bytes.count) bytes was not refused as too short"
            )
            return
        }
        let type = UDFType(rawValue: bytes[0])
        try expect((nonce.errorCode == nil) == (type == .nonce), "the type check of a data UDF is wrong")
        let other = UDFType(rawValue: bytes[0] ^ 1)
        let wrong = Result { () throws(UDFError) in try DataUDF.parse(text, expecting: other) }
        try expect(wrong.errorCode == .wrongType, "a data UDF of another type was not refused with wrong_type")
        guard let udf = try? DataUDF.parse(text, expecting: type) else {
            throw FuzzFailure("a data UDF with its own type was refused")
        }
        try expect(
            udf.type == type && udf.binary.unprotectedBytes == bytes,
            "a data UDF does not hold the bytes decoded"
        )
        try expect(
            (try? DataUDF.parse(udf.text, expecting: type)) == udf,
            "a data UDF does not round-trip through its text"
        )
    }

    static func checkSeed(bytes: [UInt8], _ seed: Result<SeedUDF, UDFError>) throws(FuzzFailure) {
        let expected: UDFError.Code? =
            bytes.count < 2
            ? .invalidLength
            : bytes[0] != UDFType.seed.rawValue
                ? .wrongType
                : bytes.count < 4 ? .invalidLength : nil
        try expect(
            seed.errorCode == expected,
            "the seed parser gave \(seed.errorCode?.name ?? "a seed"), the rules \(expected?.name ?? "a seed")"
        )
        guard case .success(let value) = seed else { return }
        try expect(value.binary.unprotectedBytes == bytes, "a seed does not hold the bytes decoded")
        try expect((try? SeedUDF.parse(value.text)) == value, "a seed does not round-trip through its text")
    }

    static func checkShare(bytes: [UInt8], characters: Int, _ share: Result<ShareUDF, UDFError>) throws(FuzzFailure) {
        let expected: UDFError.Code? =
            characters != Base32.characterCount(byteCount: bytes.count) || bytes.count < 3 || bytes.count > 66
            ? .invalidLength
            : bytes[0] != UDFType.share.rawValue || bytes[1] >> 4 == 0 ? .wrongType : nil
        try expect(
            share.errorCode == expected,
            "the share parser gave \(share.errorCode?.name ?? "a share"), the rules \(expected?.name ?? "a share")"
        )
        guard case .success(let value) = share else { return }
        try expect(
            value.threshold == Int(bytes[1] >> 4) && value.x == Int(bytes[1] & 15) + 1
                && value.secretLength == bytes.count - 2,
            "a share's threshold, x or length is not the one encoded"
        )
        try expect(value.binary.unprotectedBytes == bytes, "a share does not hold the bytes decoded")
        try expect((try? ShareUDF.parse(value.text)) == value, "a share does not round-trip through its text")
    }

    // MARK: Encoders

    static func checkEncoding(_ bytes: [UInt8]) throws(FuzzFailure) {
        let dashed = Base32.encode(bytes)
        let plain = Base32.encode(bytes, dashed: false)
        try expect(plain.count == Base32.characterCount(byteCount: bytes.count), "the encoding has the wrong length")
        try expect(dashed == withDashes(plain), "the dashed form is not the plain form in groups of four")
        try expect((try? Base32.decode(dashed)) == bytes, "the encoding does not decode to the same bytes")
        guard !bytes.isEmpty else { return }
        for bits in [Int(bytes[0]) + 1, Presentation.defaultBits, 8 * bytes.count + 3] {
            let shown = Presentation.present(bytes, bits: bits)
            let count = Swift.min((bits + 4) / 5, plain.count)
            try expect(
                shown == withDashes(String(plain.prefix(count))),
                "the presentation at \(bits) bits is not a prefix of the encoding"
            )
        }
    }

    static func withDashes(_ plain: String) -> String {
        var out = ""
        for (index, character) in plain.enumerated() {
            if index > 0 && index % 4 == 0 { out.append("-") }
            out.append(character)
        }
        return out
    }

    // MARK: Paper check codes

    /// x as a paper sheet reads it from a share text: the low nibble of the second byte, plus one.
    static func shareX(_ share: String) -> Int? {
        guard let bytes = try? Base32.decode(share), bytes.count >= 2 else { return nil }
        return Int(bytes[1] & 15) + 1
    }

    static func checkPaperVerify(_ text: String) throws(FuzzFailure) {
        let outcome = Result { () throws(PaperCheck.CheckError) in try PaperCheck.verify(text) }
        let share: String
        switch outcome {
        case .failure: return
        case .success(.valid(let valid)): share = valid
        case .success(.corrected(let corrected, let line, let character, let was, let now)):
            try expect(
                line >= 1 && (1...PaperCheck.lineLength + 2).contains(character) && was != now,
                "a correction names an impossible place or changes nothing"
            )
            share = corrected
        }
        try expect(
            share == withDashes(share.filter { $0 != "-" })
                && share.unicodeScalars.allSatisfy { $0 == "-" || alphabet.contains(Character($0)) },
            "a checked sheet gave a share that is not dashed upper-case Base32"
        )
        guard let x = shareX(share) else { throw FuzzFailure("a checked sheet gave a share too short to hold x") }
        let again = Result { () throws(PaperCheck.CheckError) in
            try PaperCheck.verify(PaperCheck.sheet(share: share, x: x).textLines.joined(separator: "\n"))
        }
        try expect((try? again.get()) == .valid(share: share), "the sheet of a checked share does not check")
    }

    /// Writes `text` (plain Base32) as a sheet, changes up to four characters, and checks the outcome.
    static func checkPaperSheet(_ text: String, control: [UInt8]) throws(FuzzFailure) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.allSatisfy({ symbolValue($0) != nil || $0 == "-" }) else { return }
        let plain = String(scalars.compactMap(symbolValue).map { alphabet[Int($0)] })
        guard (4...200).contains(plain.count), let x = shareX(plain) else { return }
        let sheet = PaperCheck.sheet(share: plain, x: x)
        let share = withDashes(plain)
        let clean = Result { () throws(PaperCheck.CheckError) in
            try PaperCheck.verify(sheet.textLines.joined(separator: "\n"))
        }
        try expect((try? clean.get()) == .valid(share: share), "a fresh sheet does not check")
        guard !control.isEmpty else { return }

        // The typed characters: each line's share characters and its two check characters, then the whole check.
        var typed = zip(sheet.lines, sheet.lineChecks).map { Array($0) + Array($1) }
        var whole = Array(sheet.check)
        let positions = typed.reduce(0) { $0 + $1.count } + whole.count
        var reader = FuzzInput(control)
        let changes = reader.number(in: 1...4)
        var changed: [Int] = []
        for _ in 0..<changes {
            let position = (Int(reader.byte()) << 8 | Int(reader.byte())) % positions
            guard !changed.contains(position) else { continue }
            changed.append(position)
            let delta = reader.number(in: 1...31)
            var rest = position
            var line = 0
            while line < typed.count && rest >= typed[line].count {
                rest -= typed[line].count
                line += 1
            }
            func change(_ character: Character) -> Character {
                alphabet[(alphabet.firstIndex(of: character)! + delta) % 32]
            }
            if line < typed.count {
                typed[line][rest] = change(typed[line][rest])
            } else {
                whole[rest] = change(whole[rest])
            }
        }
        var lines: [String] = []
        for (index, characters) in typed.enumerated() {
            let count = sheet.lines[index].count
            lines.append(withDashes(String(characters[..<count])) + ":" + String(characters[count...]))
        }
        lines.append("check:" + String(whole))
        let outcome = Result { () throws(PaperCheck.CheckError) in try PaperCheck.verify(lines.joined(separator: "\n"))
        }
        switch outcome {
        case .success(.valid):
            throw FuzzFailure("\(changed.count) changed character(s) passed every check")
        case .success(.corrected(let corrected, _, _, _, _)):
            try expect(corrected == share, "\(changed.count) changed character(s) were corrected into another share")
        case .failure:
            break
        }
        // One changed character in a line (not in the whole check) is located and corrected.
        if changed.count == 1, changed[0] < positions - whole.count {
            var rest = changed[0]
            var line = 0
            while rest >= typed[line].count {
                rest -= typed[line].count
                line += 1
            }
            let original = Array(sheet.lines[line] + sheet.lineChecks[line])[rest]
            try expect(
                (try? outcome.get())
                    == .corrected(
                        share: share,
                        line: line + 1,
                        character: rest + 1,
                        was: typed[line][rest],
                        now: original
                    ),
                "one changed character was not corrected where it is"
            )
        }
    }

    // MARK: Seeds

    /// Every string of the vectors; each share also as a paper sheet, and with a control part that
    /// changes characters of its sheet.
    static func seeds(_ vectors: VectorSeeds) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for text in vectors.strings where text.utf8.count <= 400 {
            seeds.append(Array(text.utf8))
            guard let share = try? ShareUDF.parse(text) else { continue }
            seeds.append(Array(PaperCheck.sheet(share: share.text, x: share.x).textLines.joined(separator: "\n").utf8))
            seeds.append(Array(share.text.utf8) + [0, 1, 0, 7, 3])
            seeds.append(Array(share.text.utf8) + [0, 3, 0, 2, 9, 0, 40, 17, 1, 1, 30])
        }
        return seeds
    }
}
