import Foundation
import Testing

/// The front-desk issue's acceptance checks against the real binary in tmux: a consultation, a
/// whole application for 张三丰 by keyboard with the screening and its citations, accepted with a
/// document missing and found again; an invalid ID number refused at the field; a draft that
/// survives kill -9.
@Suite(.serialized) struct IntakeEndToEndTests {
    /// A window clerk on a store with the Zezhou county centre (the region picks Shanxi's rules).
    static func clerk(db: String? = nil, state: String? = nil) throws -> TmuxSession {
        var env: [String: String] = [:]
        if let db { env["FAYUAN_DB"] = db }
        if let state { env["XDG_STATE_HOME"] = state }
        return try TmuxSession.loggedIn(name: "王丽", role: "window_clerk", environment: env) { db in
            try sql(db, """
                INSERT INTO station(code, name, kind, created_at)
                VALUES ('140525000', '泽州县公共法律服务中心', 'county_centre', '2026-01-01T00:00:00.000Z')
                """)
        }
    }

    @discardableResult
    static func sql(_ db: String, _ statement: String) throws -> String {
        let r = try spawn(["sqlite3", db, statement])
        guard r.status == 0 else { throw TmuxSession.Failure(description: "sqlite3 失败：\(r.stderr)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    /// Waits (with a deadline, never a fixed sleep) until a query answers `expected`.
    static func waitForQuery(_ db: String, _ query: String, _ expected: (String) -> Bool, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = (try? sql(db, query)) ?? ""
            if expected(last) { return last }
            usleep(20_000)
        }
        throw TmuxSession.Failure(description: "等待超时：\(query) → \(last)")
    }

    @Test func consultationIsRegisteredAndTheNextStartsAtOnce() throws {
        let tmux = try Self.clerk()
        try tmux.type("2")
        try tmux.waitFor("*咨询事项：")
        try tmux.type("张三丰")
        try tmux.press("Tab", "Tab")
        try tmux.type("ldbc")                 // 劳动报酬 by pinyin initials
        try tmux.press("Tab")
        try tmux.type("老板拖欠三个月工资怎么办")
        try tmux.press("Tab")
        try tmux.type("可申请劳动仲裁，符合条件可申请法律援助")
        try tmux.waitFor("劳动报酬 ▾")
        try tmux.press("F2")
        let screen = try tmux.waitFor("已登记第 1 条：张三丰·劳动报酬")
        #expect(screen.contains("今日已登记 1 条"), "\(screen)")
        #expect(!screen.contains("老板拖欠"), "新的一条应当是空白的：\(screen)")
        let row = try Self.sql(tmux.storePath, "SELECT visitor_name, topic, channel FROM consultation")
        #expect(row == "张三丰|labor_remuneration|window")
    }

    /// The application part of a clerk's afternoon: a wrong ID number first, then the right one;
    /// 容缺受理 with one document missing; 补交材料 recorded from 我的今天; the case found again.
    @Test func applicationForZhangSanfengAcceptedWithADocumentMissingAndFoundAgain() throws {
        let tmux = try Self.clerk()
        try tmux.type("3")
        try tmux.waitFor("▶①申请人◀")
        try tmux.type("张三丰")
        try tmux.press("Tab")
        // A wrong number first (one digit mistyped): refused at the field, then corrected.
        try tmux.type("110105194912310021")
        try tmux.waitFor("✗ 校验码错误")
        try tmux.press("C-u")
        try tmux.type("11010519491231002X")
        try tmux.waitFor("✓ 居民身份证：1949-12-31 出生，女")
        try tmux.press("Tab", "Tab", "Tab")   // 性别, 出生日期 filled from the number
        try tmux.type("13800001234")
        try tmux.press("Tab")
        try tmux.type("山西省晋城市泽州县南村镇")
        try tmux.press("Tab", "Tab")          // 无障碍需求 → ②事项
        try tmux.waitFor("▶②事项◀")
        try tmux.press("Tab")
        try tmux.type("劳动报酬")
        try tmux.press("Tab")
        try tmux.type("晋城市某建筑公司")
        try tmux.press("Tab", "Tab")
        try tmux.type("在工地干活被拖欠工资三个月")
        for _ in 0..<7 { try tmux.press("Tab") }   // 时效、紧急、保密、刑事三栏 → ③
        try tmux.waitFor("▶③经济状况◀")
        try tmux.type("3")
        try tmux.press("Tab")
        try tmux.type("3000")
        try tmux.press("Tab")
        try tmux.type("承诺")
        try tmux.press("Tab", "Space")      // 进城务工人员
        try tmux.waitFor("家庭人均月收入：1000.00元（3 人）")
        try tmux.press("M-4")
        let screening = try tmux.waitFor("法律依据：")
        #expect(screening.contains("审查结论：✓ 符合法律援助条件"), "\(screening)")
        #expect(screening.contains("法律援助法第三十一条第五项"), "\(screening)")
        #expect(screening.contains("审查期限："), "\(screening)")
        try tmux.press("M-5")
        try tmux.waitFor("▶⑤材料◀")
        // Tick everything but 户口簿或居住证明 (the second row).
        try tmux.press("Space", "Down", "Down", "Space", "Down", "Space", "Down", "Space", "Down", "Space", "Down", "Space")
        try tmux.waitFor("容缺受理：缺 1 项")
        try tmux.press("F5")                  // 受理 (F2 only 暂存)
        try tmux.waitFor("确认受理张三丰的法律援助申请")
        try tmux.type("y")
        try tmux.waitFor("民援字第0001号（张三丰），容缺 1 项")
        // The status line says where the 申请表 and 补正通知 were written (drawn in the same frame,
        // but a capture can fall between two writes of the terminal, so wait for it too).
        try tmux.waitFor("份文书（含受理回执）已写入")
        // The papers of the acceptance are offered for printing: 申请表, 接收凭证 and the numbered
        // 补充材料通知书, with the selected one's text on screen before printing.
        var offered = try tmux.waitFor("★补充材料通知书")
        #expect(offered.contains("★法律援助申请表") && offered.contains("★法律援助申请材料接收凭证"), "\(offered)")
        #expect(offered.contains("〔2026〕泽援补字第1号"), "\(offered)")
        // No printer in 系统设置 (no CUPS here): F6 writes the PDFs and says where they are.
        try tmux.press("F6")
        offered = try tmux.waitFor("份文书的 PDF 已写入")
        #expect(offered.contains("未设置打印机") && offered.contains("民援字第0001号/"), "\(offered)")

        let db = tmux.storePath
        #expect(try Self.sql(db, "SELECT step, cause, review_due IS NOT NULL FROM aid_case") == "accepted|labor_remuneration|1")
        #expect(try Self.sql(db, "SELECT label || '|' || status FROM case_document WHERE status = 'missing'") == "户口簿或居住证明|missing")
        #expect(try Self.sql(db, "SELECT count(*) FROM draft") == "0")
        let printDir = (db as NSString).deletingLastPathComponent + "/print"
        let files = (FileManager.default.enumerator(atPath: printDir)?.allObjects as? [String]) ?? []
        let caseFiles = files.filter { $0.contains("民援字第0001号/") }
        #expect(caseFiles.contains { $0.hasSuffix("-补充材料通知书-2026-泽援补字第1号.pdf") }, "\(files)")
        #expect(caseFiles.contains { $0.hasSuffix("-法律援助申请材料接收凭证.pdf") }, "\(files)")
        #expect(caseFiles.contains { $0.hasSuffix("-法律援助申请表.txt") }, "\(files)")
        try tmux.press("Escape")
        try tmux.waitFor("▶①")

        // 补交材料: the missing 户口簿 is brought later. The clerk finds the case in 我的今天 (待补材料的
        // 申请), opens it and records who brought what; the 补正 clock ends with the last document.
        try tmux.press("Escape")
        try tmux.waitFor("0. 我的今天")
        try tmux.type("0")
        try tmux.waitFor("待补材料的申请（1）")
        try tmux.press("Enter")
        try tmux.waitFor("✗户口簿或居住证明")
        try tmux.type("b")
        try tmux.waitFor("补交的材料： 户口簿或居住证明")
        try tmux.press("Tab", "Tab", "C-u")
        try tmux.type("女儿张小红代交")
        try tmux.press("F2")
        try tmux.waitFor("材料已补齐")
        #expect(try Self.sql(db, "SELECT count(*) FROM case_document WHERE status = 'missing'") == "0")
        try tmux.press("F9")
        try tmux.waitFor("3. 援助申请")
        try tmux.type("3")
        try tmux.waitFor("▶①申请人◀")

        // Found again: the person search shows the open case, and so does the CLI.
        try tmux.type("zsf")
        let found = try tmux.waitFor("找到 1 人")
        #expect(found.contains("民援字第000"), "\(found)")
        try tmux.press("Down", "Enter")
        try tmux.waitFor("⚠ 张三丰已有在办案件：〔")
        let search = try runFayuan(as: "王丽", pin: "246810", ["search", "--db", db, "张三丰"])
        #expect(search.status == 0 && search.stdout.contains("张三丰"), "\(search.stdout)\(search.stderr)")
    }

    static func registerSunXiulan(_ db: String) throws {
        try sql(db, """
            INSERT INTO applicant(name, id_type, id_number, gender, birth_date, phone, address, created_at, updated_at)
            VALUES ('孙秀兰', 'resident', '11010519491231002X', 'F', '1949-12-31', '13812345678', '山西省晋城市泽州县南村镇东街8号',
                    '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
            """)
    }

    /// Issue 17 findings 1 and 7: a picked person is shown masked, and accepting without changes
    /// leaves the stored record exactly as it was.
    @Test func aPickedPersonIsShownMaskedAndAcceptedWithoutChangingTheRecord() throws {
        let tmux = try Self.clerk()
        let db = tmux.storePath
        try Self.registerSunXiulan(db)
        let before = try Self.sql(db, "SELECT name, id_number, gender, birth_date, phone, address, updated_at FROM applicant")
        try tmux.type("3")
        try tmux.waitFor("▶①申请人◀")
        try tmux.type("孙秀兰")
        try tmux.waitFor("找到 1 人")
        try tmux.press("Down", "Enter")
        try tmux.waitFor("138****5678")
        // The address row is drawn last: once it is there, the whole form is.
        let screen = try tmux.waitFor("山西省晋城市****")
        #expect(screen.contains("1101**********002X"), "\(screen)")
        #expect(!screen.contains("13812345678") && !screen.contains("11010519491231002X") && !screen.contains("1949-12-31"), "\(screen)")
        try tmux.press("M-2")
        try tmux.waitFor("▶②事项◀")
        try tmux.press("Tab")
        try tmux.type("劳动报酬")
        try tmux.waitFor("劳动报酬 ▾")
        try tmux.press("F5")
        try tmux.waitFor("确认受理孙秀兰的法律援助申请")
        try tmux.type("y")
        try tmux.waitFor("民援字第0001号（孙秀兰）")
        #expect(try Self.sql(db, "SELECT name, id_number, gender, birth_date, phone, address, updated_at FROM applicant") == before)
        #expect(try Self.sql(db, "SELECT count(*) FROM applicant") == "1")
        #expect(try Self.sql(db, "SELECT count(*) FROM audit_log WHERE action = 'read' AND entity = 'applicant'") == "1")
    }

    /// Issue 18: typing a registered person's number without picking them warns and offers the pick.
    @Test func typingARegisteredPersonsNumberWarnsInsteadOfAdopting() throws {
        let tmux = try Self.clerk()
        try Self.registerSunXiulan(tmux.storePath)
        try tmux.type("3")
        try tmux.waitFor("▶①申请人◀")
        try tmux.type("张冒名")
        try tmux.press("Tab")
        try tmux.type("11010519491231002X")
        let screen = try tmux.waitFor("此证件号码属于已登记的申请人 孙秀兰")
        #expect(screen.contains("按 ↓ 选择带入（不会自动采用）"), "\(screen)")
        #expect(try Self.sql(tmux.storePath, "SELECT name FROM applicant") == "孙秀兰")
    }

    @Test func invalidIDNumberIsRejectedAtTheFieldWithTheReason() throws {
        let tmux = try Self.clerk()
        try tmux.type("3")
        try tmux.waitFor("▶①申请人◀")
        try tmux.type("张三丰")
        try tmux.press("Tab")
        try tmux.type("110105194912310021")
        let screen = try tmux.waitFor("✗ 校验码错误：按前17位应为“X”，实际为“1”")
        let line = screen.split(separator: "\n").first { $0.contains("证件号码") } ?? ""
        #expect(line.contains("110105194912310021") && line.contains("✗ 校验码错误"), "错误应显示在该栏旁：\(line)")
        #expect(!screen.contains("1949-12-31"), "无效号码不应填入出生日期：\(screen)")
        // Accepting is refused until the number is fixed.
        try tmux.press("F5")
        try tmux.waitFor("请先填写或更正：证件号码")
    }

    /// kill -9 right after a key is on screen — not after it reached the store — while four other
    /// processes write the same store: the draft journal still has it.
    @Test func draftIsOfferedAndRestoredAfterKillDashNine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-intake-draft-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("案件库.db").path
        let state = dir.appendingPathComponent("state").path
        let first = try Self.clerk(db: db, state: state)
        let writers = try (0..<4).map { try ClerkAfternoonEndToEndTests.startWriter(db: db, worker: $0, seconds: 60) }
        defer {
            for pid in writers { kill(pid, SIGKILL); var status: Int32 = 0; waitpid(pid, &status, 0) }
        }
        try first.type("3")
        try first.waitFor("▶①申请人◀")
        try first.type("李四")
        try first.press("Tab")
        try first.type("1101051949")
        try first.press("M-2")
        try first.waitFor("▶②事项◀")
        try first.press("Tab", "Tab")
        try first.type("某物业公司")
        try first.waitFor("某物业公司")
        #expect(kill(try first.appPID(), SIGKILL) == 0)
        try first.waitFor("EXITED")

        let second = try TmuxSession(arguments: [], environment: ["FAYUAN_DB": db, "XDG_STATE_HOME": state])
        try second.logIn(name: "王丽", pin: "246810")
        try second.type("3")
        // Continuing is the default: no question, nothing deleted.
        try second.waitFor("已继续未完成的草稿（李四")
        let restored = try second.waitFor("某物业公司")
        #expect(restored.contains("▶②事项◀"), "\(restored)")
        try second.press("M-1")
        let applicant = try second.waitFor("1101051949")
        #expect(applicant.contains("李四"), "\(applicant)")
    }
}
