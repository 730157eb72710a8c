import Foundation
import Testing

/// Issue 16's holiday acceptance with the real binary: with no 2027 notice `fayuan calendar`
/// answers provisionally; the administrator enters the 2027 notice in the console (节假日安排,
/// key h from the home reminder); the site file lands in the rules directory and the same command
/// then answers without `"provisional": true`; the January 2027 roster plan is marked 暂定 before
/// and the notice's make-up Sunday 2027-02-14 becomes a duty day after.
@Suite(.serialized) struct HolidayCalendarEndToEndTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func temporaryRulesDir() throws -> String {
        let dir = NSTemporaryDirectory() + "fayuan-e2e-规则-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func calendarDueIsProvisionalUntilASiteFileIsWritten() throws {
        let dir = try Self.temporaryRulesDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try runFayuan(["calendar", "due", "--from", "2026-12-28", "--days", "7", "--rules-dir", dir])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("\"provisional\": true"), "\(before.stdout)")
        let answer = try Self.json(before.stdout)
        #expect(answer["due"] as? String == "2027-01-04")
        #expect((answer["note"] as? String)?.contains("2027年尚无国务院办公厅节假日安排通知") == true)
        let workdays = try Self.json(try runFayuan(["calendar", "workdays", "--year", "2027", "--rules-dir", dir]).stdout)
        #expect(workdays["provisional"] as? Bool == true)
        #expect(workdays["workdays"] as? Int == 248)
        // Years the lunar data does not reach still refuse, exit 2, in Chinese.
        let far = try runFayuan(["calendar", "workdays", "--year", "2101", "--rules-dir", dir])
        #expect(far.status == 2)
        #expect(far.stderr.contains("2101年的节假日安排尚未载入"))

        // 春节 2027-02-05..02-12 with 调休上班 02-14 (a Sunday) and 02-20 (a Saturday).
        try """
        year: 2027
        source: 测试用：国务院办公厅关于2027年部分节假日安排的通知
        holidays:
          - {name: 元旦, off: [2027-01-01..2027-01-03]}
          - {name: 春节, off: [2027-02-05..2027-02-12], makeUp: [2027-02-14, 2027-02-20]}
        """.write(toFile: dir + "/holidays-2027.yaml", atomically: true, encoding: .utf8)
        let after = try runFayuan(["calendar", "due", "--from", "2026-12-28", "--days", "7", "--rules-dir", dir])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try Self.json(after.stdout)["provisional"] as? Bool == false, "\(after.stdout)")
        #expect(!after.stdout.contains("\"provisional\": true"))
        // 02-11 + 3 working days: 02-14 (调休上班), 02-15, 02-16.
        let spring = try Self.json(try runFayuan(["calendar", "due", "--from", "2027-02-11", "--days", "3", "--rule", "working",
                                                  "--rules-dir", dir]).stdout)
        #expect(spring["due"] as? String == "2027-02-16")
    }

    @Test func administratorEntersThe2027NoticeInTheConsole() throws {
        let dir = try Self.temporaryRulesDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["FAYUAN_RULES_DIR": dir]
        let tmux = try TmuxSession.loggedIn(name: "张敏", role: "admin", environment: env) { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "20", "--cases", "0"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "示例数据失败：\(seeded.stderr)") }
        }
        let db = tmux.storePath
        // Before: January and February 2027 are planned on the provisional calendar.
        let january = try Self.json(try runFayuan(as: "张敏", pin: "246810", ["duty", "plan", "--db", db, "--month", "2027-01"], environment: env).stdout)
        #expect(january["provisional"] as? Bool == true)
        let janDuties = try #require(january["duties"] as? [[String: Any]])
        #expect(!janDuties.isEmpty && janDuties.allSatisfy { $0["provisional"] as? Bool == true })
        #expect(!janDuties.contains { $0["day"] as? String == "2027-01-01" })
        let febBefore = try #require(try Self.json(try runFayuan(as: "张敏", pin: "246810", ["duty", "plan", "--db", db, "--month", "2027-02"], environment: env).stdout)["duties"] as? [[String: Any]])
        #expect(!febBefore.contains { $0["day"] as? String == "2027-02-14" })

        // The reminder is on the administrator's home screen (it is December): h opens the screen.
        try tmux.waitFor("2027 年节假日安排尚未录入，目前按暂定日历计算期限（按 h 录入）")
        try tmux.type("h")
        try tmux.waitFor("按国务院办公厅通知录入 2027 年放假和调休上班日")
        try tmux.press("Tab", "Tab")
        try tmux.type("2027-01-01..2027-01-03")
        try tmux.press("Tab", "Tab")
        try tmux.type("2027-02-05..2027-02-12")
        try tmux.press("Tab")
        try tmux.type("2027-02-14, 2027-02-20")
        try tmux.press("Tab")
        try tmux.waitFor("调休上班 2 天")
        try tmux.press("F2")
        try tmux.waitFor("站点规则文件 holidays-2027.yaml")
        try tmux.waitFor("已有通知，可修改后重新保存")

        // The file is where `fayuan calendar` reads it, and the answer is no longer provisional.
        #expect(FileManager.default.fileExists(atPath: dir + "/holidays-2027.yaml"))
        let due = try runFayuan(["calendar", "due", "--from", "2026-12-28", "--days", "7"], environment: env)
        #expect(due.status == 0, "\(due.stderr)")
        #expect(!due.stdout.contains("\"provisional\": true"), "\(due.stdout)")
        // The roster changes: the make-up Sunday 2027-02-14 is a centre duty day now.
        let febAfter = try Self.json(try runFayuan(as: "张敏", pin: "246810", ["duty", "plan", "--db", db, "--month", "2027-02"], environment: env).stdout)
        #expect(febAfter["provisional"] as? Bool == false)
        let days = Set((febAfter["duties"] as? [[String: Any]] ?? []).compactMap { $0["day"] as? String })
        #expect(days.contains("2027-02-14"))
        #expect(!days.contains("2027-02-08"))
        // Back home, the reminder is gone.
        try tmux.press("F9")
        try tmux.waitFor("请选择要办理的事项")
        _ = try tmux.waitForAbsence("年节假日安排尚未录入")
    }
}
