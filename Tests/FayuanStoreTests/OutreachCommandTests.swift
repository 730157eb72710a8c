import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// `fayuan outreach` through the real binary: preview then commit of a 民政 list (XLSX), refusal
/// for a duty lawyer (exit 4), a bad mapping (exit 2 naming --map), the register, a visit with a
/// need, the need turned into an application screened 免予核查 with citations, a counter
/// registration's clock across 2025-09-28, and Chinese help.
@Suite(.serialized) struct OutreachCommandTests {
    final class Setup {
        let dir = TempDir()
        let binary: String
        var db: String { dir.file("赣榆.db") }
        var list: String { dir.file("青口镇低保名单2025Q1.xlsx") }
        let wang = validID("320721", "19420512", 12)
        let zhang = validID("320721", "19680704", 77)

        init?() throws {
            guard let binary = FayuanBinary.locate() else { return nil }
            self.binary = binary
            let store = try openStore(db)
            let centre = try store.addStation(Station(code: "320707000", name: "赣榆区公共法律服务中心", kind: .countyCentre), by: nil)
            _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
            _ = try store.createOperator(name: "周敏", role: .reviewer, pin: "135790", stationID: centre.id, by: .commandLine, kdfRounds: 1000)
            _ = try store.createOperator(name: "孙立", role: .dutyLawyer, pin: "246813", stationID: centre.id, by: .commandLine, kdfRounds: 1000)
            try store.close()
            var bad = Array(validID("320721", "19550301", 900)); bad[17] = bad[17] == "1" ? "2" : "1"
            let rows = [["户编号", "户主姓名", "公民身份号码", "与户主关系", "家庭住址", "低保证号"],
                        ["QK-001", "王桂英", wang, "户主", "青口镇朱堵村3组", "GY-DB-2025-0417"],
                        ["QK-002", "李秀兰", validID("320721", "19500101", 2), "户主", "青口镇朱堵村5组", "GY-DB-2025-0418"],
                        ["QK-003", "赵有福", String(bad), "户主", "青口镇", "GY-DB-2025-0600"]]
            try makeXLSX(rows).write(to: URL(fileURLWithPath: list))
        }

        func run(_ who: String, _ pin: String, _ args: [String]) throws -> FayuanBinary.Run {
            try FayuanBinary.runAs(binary, who, pin: pin, ["outreach"] + args + ["--db", db], in: dir.path)
        }

        func json(_ r: FayuanBinary.Run) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
        }
    }

    @Test func importVisitConvertAndClockFromTheCommandLine() throws {
        guard let s = try Setup() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        // Preview: nothing written; the bad check digit is named with its row number.
        var r = try s.run("周敏", "135790", ["import", s.list, "--group", "DB", "--town", "青口镇", "--date", "2025-01-05"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.json(r)["committed"] as? Bool == false && s.json(r)["imported"] as? Int == 2)
        let rejected = s.json(r)["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.count == 1 && rejected.first?["rowNumber"] as? Int == 4)
        #expect(r.stderr.contains("第 4 行 赵有福：身份证号校验位错误"), "\(r.stderr)")
        r = try s.run("周敏", "135790", ["list"])
        #expect(r.status == 0 && (s.json(r)["households"] as? [Any])?.isEmpty == true, "\(r.stdout)")
        // A duty lawyer may not import (exit 4, Chinese reason); a bad mapping is exit 2 naming --map.
        r = try s.run("孙立", "246813", ["import", s.list, "--group", "DB", "--commit"])
        #expect(r.status == 4 && r.stderr.contains("无权操作"), "\(r.stderr)")
        r = try s.run("周敏", "135790", ["import", s.list, "--group", "DB", "--map", "身高=id_number"])
        #expect(r.status == 2 && r.stderr.contains("--map：名单中没有“身高”这一列"), "\(r.stderr)")
        r = try s.run("周敏", "135790", ["import", s.list, "--group", "低保", "--commit"])
        #expect(r.status == 2 && r.stderr.contains("--group：未知的取值“低保”"), "\(r.stderr)")
        r = try s.run("周敏", "135790", ["import", s.list, "--group", "低保对象", "--town", "青口镇", "--date", "2025-01-05", "--commit"])
        #expect(r.status == 0 && s.json(r)["committed"] as? Bool == true && s.json(r)["batchID"] != nil, "\(r.stderr)")

        r = try s.run("周敏", "135790", ["list", "--group", "DB", "--date", "2025-03-10"])
        let households = s.json(r)["households"] as? [[String: Any]] ?? []
        #expect(households.count == 2)
        #expect(households.first?["headName"] as? String == "王桂英")
        #expect(!r.stdout.contains(s.wang), "证件号应打码")
        let no = try #require(households.first?["householdNo"] as? String)

        // The visit of 2025-03-10 with 王桂英's need, then 转申请.
        r = try s.run("周敏", "135790", ["visit", "--household", no, "--date", "2025-03-10", "--visitors", "周敏,法律明白人王强",
                                         "--signature", "thumbprint", "--need", "儿子拒绝支付赡养费", "--need-type", "support"])
        #expect(r.status == 0, "\(r.stderr)")
        let needNo = try #require((s.json(r)["needNos"] as? [String])?.first)
        r = try s.run("周敏", "135790", ["need", "convert", needNo, "--to", "application", "--date", "2025-03-10"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.json(r)["economicCheck"] as? String == "exempt")
        let explanation = (s.json(r)["explanation"] as? [String] ?? []).joined(separator: "\n")
        #expect(explanation.contains("法律援助法第四十二条第二项") && explanation.contains("低保证号 GY-DB-2025-0417"), "\(explanation)")
        #expect(explanation.contains("江苏省法律援助条例第十九条第一项"), "\(explanation)")

        // 张建国 at a 民政 counter on Friday 2025-09-26: due Monday 09-29 (09-28 is a make-up working day).
        r = try s.run("周敏", "135790", ["need", "add", "--name", "张建国", "--id", s.zhang, "--by", "青口镇民政救助窗口",
                                         "--summary", "工伤补助金被拒付，行动不便", "--type", "work_injury", "--date", "2025-09-26",
                                         "--tag", "ZDCJ", "--evidence-kind", "disability_certificate", "--evidence-no", s.zhang + "41"])
        #expect(r.status == 0 && s.json(r)["firstContactDue"] as? String == "2025-09-29", "\(r.stderr)")
        r = try s.run("周敏", "135790", ["need", "list", "--date", "2025-09-30"])
        let open = s.json(r)["needs"] as? [[String: Any]] ?? []
        #expect(open.count == 1 && open.first?["clock"] as? String == "‼ 逾期 1 天", "\(r.stdout)")
        let pdf = s.dir.file("建档立卡台账.pdf")
        r = try s.run("周敏", "135790", ["ledger", "register", "--town", "青口镇", "--out", pdf])
        #expect(r.status == 0 && s.json(r)["title"] as? String == "特殊群体建档立卡台账", "\(r.stderr)")
        #expect(FileManager.default.contents(atPath: pdf)?.prefix(4) == Data("%PDF".utf8))
        r = try s.run("周敏", "135790", ["ledger", "台账", "--out", pdf])
        #expect(r.status == 2 && r.stderr.contains("KIND：未知的取值“台账”"), "\(r.stderr)")
        r = try s.run("周敏", "135790", ["need", "add", "--name", "张建国", "--id", "320721196807040000", "--summary", "再登记"])
        #expect(r.status == 2 && r.stderr.contains("身份证号无效"), "\(r.stderr)")
    }

    @Test func helpIsChinese() throws {
        guard let binary = FayuanBinary.locate() else { Issue.record("找不到 fayuan 可执行文件"); return }
        let dir = TempDir()
        let r = try FayuanBinary.runToEnd(binary, ["outreach", "--help"], in: dir.path)
        #expect(r.status == 0 && r.stdout.contains("政策找人") && r.stdout.contains("示例"), "\(r.stdout)")
    }
}
