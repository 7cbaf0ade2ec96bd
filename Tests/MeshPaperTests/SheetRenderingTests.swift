import Foundation
import MeshCrypto
import MeshPaper
import MeshUDF
import TestSupport
import Testing

/// The sheets as a holder gets them: rendered to PDF, read back with poppler's tools (pdftotext, its
/// word boxes, pdffonts) and rasterised with pdftoppm. Set MESHPAPER_KEEP_SHEETS=DIR to keep the PDFs.
@Suite struct SheetRenderingTests {
    /// A 3-of-5 split of a 32-byte secret (meshkey split -t 3 -n 5).
    static let identifier =
        "MCN6-B73X-BMWQ-435H-2B5K-YVRB-6IQU-GE32-AUAF-CAPT-4BD6-OHW4-OM2Z-BBHC-6EM4-667P-MFW5-H5QE-IVOE-YUGG-ZTKX-YU47"
    static let shares = [
        "SAYJ-6FAY-GX7Z-BDHO-JXZN-GG7L-5GNX-V7EI-FZ7O-KKHE-26UW-PEJ6-FNLC-KAY",
        "SAYW-X75L-JJZL-F6JQ-LKO3-5QSU-BVII-WGMK-I35D-6WXC-MHFA-MT5F-WG7P-OSA",
        "SAZB-C4BZ-HUSF-NVDM-SO5P-FPCN-EDAT-KIMK-YBP3-CQDH-2H2M-2CUB-OMYD-GWY",
        "SAZY-6ZOC-BYKH-YHVC-7FFG-6COX-EPWX-SFEJ-TKXT-VWLV-FAU3-XQOR-N6U5-UZI",
        "SA2O-LYCF-XVBS-FV6T-RNGD-HKXS-C3KV-N4UG-2XUN-YJQK-MRUN-E5MV-U4V6-WPI",
    ]
    /// A 2-of-3 profile escrow of an account seed, and the account's profile UDF.
    static let profileUDF = "MBYV-NL7W-NXSK-CRSJ-CAXR-R6UL-J5GU"
    static let profileShares = [
        "SAQO-3TYF-JKGL-2ZLJ-WHN6-JP5U-DZGL-KVY3-5UKW-P46X-OOVK-ZH7Z-DHMW-IQAW-LAMQ",
        "SAQR-HHII-I4X3-QZJD-JBDV-T7KW-EGJP-Y6ME-KR3X-CRGL-DKTC-YKU6-TJ4E-ZR34-ZYHQ",
        "SARD-S2YL-IPJL-GZG4-32ZM-6OXY-ETMU-HG7M-XPMX-VFN6-YGQ2-XNKE-DMLT-KTXD-IQZA",
    ]

    static func sheet(
        _ index: Int,
        purpose: String? = "the family photo archive",
        owner: String? = "Ada Lovelace",
        holder: String? = "Bob Smith",
        printed: [Int]? = nil
    ) -> PaperSheet {
        PaperSheet(
            share: shares[index],
            x: index + 1,
            threshold: 3,
            total: 5,
            identifier: identifier,
            created: "2026-12-04",
            label: holder,
            purpose: purpose,
            owner: owner,
            printed: printed,
            meshkeyVersion: "0.1.0"
        )
    }

    static func profileSheet(_ index: Int) -> PaperSheet {
        PaperSheet(
            share: profileShares[index],
            x: index + 1,
            threshold: 2,
            total: 3,
            identifier: profileUDF,
            created: "2026-12-04",
            label: "Carol (the notary)",
            purpose: "Ada's Mesh account: her devices, keys and messages",
            owner: "Ada Lovelace",
            printed: [1, 2, 3],
            kind: .accountSeed,
            meshkeyVersion: "0.1.0"
        )
    }

    /// A folder for one test's files.
    struct Folder {
        let url: URL
        init(_ name: String) throws {
            if let keep = ProcessInfo.processInfo.environment["MESHPAPER_KEEP_SHEETS"] {
                url = URL(fileURLWithPath: keep).appendingPathComponent(name)
            } else {
                url = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "meshpaper-\(name)-\(UUID().uuidString)"
                )
            }
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func remove() {
            if ProcessInfo.processInfo.environment["MESHPAPER_KEEP_SHEETS"] == nil {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }

    /// Standard output of a poppler tool (exit status 0 required).
    @discardableResult
    static func tool(_ arguments: [String]) throws -> String {
        let result = try SystemTool.run(arguments)
        #expect(result.status == 0, "\(arguments[0]) exited with \(result.status)")
        return result.output
    }

    /// Renders `sheets` to FOLDER/NAME.pdf and returns its path.
    static func render(
        _ sheets: [PaperSheet],
        _ folder: Folder,
        _ name: String,
        paper: PaperSize = .a4
    ) throws -> String {
        let pdf = try PaperPDF.render(sheets, paper: paper, qr: true)
        let path = folder.path(name + ".pdf")
        #expect(FileManager.default.createFile(atPath: path, contents: pdf.withUnsafeBytes { Data($0) }))
        return path
    }

    /// Each word poppler finds with its right edge (`pdftotext -bbox`), and the page width.
    static func words(_ pdf: String) throws -> (words: [(text: String, xMax: Double)], pageWidth: Double) {
        let html = try tool(["pdftotext", "-bbox", pdf, "-"])
        func number(_ name: String, in line: Substring) -> Double? {
            guard let range = line.range(of: "\(name)=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        var words: [(text: String, xMax: Double)] = []
        var pageWidth = 0.0
        for line in html.split(separator: "\n") {
            if line.contains("<page ") { pageWidth = number("width", in: line) ?? 0 }
            guard line.contains("<word "), let xMax = number("xMax", in: line),
                let start = line.firstIndex(of: ">"), let end = line.range(of: "</word>")
            else { continue }
            words.append((String(line[line.index(after: start)..<end.lowerBound]), xMax))
        }
        return (words, pageWidth)
    }

    @Test func theHeadingSaysWhatWhoseAndHowManyInPlainWords() throws {
        let folder = try Folder("heading")
        defer { folder.remove() }
        let pdf = try Self.render([Self.sheet(1)], folder, "sheet")
        for mode in [[], ["-layout"]] {
            let text = try Self.tool(["pdftotext"] + mode + [pdf, "-"])
            for fact in [
                "Secret recovery sheet — piece 2; 3 of 5 needed", "one of 5 pieces of a secret",
                "Any 3 of the pieces together recover it",
                "Protects:", "the family photo archive", "Belongs to:", "Ada Lovelace", "Holder:", "Bob Smith",
                "meshkey 0.1.0, a free program (Apache-2.0)", "Share 2 of 3:", "Notes:",
                "Holders (name, piece number, where kept):",
            ] {
                #expect(text.contains(fact), "\(mode): \(fact)")
            }
            // The whole identifier, not its first groups only.
            let letters = text.filter { $0.isLetter || $0.isNumber }
            #expect(letters.contains(Self.identifier.filter { $0 != "-" }), "\(mode)")
            // Nothing to decode: no line continuations; each command is one line of its own.
            #expect(!text.contains("\\"))
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(
                lines.contains(
                    "meshkey recover --identifier \(Self.identifier.split(separator: "-").prefix(7).joined(separator: "-"))"
                ),
                "\(mode)"
            )
            // Only the share's own lines look like share lines to the share input that reads a sheet's text.
            let shareLines = lines.filter { PaperCheck.isPrintedShareLine($0) || PaperCheck.isWholeCheckLine($0) }
            #expect(
                shareLines.count == (mode.isEmpty ? 1 : Self.sheet(1).checks.lines.count + 1),
                "\(mode): \(shareLines)"
            )
            let dashed = Set(Self.sheet(1).checks.dashedLines)
            #expect(!lines.contains { PaperCheck.isPlainShare($0) && !dashed.contains($0) })
        }
        try Self.tool(["pdftoppm", "-png", "-r", "60", pdf, folder.path("page")])
        #expect(FileManager.default.fileExists(atPath: folder.path("page-1.png")))
    }

    @Test func longLabelsWrapInsideTheMargins() throws {
        let folder = try Folder("wrap")
        defer { folder.remove() }
        let purpose = (1...40).map { "word\($0)" }.joined(separator: " ") + " check this last part"
        let owner = String(repeating: "Unbreakable", count: 12)
        for paper in PaperSize.allCases {
            let pdf = try Self.render(
                [Self.sheet(0, purpose: purpose, owner: owner, holder: "Bob")],
                folder,
                "long-\(paper)",
                paper: paper
            )
            let (words, pageWidth) = try Self.words(pdf)
            #expect(pageWidth > 500)
            for word in words {
                #expect(word.xMax <= pageWidth - 56 + 0.5, "\(paper): \(word.text) ends at \(word.xMax)")
            }
            let texts = Set(words.map(\.text))
            for index in 1...40 { #expect(texts.contains("word\(index)")) }
            #expect(words.map(\.text).joined().contains(owner), "the long word is cut, not dropped")
            // A wrapped line never starts with the word the share input takes for a share's last line.
            let text = try Self.tool(["pdftotext", pdf, "-"])
            #expect(
                !text.split(separator: "\n").contains { $0.lowercased().hasPrefix("check") && !$0.hasPrefix("check: ") }
            )
        }
    }

    /// Every fact, both printing notes and two extra instruction lines still fit one Letter page with
    /// room for notes and holders; labels too long for that move the ruled lines to a page of their own.
    @Test func notesAndHoldersAlwaysHaveRoom() throws {
        let folder = try Folder("room")
        defer { folder.remove() }
        let full = PaperSheet(
            share: Self.shares[1],
            x: 2,
            threshold: 3,
            total: 5,
            identifier: Self.identifier,
            created: "2026-12-04",
            label: "Bob Smith, 12 Long Street, Springfield",
            extraInstructions: [
                "Commitment document MDAB-CDEF-GHIJ-KLMN-OPQR-STUV-WXYZ (epoch 1). Any sheet can be tested on its own:",
                "    meshkey share verify --commitments FILE SHARE",
            ],
            purpose: "the family photo archive and the house deeds",
            owner: "Ada Lovelace and Charles Babbage",
            printed: [2],
            meshkeyVersion: "0.1.0"
        )
        for paper in PaperSize.allCases {
            let pdf = try Self.render([full], folder, "full-\(paper)", paper: paper)
            #expect(try Self.tool(["pdfinfo", pdf]).contains("Pages:           1"), "\(paper)")
            let text = try Self.tool(["pdftotext", pdf, "-"])
            #expect(text.contains("Notes:") && text.contains("Holders (name, piece number, where kept):"))
        }
        let huge = String(repeating: "a very long purpose ", count: 60)
        let pdf = try Self.render(
            [Self.sheet(0, purpose: huge, owner: huge, holder: huge)],
            folder,
            "huge",
            paper: .letter
        )
        #expect(try Self.tool(["pdfinfo", pdf]).contains("Pages:           2"))
        let second = try Self.tool(["pdftotext", "-f", "2", "-l", "2", pdf, "-"])
        #expect(
            second.contains("(continued)") && second.contains("Notes:")
                && second.contains("Holders (name, piece number, where kept):")
        )
        let (words, pageWidth) = try Self.words(pdf)
        for word in words { #expect(word.xMax <= pageWidth - 56 + 0.5, "\(word.text) ends at \(word.xMax)") }
    }

    /// The page images in Docs/ (a plain split sheet, a profile escrow sheet): MESHPAPER_DOCS_IMAGES=DIR
    /// writes their PDFs there (`pdftoppm -png -r 60 -singlefile` makes the PNGs).
    @Test func documentationSheets() throws {
        let folder = try Folder("docs")
        defer { folder.remove() }
        let split = PaperSheet(
            share: Self.shares[1],
            x: 2,
            threshold: 3,
            total: 5,
            identifier: Self.identifier,
            created: "2026-12-04",
            label: "Bob Smith",
            purpose: "the family photo archive (cloud account)",
            owner: "Ada Lovelace",
            printed: [1, 2, 3, 4, 5],
            meshkeyVersion: "0.1.0"
        )
        var outputs = [(try Self.render([split], folder, "sheet-split"), "sheet-split")]
        outputs.append((try Self.render([Self.profileSheet(0)], folder, "sheet-profile"), "sheet-profile"))
        for (pdf, name) in outputs {
            try Self.tool(["pdftoppm", "-png", "-r", "60", "-singlefile", pdf, folder.path(name)])
            if let docs = ProcessInfo.processInfo.environment["MESHPAPER_DOCS_IMAGES"] {
                try? FileManager.default.removeItem(atPath: docs + "/\(name).png")
                try FileManager.default.copyItem(atPath: folder.path(name + ".png"), toPath: docs + "/\(name).png")
            }
        }
    }

    @Test func nonLatinLabelsAreDrawnInAFaceThatHasTheirGlyphs() throws {
        let folder = try Folder("scripts")
        defer { folder.remove() }
        let greek = "Οικογενειακό αρχείο φωτογραφιών"
        let cyrillic = "Мария Ивановна Петрова"
        let cjk = "山田太郎（東京）김민수 やまだ"
        let arabic = "أرشيف صور العائلة"
        let hebrew = "משפחת כהן"
        let sheets = [
            Self.sheet(0, purpose: greek, owner: cyrillic, holder: cjk),
            Self.sheet(1, purpose: arabic, owner: hebrew, holder: nil),
        ]
        let pdf = try Self.render(sheets, folder, "scripts")
        let fonts = try Self.tool(["pdffonts", pdf])
        #expect(fonts.contains("DejaVuSans"))
        #expect(fonts.contains("WenQuanYiMicroHei"), "\(fonts)")
        for line in fonts.split(separator: "\n").dropFirst(2) {
            #expect(line.split(separator: " ").suffix(5).first == "yes", "every font embedded: \(line)")
        }
        let first = try Self.tool(["pdftotext", "-f", "1", "-l", "1", pdf, "-"])
        for label in [greek, cyrillic, cjk] { #expect(first.contains(label), "\(label)") }
        // Arabic (shaped: its letters joined) and Hebrew, drawn right to left; pdftotext gives them back
        // in logical order.
        let second = try Self.tool(["pdftotext", "-f", "2", "-l", "2", pdf, "-"])
        for label in [arabic, hebrew] { #expect(second.contains(label), "\(label): \(second)") }
        try Self.tool(["pdftoppm", "-png", "-r", "60", pdf, folder.path("page")])
    }

    @Test func aPartialPrintingSaysWhatIsMissing() throws {
        let all = Self.sheet(0, printed: [1, 2, 3, 4, 5])
        #expect(all.printingNotes.isEmpty)
        let subset = Self.sheet(3, printed: [4, 1, 2])
        #expect(
            subset.printingNotes == [
                "Printed together: pieces 1, 2 and 4 of the 5 in this set; the others were made separately."
            ]
        )
        let short = Self.sheet(1, printed: [2])
        #expect(short.printingNotes.count == 2)
        #expect(short.printingNotes[1].contains("2 more pieces of this set must come from elsewhere"))
        #expect(short.text.contains("3 of 5 needed"), "the set's true total")
        let folder = try Folder("partial")
        defer { folder.remove() }
        let text = try Self.tool(["pdftotext", try Self.render([short], folder, "short"), "-"])
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("from elsewhere"))
        #expect(text.contains("Printed together: piece 2 of the 5 in this set"))
    }

    @Test func theTextFormKeepsItsShareLines() throws {
        let sheet = Self.sheet(2)
        let lines = sheet.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let expected = sheet.checks.textLines.enumerated().map { index, line in
            index < sheet.checks.lines.count ? "  \(index + 1)  \(line)" : "     \(line)"
        }
        let start = try #require(lines.firstIndex(of: "Share (line:check):"))
        #expect(Array(lines[(start + 1)...].prefix(expected.count)) == expected)
        #expect(lines.contains("Set identifier: \(Self.identifier)"))
        #expect(lines.contains("    meshkey recover --identifier \(try #require(sheet.shortIdentifier))"))
        #expect(!sheet.text.contains("\\"))
        // The rest of the text is never read as a share.
        for (index, line) in lines.enumerated() where !expected.contains(line) {
            #expect(
                !PaperCheck.isWholeCheckLine(line) && !PaperCheck.isSheetShareLine(line)
                    && !PaperCheck.isPlainShare(line),
                "line \(index + 1): \(line)"
            )
        }
    }

    /// A short label (a number) and a wrapped number stay on lines the share input skips; the sheet's
    /// text as pdftotext gives it holds exactly one share, its lines in order.
    @Test func labelsNeverLookLikeShareLines() throws {
        let folder = try Folder("numbers")
        defer { folder.remove() }
        let purpose = (1...19).map { "word\($0)" }.joined(separator: " ") + " safe deposit box 42"
        let sheet = Self.sheet(0, purpose: purpose, owner: "7", holder: "12")
        let pdf = try Self.render([sheet], folder, "numbers")
        let text = try Self.tool(["pdftotext", pdf, "-"])
        let lines = text.split(separator: "\n").map(String.init)
        let numbers = lines.enumerated().filter {
            $0.element.count <= 2 && $0.element.allSatisfy(\.isNumber) && !$0.element.isEmpty
        }
        // Only the share's own line numbers stand alone (pdftotext puts them on lines of their own).
        #expect(numbers.map(\.element) == (1...sheet.checks.lines.count).map(String.init), "\(numbers)")
        #expect(text.contains("Belongs to: 7") && text.contains("Holder: 12"), "\(text)")
    }

    @Test func anEscrowSheetNamesTheEntry() {
        let sheet = PaperSheet(
            share: Self.shares[0],
            x: 1,
            threshold: 3,
            total: 5,
            identifier: Self.identifier,
            created: "2026-12-04",
            label: nil,
            kind: .escrowEntry(identifier: "MAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
        )
        #expect(sheet.title == "Escrow recovery sheet — piece 1; 3 of 5 needed")
        #expect(
            sheet.commands == [
                "meshkey escrow open ENTRY-FILE", "meshkey escrow open ENTRY-FILE --scan PHOTO-1 PHOTO-2 …",
            ]
        )
        #expect(sheet.text.contains("opens the escrow entry MAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG…"))
        #expect(sheet.text.contains("Made: 2026-12-04, with meshkey, a free program (Apache-2.0)."))
    }

    @Test func aProfileSheetSaysHowToRestoreTheProfile() throws {
        let sheet = Self.profileSheet(0)
        #expect(sheet.title == "Account recovery sheet — piece 1; 2 of 3 needed")
        #expect(sheet.recoverCommand == "meshkey profile recover --expect \(Self.profileUDF)")
        let folder = try Folder("profile")
        defer { folder.remove() }
        let text = try Self.tool(["pdftotext", try Self.render([sheet], folder, "profile"), "-"])
        for fact in [
            "profile UDF", Self.profileUDF, "restores the account profile",
            "profile recover --expect \(Self.profileUDF)",
        ] {
            #expect(text.contains(fact), "\(fact)")
        }
    }
}
