import Foundation
import Testing
import TerminalKit

/// Loading and drawing costs, measured and printed (never asserted: shared CI machines vary).
/// The hall display redraws "请 A012 号到 2 号窗口" every second, so a render must be far
/// below a millisecond-scale budget, and indexing the 57k-line font must not stall start-up.
@Suite struct BigTextSpeedTests {
    static let sentence = "请 A012 号到 2 号窗口"

    /// A Unifont-sized file (57,000 16×16 glyphs from U+3400 on, so it covers the sentence),
    /// built from the fixture bitmaps: the package need not be installed.
    static func unifontSizedFile() -> String {
        let bitmaps = BigTextFixtures.hexLines.map { $0.split(separator: ":")[1] }
        var text = ""
        text.reserveCapacity(57_000 * 70)
        for i in 0..<57_000 {
            text += String(0x3400 + i, radix: 16, uppercase: true) + ":" + bitmaps[i % bitmaps.count] + "\n"
        }
        let url = BigTextFixtures.temporaryDirectory().appendingPathComponent("big.hex")
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func milliseconds(_ d: Duration) -> String {
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        return String(format: "%.2f ms", ms)
    }

    @Test func indexingAndRenderingCostsArePrinted() {
        var paths = [("合成字库 57000 字", Self.unifontSizedFile())]
        if FileManager.default.fileExists(atPath: BitmapFont.defaultHexPath) {
            paths.append(("系统 unifont.hex", BitmapFont.defaultHexPath))
        }
        for (name, path) in paths {
            let font = BitmapFont(hexPath: path)
            let status = font.load()
            guard case .loaded(_, let count, let time) = status else {
                Issue.record("\(name) did not load: \(status)")
                continue
            }
            print("大字字库索引 \(name): \(count) glyphs in \(Self.milliseconds(time))")
            let options = BigText.Options(font: font, blocks: .halfBlocks)
            let clock = ContinuousClock()
            let first = clock.measure { _ = BigText.render(Self.sentence, size: .large, options: options) }
            var grid = GridCanvas(width: 80, height: 24)
            let repeats = 100
            var last: BigText.Rendering?
            let many = clock.measure {
                for _ in 0..<repeats { last = BigText.draw(Self.sentence, in: grid.bounds, on: &grid, options: options) }
            }
            #expect(last?.isBig == true)
            print("大字绘制 \(name): first render \(Self.milliseconds(first)) (decodes glyphs), "
                + "bestFit + draw 80×24 ×\(repeats): \(Self.milliseconds(many / repeats)) each")
        }
    }
}
