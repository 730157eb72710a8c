import Foundation
import Testing

/// 政策找人 against the real binary: a 民政 list imported and a visit recorded with
/// `fayuan outreach`, then in the console (home z) 王桂英's household opened and her need turned
/// into an application with one key; the screening shows 免予核查 with its citation and the case
/// is stored exempt, waiting for acceptance.
@Suite(.serialized) struct OutreachEndToEndTests {
    static func id(_ birth: String, _ seq: Int) -> String {
        let first17 = Array("320721" + birth + String(String(seq + 1000).suffix(3)))
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return String(first17) + String(Array("10X98765432")[sum % 11])
    }

    @Test func wangGuiyingsNeedBecomesAnExemptApplicationWithOneKey() throws {
        let tmux = try TmuxSession.loggedIn(name: "周敏", role: "reviewer", pin: "135790") { db in
            try IntakeEndToEndTests.sql(db, """
                INSERT INTO station(code, name, kind, created_at)
                VALUES ('320707000', '赣榆区公共法律服务中心', 'county_centre', '2026-01-01T00:00:00.000Z')
                """)
            let list = (db as NSString).deletingLastPathComponent + "/青口镇低保名单2025Q1.csv"
            try ("户编号,户主姓名,公民身份号码,与户主关系,家庭住址,低保证号\n"
                 + "QK-001,王桂英,\(Self.id("19420512", 12)),户主,朱堵村3组,GY-DB-2025-0417\n")
                .write(toFile: list, atomically: true, encoding: .utf8)
            var r = try runFayuan(as: "周敏", pin: "135790", ["outreach", "import", list, "--group", "DB", "--town", "青口镇",
                                                             "--date", "2025-01-05", "--commit", "--db", db])
            guard r.status == 0 else { throw TmuxSession.Failure(description: "导入失败：\(r.stderr)") }
            r = try runFayuan(as: "周敏", pin: "135790", ["outreach", "visit", "--household", "320707-2025-000001", "--date", "2025-03-10",
                                                         "--visitors", "周敏,法律明白人王强", "--signature", "thumbprint",
                                                         "--need", "儿子拒绝支付赡养费", "--need-type", "support", "--db", db])
            guard r.status == 0 else { throw TmuxSession.Failure(description: "走访登记失败：\(r.stderr)") }
        }
        try tmux.type("z")
        try tmux.waitFor("建档立卡 1 户")
        try tmux.waitFor("320707-2025-000001│王桂英")
        try tmux.press("Enter")
        try tmux.waitFor("需求（a 转申请")
        let detail = try tmux.waitFor("✓ 低保对象（民政数据，低保证号 GY-DB-2025-0417）")
        #expect(!detail.contains("19420512"), "证件号应打码：\(detail)")
        try tmux.type("a")
        let screen = try tmux.waitFor("已转申请")
        #expect(screen.contains("经济困难状况：免予核查"), "\(screen)")
        try tmux.waitFor("第四十二条第二项")
        let stored = try IntakeEndToEndTests.waitForQuery(tmux.storePath, "SELECT economic_check || '|' || step || '|' || cause FROM aid_case") {
            $0 == "exempt|applied|support_payment"
        }
        #expect(stored == "exempt|applied|support_payment")
    }
}
