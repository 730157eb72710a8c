import Foundation
import TerminalKit

/// A tiny Unifont .hex file written to a temporary directory, so the tests never depend on the
/// `unifont` package being installed. The lines are copied verbatim from Unifont 15.0.01
/// (/usr/share/unifont/unifont.hex, GPL-2+ with the font embedding exception).
enum BigTextFixtures {
    static let hexLines = [
        "5F20:0100F9080908091009207940410047FE41407920092009100908094451822100", // 张
        "53EB:000400047C8444844484448444844484448C44B47CC444840004000400040004", // 叫
        "53F7:00001FF01010101010101FF00000FFFE080010001FF000100010001000A00040", // 号
        "8BF7:0040404027FC204003F80040E7FE200023F8220823F822082BF8320822280210", // 请
        "5230:0004FF840804102422244124FFA408A4082408247F24082408040F84F8144008", // 到
        "53E3:000000003FF820082008200820082008200820082008200820083FF820080000", // 口
        "7A97:020001007FFE4822921404003FF8220823C824482A882108228824083FF82008", // 窗
        "6CD5:004020401040104087FC4040404010401FFE2040E0802100221024082FFC0404", // 法
        "63F4:203C27C022442128F80023FC2080288037FEE10021F8228822502420A8D84306", // 援
        // 龘 is left out on purpose: the "font present, glyph missing" case.
    ]

    /// A fresh directory per call: tests run in parallel and must not share files.
    static func temporaryDirectory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-bigtext-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes the fixture .hex file (shuffled order exercises the unsorted-file path) and
    /// returns a font reading it.
    static func font(lines: [String] = hexLines.reversed()) -> BitmapFont {
        let url = temporaryDirectory().appendingPathComponent("fixture.hex")
        try? (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return BitmapFont(hexPath: url.path)
    }

    /// A font whose .hex file does not exist: what a machine without the package has.
    static func fontWithMissingFile() -> BitmapFont {
        BitmapFont(hexPath: temporaryDirectory().appendingPathComponent("absent/unifont.hex").path)
    }

    static func options(_ font: BitmapFont = font(), blocks: BlockStyle = .halfBlocks,
                        trimsBlankRows: Bool = true) -> BigText.Options {
        BigText.Options(font: font, blocks: blocks, trimsBlankRows: trimsBlankRows)
    }
}
