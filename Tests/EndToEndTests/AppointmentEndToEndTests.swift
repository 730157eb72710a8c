import Foundation
import Testing

/// Booking → board with the real binary in tmux: slots opened with `fayuan appointment slots`,
/// a booking typed into the console's form (预约 from the home menu), the board showing it in the
/// week grid, and the command line listing the same booking.
@Suite(.serialized) struct AppointmentEndToEndTests {
    static let station = "140525000"

    static func localDay(_ offset: Int) -> String {
        let date = Date().addingTimeInterval(Double(offset) * 86_400)
        let c = Calendar.current.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    @Test func bookInTheConsoleThenSeeItOnTheBoard() throws {
        let tmux = try TmuxSession.loggedIn(name: "王丽", role: "window_clerk") { db in
            let dir = (db as NSString).deletingLastPathComponent
            let csv = dir + "/station.csv"
            try "code,name,kind,created_at\n\(Self.station),泽州县公共法律服务中心,county_centre,2026-01-01T00:00:00.000Z\n"
                .write(toFile: csv, atomically: true, encoding: .utf8)
            let imported = try runFayuanAsAdmin(db: db, ["import", "--db", db, "station", csv])
            guard imported.status == 0 else { throw TmuxSession.Failure(description: "导入站点失败：\(imported.stderr)") }
        }
        let db = tmux.storePath
        // One centre slot a day for the next ten days (the ordinary booking takes the first working one).
        for offset in 1...10 {
            let opened = try runFayuan(as: "王丽", pin: "246810", ["appointment", "slots", "--db", db, "--station", Self.station,
                                                                 "--day", Self.localDay(offset), "--times", "09:00-10:00"])
            #expect(opened.status == 0, "\(opened.stderr)")
        }
        try tmux.type("y")
        try tmux.waitFor("预约看板")
        try tmux.waitFor("当天没有开设预约时段")
        try tmux.press("F3")
        try tmux.waitFor("预约登记")
        try tmux.type("孙桂兰")
        try tmux.press("Tab")
        try tmux.type("13700001234")
        try tmux.press("F2")
        let booked = try tmux.waitFor("已预约 YY-")
        #expect(booked.contains("（到中心）"))
        try tmux.waitFor("泽州县公共法律服务中心 · \(Self.localDay(0))")
        try tmux.type("w")
        let week = try tmux.waitFor("中孙桂兰")
        #expect(week.contains("起一周"))
        #expect(!week.contains("13700001234") && week.contains("137****1234"), "选中预约的电话应打码：\n\(week)")

        let listed = try runFayuan(as: "王丽", pin: "246810", ["appointment", "list", "--db", db, "--station", Self.station,
                                                             "--day", Self.localDay(0), "--week"])
        #expect(listed.status == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["personName"] as? String } == ["孙桂兰"])
        #expect(list.first?["phone"] as? String == "137****1234")
    }
}
