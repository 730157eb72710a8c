import FayuanRules
import FayuanStore
import Foundation
import TerminalKit
@testable import FayuanApp

/// A clock tests move by hand (screens and the idle lock read it).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date
    /// 2026-06-08 09:30 China Standard Time.
    init(_ start: Date = Date(timeIntervalSince1970: 1_780_882_200)) { now = start }
    func read() -> Date { lock.lock(); defer { lock.unlock() }; return now }
    func advance(seconds: Double) { lock.lock(); now = now.addingTimeInterval(seconds); lock.unlock() }
}

/// A temporary store, the bundled rules, China time and a manual clock.
final class AppFixture {
    let directory: String
    let environment: AppEnvironment
    let clock: ManualClock

    init() throws {
        directory = NSTemporaryDirectory() + "fayuan-app-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let clock = ManualClock()
        self.clock = clock
        let store = try CaseStore.open(StoreLocation(path: directory + "/案件库.db"), clock: { clock.read() })
        environment = AppEnvironment(store: store, rules: try RuleLibrary.bundled(), clock: { clock.read() },
                                     timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// The default keymap only (no system or user files).
    static func keymap() throws -> Keymap {
        try KeymapLoader.load(selection: nil, systemPath: "/nonexistent/keymap.toml", userPath: "/nonexistent/keymap.toml")
    }

    /// Renders the app at a size and returns the grid, with the temporary store path replaced by
    /// "⟨案件库⟩" so whole-screen expectations stay fixed.
    func render(_ app: App, width: Int = 80, height: Int = 24) -> GridCanvas {
        var grid = GridCanvas(width: width, height: height)
        app.render(into: &grid)
        return grid
    }
}
