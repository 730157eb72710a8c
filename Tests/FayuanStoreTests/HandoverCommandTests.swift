import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// `fayuan handover` through the real binary (cli.md): JSON on stdout, Chinese on stderr, exit
/// codes 0/2/4; the station → centre hand-over with a missing item and the custody 24-hour
/// transfer, with the bundled holiday tables.
@Suite(.serialized) struct HandoverCommandTests {
    final class Setup {
        let dir = TempDir()
        let binary: String
        var db: String { dir.file("转交.db") }
        var application: Int64 = 0
        var custodyApplication: Int64 = 0

        init?() throws {
            guard let binary = FayuanBinary.locate() else { return nil }
            self.binary = binary
            let store = try openStore(db)
            let centre = try store.addStation(Station(code: "320412000", name: "武进区法律援助中心", kind: .countyCentre), by: nil)
            let station = try store.addStation(Station(code: "320412101", name: "湖塘镇公共法律服务工作站", kind: .township,
                                                       parentID: centre.id), by: nil)
            _ = try store.addStation(Station(code: "320706000", name: "海州区法律援助中心", kind: .countyCentre), by: nil)
            _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
            _ = try store.createOperator(name: "刘芳", role: .windowClerk, pin: "135790", stationID: station.id, by: .commandLine, kdfRounds: 1000)
            _ = try store.createOperator(name: "王丽", role: .windowClerk, pin: "246813", stationID: centre.id, by: .commandLine, kdfRounds: 1000)
            func register(_ name: String, at stationID: Int64, applied: String) throws -> Int64 {
                let person = try store.saveApplicant(Applicant(name: name, idNumber: nil, phone: "13912345678"), by: nil)
                return try store.takeApplication(
                    ApplicationIntake(applicantID: person.id!, stationID: stationID, centreID: centre.id!, kind: .civil,
                                      cause: "labor_remuneration", summary: "追索劳动报酬", appliedOn: applied),
                    accept: false, acceptedOn: nil, role: .windowClerk, by: nil).id!
            }
            application = try register("李某", at: station.id!, applied: "2026-02-12")
            custodyApplication = try register("王某", at: centre.id!, applied: "2025-09-30")
            try store.close()
        }

        func run(_ who: String, _ pin: String, _ args: [String]) throws -> FayuanBinary.Run {
            try FayuanBinary.runAs(binary, who, pin: pin, ["handover"] + args + ["--db", db], in: dir.path)
        }

        func json(_ r: FayuanBinary.Run) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
        }
    }

    @Test func stationToCentreWithAMissingItemFromTheCommandLine() throws {
        guard let s = try Setup() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        let a = String(s.application)
        // Bad input names the option, exit 2; nothing written.
        var r = try s.run("刘芳", "135790", ["send", "--case", a, "--to", "320412000", "--material", "申请表:一"])
        #expect(r.status == 2 && r.stderr.contains("--material: 格式应为"), "\(r.stderr)")
        r = try s.run("刘芳", "135790", ["send", "--case", a, "--to", "不存在的中心", "--material", "申请表"])
        #expect(r.status == 2 && r.stderr.contains("--to: 找不到站点或中心"), "\(r.stderr)")
        r = try s.run("刘芳", "135790", ["send", "--case", a, "--to", "320412000", "--first-received", "2026-02-12 9点半",
                                        "--material", "申请表"])
        #expect(r.status == 2 && r.stderr.contains("--first-received: 时间应为"), "\(r.stderr)")

        r = try s.run("刘芳", "135790", ["send", "--case", a, "--to", "320412000", "--first-received", "2026-02-12T09:30",
                                        "--sent-at", "2026-02-12T11:00", "--material", "法律援助申请表:1:原件:2",
                                        "--material", "欠条复印件:2:复印件:2", "--missing", "户口簿复印件:2026-02-19",
                                        "--opinion", "属于法律援助事项", "--prior-contact", "--now", "2026-02-12T11:00"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("已发出转交单 320412101-ZJ-2026-0001：期限 2026-02-13 当日内"), "\(r.stderr)")
        let sent = s.json(r)["handOver"] as? [String: Any] ?? [:]
        #expect(sent["status"] as? String == "in_transit")
        #expect(sent["firstOwner"] as? String == "刘芳")
        #expect((sent["applicant"] as? [String: Any])?["phone"] as? String == "139****5678")
        let materials = sent["materials"] as? [[String: Any]] ?? []
        #expect(materials.count == 3)
        #expect(materials.last?["missing"] as? Bool == true && materials.last?["promisedBy"] as? String == "2026-02-19")
        let id = String(sent["id"] as? Int ?? 0)

        // The station may not accept for the centre: exit 4 with the reason.
        r = try s.run("刘芳", "135790", ["accept", id, "--at", "2026-02-12T15:20"])
        #expect(r.status == 4 && r.stderr.contains("接收单位不是操作员所在单位"), "\(r.stderr)")
        // "退回" is not an outcome.
        r = try s.run("王丽", "246813", ["accept", id, "--outcome", "return"])
        #expect(r.status == 2 && r.stderr.contains("不能直接退回"), "\(r.stderr)")

        r = try s.run("王丽", "246813", ["list", "--box", "inbox", "--now", "2026-02-12T12:00"])
        #expect(r.status == 0 && s.json(r)["count"] as? Int == 1, "\(r.stderr)")

        r = try s.run("王丽", "246813", ["accept", id, "--at", "2026-02-12T15:20", "--now", "2026-02-12T15:20"])
        #expect(r.status == 0, "\(r.stderr)")
        let accepted = s.json(r)
        let h = accepted["handOver"] as? [String: Any] ?? [:]
        #expect(h["status"] as? String == "accepted")
        #expect(h["caseNumber"] as? String == "〔2026〕民援字第0001号")
        #expect((h["timer"] as? [String: Any])?["elapsed"] as? String == "5 小时 50 分")
        #expect((h["timer"] as? [String: Any])?["overdue"] as? Bool == false)
        let review = accepted["reviewClock"] as? [String: Any] ?? [:]
        #expect(review["shown"] as? String == "2026-02-24")
        #expect(review["label"] as? String == "保守期限（自站点收件起算）")

        // The station's ledger for February lists it with the centre's case number.
        r = try s.run("刘芳", "135790", ["list", "--month", "2026-02", "--now", "2026-02-28T17:00"])
        let ledger = s.json(r)["handOvers"] as? [[String: Any]] ?? []
        #expect(ledger.count == 1 && ledger.first?["caseNumber"] as? String == "〔2026〕民援字第0001号", "\(r.stdout)")

        // The ledger as an A4 landscape PDF; the JSON says how many and where.
        let pdf = s.dir.file("转交台账-2026-02.pdf")
        r = try s.run("刘芳", "135790", ["ledger", "--month", "2026-02", "--out", pdf, "--now", "2026-02-28T17:00"])
        #expect(r.status == 0 && s.json(r)["count"] as? Int == 1 && s.json(r)["pdf"] as? String == pdf, "\(r.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(String(decoding: bytes, as: UTF8.self).contains("841.889764 595.275591"), "A4 横向")
        r = try s.run("刘芳", "135790", ["ledger", "--month", "2026年2月"])
        #expect(r.status == 2 && r.stderr.contains("--month: 月份应为 YYYY-MM"), "\(r.stderr)")
        // The review-clock setting: a clerk may not switch it (exit 4), the administrator may.
        r = try s.run("王丽", "246813", ["basis", "--set", "centre_receipt"])
        #expect(r.status == 4, "\(r.stderr)")
        r = try s.run("张敏", "246810", ["basis", "--set", "centre_receipt"])
        #expect(r.status == 0 && s.json(r)["basis"] as? String == "centre_receipt", "\(r.stderr)")
    }

    @Test func custodyTwentyFourHoursIgnoresTheHolidayAndShowsOneHourLate() throws {
        guard let s = try Setup() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        let c = String(s.custodyApplication)
        var r = try s.run("王丽", "246813", ["send", "--case", c, "--kind", "custody", "--to", "320412000", "--from-unit", "淮南市看守所",
                                            "--sent-at", "2025-09-30T16:00", "--first-received", "2025-09-30T10:00",
                                            "--material", "书面申请:1:原件:1"])
        #expect(r.status == 2 && r.stderr.contains("custodyReceivedAt"), "\(r.stderr)")
        r = try s.run("王丽", "246813", ["send", "--case", c, "--kind", "custody", "--to", "320412000", "--from-unit", "淮南市看守所",
                                        "--custody-received", "2025-09-30T10:00", "--first-received", "2025-09-30T10:00",
                                        "--sent-at", "2025-09-30T16:00", "--dispatch", "courier", "--material", "书面申请:1:原件:1",
                                        "--now", "2025-10-01T06:50"])
        #expect(r.status == 0, "\(r.stderr)")
        let sent = s.json(r)["handOver"] as? [String: Any] ?? [:]
        #expect(sent["due"] as? String == "2025-10-01 10:00")
        #expect(sent["legalClock"] as? String == "hours_24")
        #expect((sent["timer"] as? [String: Any])?["text"] as? String == "⚠ 剩 3 小时 10 分")
        let id = String(sent["id"] as? Int ?? 0)
        r = try s.run("王丽", "246813", ["accept", id, "--at", "2025-10-01T11:00", "--now", "2025-10-01T11:00"])
        #expect(r.status == 0, "\(r.stderr)")
        let timer = (s.json(r)["handOver"] as? [String: Any])?["timer"] as? [String: Any] ?? [:]
        #expect(timer["text"] as? String == "✗ 超时 1 小时")
        #expect(timer["overdueMinutes"] as? Int == 60)
    }
}
