import FayuanCore
import FayuanStore
import Foundation
import Testing
import TerminalKit
@testable import FayuanApp

/// Random keys into the whole app on the grid backend: every screen reachable from the home
/// menu, Chinese text, control codes, stray escapes, huge pastes and a resize storm from 10×3 to
/// 300×100. The app must neither crash nor hang, and every frame must fit the grid. The run is
/// deterministic (fixed seed); FAYUAN_FUZZ_KEYS makes it longer outside CI.
@Suite struct KeyFuzzTests {
    static let chinese = Array("张三丰李四王秀英追索劳动报酬工伤交通事故法律援助申请窗口，。、：；！？（）《》")
    static let named: [Key] = [.up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .insert, .delete,
                               .backspace, .enter, .tab, .backTab, .escape, .resize]

    static func randomKey(_ rng: inout SplitMix64) -> Key {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<30: return .character(chinese.randomElement(using: &rng)!)
        case 30..<45: return .character(Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng))))
        case 45..<70: return named.randomElement(using: &rng)!
        case 70..<82: return .function(Int.random(in: 1...12, using: &rng))
        case 82..<88: return .ctrl(Character(Unicode.Scalar(UInt8.random(in: 97...122, using: &rng))))
        case 88..<92: return .alt(chinese.randomElement(using: &rng)!)
        case 92..<96:
            // Codes a broken terminal or a stray escape sequence could deliver.
            return KeyDecoder.character(UInt32.random(in: 0...0x10FFFF, using: &rng))
        default: return .unknown(Int.random(in: -5...1000, using: &rng))
        }
    }

    @Test func randomKeysNeitherCrashNorHang() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        _ = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .commandLine, kdfRounds: 1000)
        let app = try Console.makeApp(keymap: try AppFixture.keymap(), theme: .standard, environment: fixture.environment)
        let total = Int(ProcessInfo.processInfo.environment["FAYUAN_FUZZ_KEYS"] ?? "") ?? 6000
        var rng = SplitMix64(seed: 20_260_608)
        var size = Size(width: 80, height: 24)
        var frames = 0
        for i in 0..<total {
            if app.shouldQuit || app.session == nil && i % 50 == 0 {
                // Keep exploring: log back in (as either operator) whenever the fuzz locked or quit.
                if app.shouldQuit { return }
                app.type(i % 100 == 0 ? "<Tab>246810<Enter>" : "<Shift-Tab>李<Tab>482615<Enter>")
            }
            if i % 400 == 0, app.session != nil {
                // Visit a menu screen directly so every screen gets its share of keys.
                app.handle(.function(9))
                app.handle(.character(Character(String(Int.random(in: 1...9, using: &rng)))))
            }
            var key = Self.randomKey(&rng)
            if key == .function(10) || key == .ctrl("q") { key = .function(1) }   // quitting would end the run
            if key == .resize {
                size = Size(width: Int.random(in: 10...300, using: &rng), height: Int.random(in: 3...100, using: &rng))
            }
            if i % 997 == 0 {
                // A huge paste of Chinese text.
                for _ in 0..<2000 { app.handle(.character(Self.chinese.randomElement(using: &rng)!)) }
            }
            app.handle(key)
            if i % 3 == 0 {
                var grid = GridCanvas(width: size.width, height: size.height)
                app.render(into: &grid)
                frames += 1
                if let c = grid.cursor {
                    #expect(c.x >= 0 && c.y >= 0 && c.x < size.width && c.y < size.height, "光标越界：\(c) 于 \(size)")
                }
            }
        }
        #expect(frames > total / 4)
        #expect(try store.verifyAuditChain() == nil)
    }
}
