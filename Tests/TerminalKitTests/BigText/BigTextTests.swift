import Testing
import TerminalKit
import TerminalKitTesting

/// Rows of a rendering framed by "|" so trailing blanks show in a failure message.
private func framed(_ lines: [String]) -> [String] { lines.map { "|" + $0 + "|" } }

@Suite struct BigTextRenderTests {
    static let sentence = "请 A012 号到 2 号窗口"

    @Test func queueNumberDrawsLargeFromBuiltInGlyphsWithoutTheFontPackage() {
        // No .hex file at all: digits and Latin still come out big. The stale "x" cells show that
        // the area is cleared first (a number redrawn every second must not leave debris).
        let options = BigTextFixtures.options(BigTextFixtures.fontWithMissingFile())
        var grid = GridCanvas(width: 40, height: 7)
        grid.fill(grid.bounds, with: "x", style: .plain)
        grid.draw("叫号：", at: Point(x: 0, y: 0))
        let rendering = BigText.draw("A012", in: Rect(x: 0, y: 1, width: 40, height: 6), on: &grid,
                                     alignment: .left, size: .large, options: options)
        #expect(rendering.size == .large)
        #expect(rendering.notice == nil)
        #expect(ScreenAssertions.diff(grid, """
            叫号：xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
              ▄█▄   ▄█▀▀▀█▄   ▄██   ▄█▀▀▀█▄
            ▄█▀ ▀█▄ ██  ▄██  ▀▀██       ▄█▀
            ██▄▄▄██ ██▄█▀██    ██     ▄█▀
            ██   ██ ██▀  ██    ██   ▄█▀
            ██   ██ ▀█▄▄▄█▀  ▄▄██▄▄ ██▄▄▄██

            """) == nil)
    }

    @Test func hanziFromTheHexFileIs16ColumnsBy8Rows() {
        let options = BigTextFixtures.options(trimsBlankRows: false)
        let rendering = BigText.render("号", size: .large, options: options)
        #expect(rendering.width == 16)
        #expect(rendering.height == 8)
        #expect(framed(rendering.lines) == framed([
            "   ▄▄▄▄▄▄▄▄▄    ",
            "   █       █    ",
            "   █▄▄▄▄▄▄▄█    ",
            "▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄ ",
            "   ▄▀           ",
            "   ▀▀▀▀▀▀▀▀█    ",
            "           █    ",
            "        ▀▄▀     ",
        ]))
        #expect(BigTextSize.large.cellsPerGlyph(pixelWidth: 16, blocks: .halfBlocks) == Size(width: 16, height: 8))
    }

    @Test func mediumQuadrantsHalveTheWidthLosingNothing() {
        var options = BigTextFixtures.options(blocks: .quadrants, trimsBlankRows: false)
        options.lineSpacing = 0
        let rendering = BigText.render("号", size: .medium, options: options)
        #expect(framed(rendering.lines) == framed([
            " ▗▄▄▄▄  ",
            " ▐   ▐  ",
            " ▐▄▄▄▟  ",
            "▄▄▄▄▄▄▄▖",
            " ▗▘     ",
            " ▝▀▀▀▜  ",
            "     ▐  ",
            "    ▚▘  ",
        ]))
        #expect(BigTextSize.medium.cellsPerGlyph(pixelWidth: 16, blocks: .quadrants) == Size(width: 8, height: 8))
        #expect(BigTextSize.small.cellsPerGlyph(pixelWidth: 16, blocks: .halfBlocks) == Size(width: 8, height: 4))
    }

    @Test func bestFitChoosesSmallerSizesForSmallerAreas() {
        let options = BigTextFixtures.options()
        // One line at large is 168 columns: six Hanzi of 16, five digits/letters and four spaces of 8.
        #expect(BigText.measure(Self.sentence, size: .large, options: options) == Size(width: 168, height: 8))
        #expect(BigText.bestFit(Self.sentence, in: Size(width: 200, height: 10), options: options) == .large)
        // 80×24: large needs 3 lines (26 rows); medium wraps to 2 lines of 8 rows plus a gap
        // (口 moves down: the first line is 76 columns).
        #expect(BigText.bestFit(Self.sentence, in: Size(width: 80, height: 24), options: options) == .medium)
        #expect(BigText.measure(Self.sentence, size: .medium, maxWidth: 80, options: options) == Size(width: 76, height: 17))
        // 40×14: three lines; only small (4 rows a line) is short enough.
        #expect(BigText.bestFit(Self.sentence, in: Size(width: 40, height: 14), options: options) == .small)
        #expect(BigText.bestFit(Self.sentence, in: Size(width: 20, height: 5), options: options) == nil)
        #expect(BigText.bestFit(Self.sentence, in: Size(width: 200, height: 10), largest: .medium, options: options) == .medium)
        #expect(BigText.bestFit(Self.sentence, in: Size(width: 200, height: 10), wrapping: false, options: options) == .large)
        #expect(BigText.bestFit(Self.sentence, in: Size(width: 100, height: 40), wrapping: false, options: options) == .medium)
    }

    @Test func wrappingKeepsNumbersWholeAndDropsTheSpaceAtTheBreak() {
        let options = BigTextFixtures.options()
        // 56 columns fit "请 A012"; the space before 号 goes with the break.
        let two = BigText.render("请 A012 号到", size: .large, maxWidth: 60, options: options)
        #expect(two.width == 56)
        #expect(two.height == 8 + 1 + 8)
        #expect(two.lines[8].allSatisfy { $0 == " " }, "one blank row between lines")
        let firstLine = BigText.render("请 A012", size: .large, options: options).lines
        let secondLine = BigText.render("号到", size: .large, options: options).lines
        #expect(Array(two.lines[0..<8]) == firstLine)
        #expect(Array(two.lines[9..<17]) == secondLine.map { $0 + String(repeating: " ", count: 56 - 32) })
        // At 40 columns "A012" (32) cannot follow 请 (16 + 8): it moves down whole, not split.
        let three = BigText.render("请 A012 号到", size: .large, maxWidth: 40, options: options)
        #expect(three.height == 3 * 8 + 2)
        // (Untrimmed: alone, "A012" would drop the blank pixel rows the Hanzi around it use.)
        let untrimmed = BigTextFixtures.options(trimsBlankRows: false)
        #expect(Array(three.lines[9..<17]) == BigText.render("A012", size: .large, options: untrimmed).lines
            .map { $0 + String(repeating: " ", count: three.width - 32) })
        // Centred lines: the shorter line is padded on both sides.
        let centred = BigText.render("请 A012 号到", size: .large, maxWidth: 60, alignment: .center, options: options)
        #expect(Array(centred.lines[9..<17]) == secondLine.map { String(repeating: " ", count: 12) + $0 + String(repeating: " ", count: 12) })
        // "\n" always breaks.
        #expect(BigText.measure("张\n叫号", size: .large, options: options) == Size(width: 32, height: 17))
    }

    @Test func closingPunctuationNeverStartsABigLine() {
        // The built-in "." stands in for any closing mark; 法援. at 32 columns would leave "."
        // alone at the start of line 2, so 援 is carried down with it.
        let options = BigTextFixtures.options()
        let rendering = BigText.render("法援.", size: .large, maxWidth: 32, options: options)
        #expect(rendering.height == 17)
        #expect(Array(rendering.lines[0..<8]) ==
            BigText.render("法", size: .large, options: options).lines.map { $0 + String(repeating: " ", count: 8) })
    }

    @Test func asciiStyleDrawsOnePixelRowPerCellWithHashes() {
        var grid = GridCanvas(width: 26, height: 17)
        grid.draw("大字（兼容）", at: Point(x: 0, y: 0))
        let rendering = BigText.draw("1号", in: Rect(x: 0, y: 1, width: 26, height: 16), on: &grid, alignment: .left,
                                     size: .large, options: BigTextFixtures.options(blocks: .ascii))
        #expect(rendering.size == .large)
        #expect(ScreenAssertions.diff(grid, """
            大字（兼容）
                       #########
               ##      #       #
              ###      #       #
             ####      #       #
               ##      #########
               ##
               ##   ###############
               ##       #
               ##      #
               ##      #########
             ######            #
                               #
                               #
                            # #
                             #

            """) == nil)
    }

    @Test func everySizeAndStyleDrawsTheSentenceInItsCells() {
        for blocks in BlockStyle.allCases {
            let options = BigTextFixtures.options(blocks: blocks)
            for size in BigTextSize.allCases {
                let rendering = BigText.render(Self.sentence, size: size, options: options)
                let allowed: Set<Character> = switch blocks {
                case .halfBlocks: [" ", "▀", "▄", "█"]
                case .quadrants: [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"]
                case .ascii: [" ", "#"]
                }
                #expect(rendering.lines.allSatisfy { $0.allSatisfy(allowed.contains) }, "\(blocks) \(size)")
                #expect(rendering.lines.allSatisfy { $0.count == rendering.width && $0.displayWidth == rendering.width })
                let perHanzi = size.cellsPerGlyph(pixelWidth: 16, blocks: blocks)
                #expect(rendering.width == perHanzi.width * 21 / 2, "21 narrow-glyph widths: \(blocks) \(size)")
                #expect(rendering.height == perHanzi.height, "the Hanzi use all 16 pixel rows")
            }
        }
    }

    @Test func emptyTextRendersNothing() {
        let rendering = BigText.render("", size: .large, options: BigTextFixtures.options())
        #expect(rendering.lines.isEmpty && rendering.isBig)
        #expect(BigText.bestFit("  ", in: Size(width: 1, height: 1), options: BigTextFixtures.options()) == .large)
    }
}

@Suite struct BigTextFallbackTests {
    @Test func missingFontFileShowsNormalTextCentredWithANotice() {
        let options = BigTextFixtures.options(BigTextFixtures.fontWithMissingFile())
        let rendering = BigText.render("张 A012 法", size: .large, options: options)
        #expect(!rendering.isBig)
        #expect(rendering.notice == "未安装大字字库（unifont），中文以普通字号显示")
        #expect(rendering.missingCharacters == ["张", "法"])
        #expect(BigText.bestFit("张 A012 法", in: Size(width: 200, height: 50), options: options) == nil)
        #expect(BigText.measure("张 A012 法", size: .large, options: options) == nil)

        var grid = GridCanvas(width: 30, height: 5)
        let drawn = BigText.draw("张 A012 法", in: grid.bounds, on: &grid, style: .plain, options: options)
        #expect(drawn.notice == BigText.fontMissingNotice)
        #expect(ScreenAssertions.diff(grid, """


                      张 A012 法


            """) == nil)
        #expect(grid[10, 2].style.attributes.contains(.bold), "fallback text is bold to stand out a little")
    }

    @Test func aGlyphMissingFromAnInstalledFontIsNamed() {
        let rendering = BigText.render("请龘号", size: .large, options: BigTextFixtures.options())
        #expect(!rendering.isBig)
        #expect(rendering.missingCharacters == ["龘"])
        #expect(rendering.notice == "“龘”没有大字字形，以普通字号显示")
        #expect(rendering.lines == ["请龘号"])
    }

    @Test func tooSmallAnAreaFallsBackToWrappedNormalText() {
        var grid = GridCanvas(width: 12, height: 3)
        let drawn = BigText.draw("请 A012 号到 2 号窗口", in: grid.bounds, on: &grid, options: BigTextFixtures.options())
        #expect(drawn.notice == BigText.tooSmallNotice)
        #expect(ScreenAssertions.diff(grid, """
            请 A012 号到
              2 号窗口
            """) == nil)
    }

    @Test func aForcedSizeThatIsTooWideIsClippedNotWrappedPastTheArea() {
        // One Hanzi (16 columns) in a 10-column area: drawn clipped, flagged as not fitting.
        var grid = GridCanvas(width: 10, height: 8)
        let drawn = BigText.draw("号", in: grid.bounds, on: &grid, size: .large, options: BigTextFixtures.options())
        #expect(drawn.isBig && !drawn.fitsWidth)
        #expect(grid.lines[3] == "▀▀▀▀█▀▀▀▀▀", "the left 10 columns of 号's long stroke")
    }
}

@Suite struct BigTextConfigurationTests {
    @Test func blockStyleComesFromFayuanBlocks() {
        #expect(BlockStyle.configured(environment: ["FAYUAN_BLOCKS": "ascii"]) == .ascii)
        #expect(BlockStyle.configured(environment: ["FAYUAN_BLOCKS": "quadrant"]) == .quadrants)
        #expect(BlockStyle.configured(environment: ["FAYUAN_BLOCKS": "HALF"]) == .halfBlocks)
        #expect(BlockStyle.configured(environment: ["FAYUAN_BLOCKS": "auto"]) == BlockStyle.detected())
        #expect(BlockStyle.configured(environment: [:]) == BlockStyle.detected())
        #expect(BlockStyle.ascii.displayName == "井号（兼容）")
    }

    @Test func fontPathComesFromFayuanUnifont() {
        #expect(BitmapFont.configuredHexPath(environment: [:]) == "/usr/share/unifont/unifont.hex")
        #expect(BitmapFont.configuredHexPath(environment: ["FAYUAN_UNIFONT": "/srv/字库/unifont.hex"]) == "/srv/字库/unifont.hex")
        #expect(BitmapFont.configuredHexPath(environment: ["FAYUAN_UNIFONT": ""]) == nil, "empty: no font file")
    }
}

@Suite struct BigTextFontTests {
    @Test func hexLinesRoundTrip() throws {
        let hex = "53F7:00001FF01010101010101FF00000FFFE080010001FF000100010001000A00040" // 号
        let glyph = try #require(BitmapGlyph(hex: hex.dropFirst(5)))
        #expect(glyph.width == 16)
        #expect(glyph.hexString == String(hex.dropFirst(5)))
        #expect(glyph.isSet(x: 0, y: 7) && !glyph.isSet(x: 15, y: 7))
        #expect(BitmapGlyph(hex: "00FF") == nil, "neither 8×16 nor 16×16")
        #expect(BitmapGlyph(hex: String(repeating: "G", count: 32)) == nil)
    }

    @Test func indexLoadsOnFirstChineseLookupOnly() {
        let font = BigTextFixtures.font()
        guard case .notLoaded = font.hexFileStatus else { Issue.record("loaded too early"); return }
        #expect(font.glyph(for: Character("7")) != nil)
        guard case .notLoaded = font.hexFileStatus else { Issue.record("a built-in glyph opened the file"); return }
        #expect(font.glyph(for: Character("张")) != nil)
        guard case .loaded(_, let count, _) = font.hexFileStatus else { Issue.record("not loaded"); return }
        #expect(count == BigTextFixtures.hexLines.count)
        #expect(font.glyph(for: Character("龘")) == nil)
        #expect(font.covers("张叫号 A012") && !font.covers("张龘"))
    }

    @Test func missingAndBrokenFilesAreReportedNotFatal() {
        let missing = BigTextFixtures.fontWithMissingFile()
        #expect(missing.glyph(for: Character("张")) == nil)
        #expect(missing.glyph(for: Character("A")) != nil, "built-in glyphs need no file")
        guard case .missing = missing.hexFileStatus else { Issue.record("expected missing"); return }
        // Comments, blank lines, CRLF endings and unsupported widths are skipped.
        let messy = BigTextFixtures.font(lines: ["# 法援测试字库", "", "4E00:" + String(repeating: "0", count: 48),
                                                 BigTextFixtures.hexLines[0] + "\r"])
        #expect(messy.glyph(for: Character("张")) != nil)
        #expect(messy.glyph(for: Character("一")) == nil)
        #expect(BitmapFont(hexPath: nil).hexFileStatus == .notConfigured)
    }

    @Test func builtInGlyphsCoverDigitsLettersAndQueuePunctuation() {
        let font = BitmapFont.builtInOnly
        let set = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-:.,#/() "
        for ch in set {
            let glyph = font.glyph(for: ch)
            #expect(glyph?.width == 8, "\(ch)")
            #expect((glyph?.isBlank ?? true) == (ch == " "), "\(ch) has ink")
            // Column 7 is the gap between letters; keep it blank so big text never runs together.
            #expect(glyph.map { g in (0..<16).allSatisfy { !g.isSet(x: 7, y: $0) } } == true, "\(ch)")
        }
        #expect(font.glyph(for: Character("张")) == nil, "Chinese needs the font file (beyond the embedded call sentence)")
    }
}
