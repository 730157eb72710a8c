import Foundation
import Testing

/// `fayuan appointment …` as scripts use it (cli.md): JSON on stdout with phones masked, Chinese
/// on stderr, exit 2 naming the field for bad input — a slot past the limitation's safe day
/// included, with nothing written — and 4 for a role that may not book.
@Suite(.serialized) struct AppointmentCommandTests {
    static let station = "140525000"

    func makeStore() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-appt-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = dir.appendingPathComponent("预约.db").path
        try addOperator(db: db, name: "王丽", role: "window_clerk", pin: "246810")
        let csv = dir.appendingPathComponent("station.csv").path
        try "code,name,kind,created_at\n\(Self.station),泽州县公共法律服务中心,county_centre,2026-01-01T00:00:00.000Z\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try runFayuanAsAdmin(db: db, ["import", "--db", db, "station", csv])
        guard imported.status == 0 else { throw TmuxSession.Failure(description: "导入站点失败：\(imported.stderr)") }
        return db
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func clerk(_ db: String, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try runFayuan(as: "王丽", pin: "246810", ["appointment"] + args + ["--db", db])
    }

    @Test func bookRefusesLateSlotsFlagsProvideFirstAndMovesCancelsFinishes() throws {
        let db = try makeStore()
        let opened = try clerk(db, ["slots", "--station", Self.station, "--day", "2025-04-28", "--times", "09:00-11:00,14:30-16:30",
                                    "--mode", "home"])
        #expect(opened.status == 0, "\(opened.stderr)")
        let late = try clerk(db, ["slots", "--station", Self.station, "--day", "2025-04-29", "--times", "09:00-11:00", "--mode", "home"])
        let lateSlot = try #require((try json(late.stdout) as? [[String: Any]])?.first?["id"] as? Int)

        let base = ["book", "--station", Self.station, "--name", "赵大爷", "--phone", "13935612345", "--channel", "phone",
                    "--purpose", "home_intake", "--mode", "home", "--place", "泽州县巴公镇西郜村三组12号",
                    "--priority", "advanced_age", "--limitation", "2025-05-02", "--booked-on", "2025-04-25"]
        let refused = try clerk(db, base + ["--slot", String(lateSlot)])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("“预约时段”有误") && refused.stderr.contains("法律援助法第四十四条第一项"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)

        let booked = try clerk(db, base)
        #expect(booked.status == 0, "\(booked.stderr)")
        #expect(booked.stderr.contains("先行提供"))
        let a = try #require(try json(booked.stdout) as? [String: Any])
        #expect(a["number"] as? String == "YY-20250425-001")
        #expect(a["day"] as? String == "2025-04-28" && a["start"] as? String == "09:00")
        #expect(a["provideFirst"] as? Bool == true && a["modeLabel"] as? String == "上门")
        #expect(a["phone"] as? String == "139****2345")
        #expect(!booked.stdout.contains("13935612345"))

        let listed = try clerk(db, ["list", "--station", Self.station, "--day", "2025-04-28", "--week"])
        #expect(listed.status == 0)
        #expect((try json(listed.stdout) as? [[String: Any]])?.map { $0["number"] as? String } == ["YY-20250425-001"])

        let moved = try clerk(db, ["move", "YY-20250425-001", "--reason", "申请人上午要去医院"])
        #expect(moved.status == 2, "仍约在上门时段之外没有空余：\(moved.stderr)")
        let cancelled = try clerk(db, ["cancel", "YY-20250425-001", "--reason", "已自行和解"])
        #expect(cancelled.status == 0)
        #expect((try json(cancelled.stdout) as? [String: Any])?["statusLabel"] as? String == "已取消")
        let again = try clerk(db, ["done", "YY-20250425-001"])
        #expect(again.status == 2 && again.stderr.contains("不能再更改"))
        let unknown = try clerk(db, ["done", "YY-20990101-001"])
        #expect(unknown.status == 2 && unknown.stderr.contains("找不到预约"))
    }

    @Test func badCodesNameTheOptionAndAnAdministratorIsRefused() throws {
        let db = try makeStore()
        let bad = try clerk(db, ["book", "--station", Self.station, "--name", "李秀英", "--mode", "bus"])
        #expect(bad.status == 2 && bad.stderr.contains("--mode") && bad.stderr.contains("上门"))
        let noPlace = try clerk(db, ["book", "--station", Self.station, "--name", "李秀英", "--mode", "home"])
        #expect(noPlace.status == 2 && noPlace.stderr.contains("“上门地址”有误"))
        let admin = try runFayuanAsAdmin(db: db, ["appointment", "book", "--db", db, "--station", Self.station, "--name", "李秀英"])
        #expect(admin.status == 4 && admin.stderr.contains("无权操作"))
        let help = try runFayuan(["appointment", "book", "--help"])
        #expect(help.status == 0 && help.stdout.contains("预约登记") && help.stdout.contains("绿色通道原因"))
    }

    @Test func twoNoShowsAndTheCallList() throws {
        let db = try makeStore()
        let slots = try clerk(db, ["slots", "--station", Self.station, "--day", "2025-06-03",
                                   "--times", "09:00-09:30,09:30-10:00,10:00-10:30", "--capacity", "2"])
        let ids = try #require((try json(slots.stdout) as? [[String: Any]])?.compactMap { $0["id"] as? Int })
        func book(_ slot: Int) throws -> [String: Any] {
            let run = try clerk(db, ["book", "--station", Self.station, "--name", "孙桂兰", "--phone", "13700001234",
                                     "--slot", String(slot), "--booked-on", "2025-05-30"])
            #expect(run.status == 0, "\(run.stderr)")
            return try #require(try json(run.stdout) as? [String: Any])
        }
        for slot in ids.prefix(2) {
            let a = try book(slot)
            let noShow = try clerk(db, ["no-show", a["number"] as! String, "--note", "电话未接"])
            #expect(noShow.status == 0)
        }
        let third = try book(ids[2])
        #expect(third["phoneConfirm"] as? Bool == true)
        #expect((third["tags"] as? [String])?.contains("需前一日电话确认") == true)
        let calls = try clerk(db, ["calls", "--station", Self.station, "--day", "2025-06-03"])
        #expect(calls.status == 0)
        let list = try #require(try json(calls.stdout) as? [[String: Any]])
        #expect(list.count == 1 && list[0]["phone"] as? String == "13700001234")
    }
}
