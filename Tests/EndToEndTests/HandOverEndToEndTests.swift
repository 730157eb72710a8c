import Foundation
import Testing

/// Issue 24 in the real binary (round2-capabilities.md §4.7): a township station registers an
/// application with a missing item and hands it to the county centre; the station sees it in its
/// outbox with the timer; the centre's clerk, in another terminal on the same store, finds it in
/// the inbox with the missing item and accepts it (F3): the case gets its number and the hand-over
/// leaves both open lists. Also the custody 24-hour transfer from the command line.
@Suite(.serialized) struct HandOverEndToEndTests {
    static let admin = (name: "张敏", pin: "246810")

    /// A seeded Zezhou store with a clerk at the county centre and one at 北石店镇 station.
    static func prepare(_ db: String) throws {
        try addOperator(db: db, name: admin.name, role: "admin", pin: admin.pin)
        let seeded = try runFayuan(["seed", "--db", db, "--persons", "20", "--cases", "0", "--seed", "5"])
        guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed 失败：\(seeded.stderr)") }
        for (name, pin, station) in [("王丽", "135790", "140525000"), ("刘芳", "975310", "140525101")] {
            let made = try runFayuan(as: admin.name, pin: admin.pin, ["user", "add", "--db", db, "--name", name, "--role", "window_clerk",
                                                                    "--station", station, "--kdf-rounds", "1000"], moreStdin: pin + "\n")
            guard made.status == 0 else { throw TmuxSession.Failure(description: "添加操作员失败：\(made.stderr)") }
        }
    }

    @Test func stationToCentreWithAMissingItemInTwoTerminals() throws {
        let station = try TmuxSession(arguments: []) { db in try Self.prepare(db) }
        let db = station.storePath
        // The station registers the application (the ordinary intake path) and sends it.
        let today = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        let promised = ISO8601DateFormatter.string(from: Date().addingTimeInterval(7 * 86_400), timeZone: .current,
                                                   formatOptions: [.withFullDate])
        let registered = try runFayuan(as: "刘芳", pin: "975310", ["case", "register", "--db", db, "--applicant", "1", "--kind", "civil",
                                                                 "--cause", "labor_remuneration", "--summary", "追索劳动报酬：工地欠薪",
                                                                 "--day", today])
        #expect(registered.status == 0, "\(registered.stderr)")
        let caseID = try #require((try JSONSerialization.jsonObject(with: Data(registered.stdout.utf8)) as? [String: Any])?["id"] as? Int)
        let sent = try runFayuan(as: "刘芳", pin: "975310", ["handover", "send", "--db", db, "--case", String(caseID), "--to", "140525000",
                                                           "--material", "法律援助申请表:1:原件:2", "--material", "工资欠条复印件:2:复印件:2",
                                                           "--missing", "户口簿复印件:\(promised)", "--opinion", "属于法律援助事项",
                                                           "--prior-contact"])
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("已发出转交单 140525101-ZJ-"), "\(sent.stderr)")
        let handOver = (try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [String: Any])?["handOver"] as? [String: Any]
        let number = try #require(handOver?["number"] as? String)
        let applicant = try #require((handOver?["applicant"] as? [String: Any])?["name"] as? String)

        // The station's outbox: the hand-over with its timer and the missing item.
        try station.logIn(name: "刘芳", pin: "975310")
        try station.type("j")
        try station.waitFor("申请转交 · 转出")
        var screen = try station.waitFor(number)
        #expect(screen.contains("在途·缺1"), "\(screen)")
        #expect(screen.contains("→ 泽州县公共法律服"), "\(screen)")
        screen = try station.waitFor("缺件：户口簿复印件（承诺\(promised)前补交）")
        #expect(screen.contains("首问 刘芳"), "\(screen)")

        // The centre, in another terminal on the same store: the inbox, F3, confirm.
        let centre = try TmuxSession(arguments: [], environment: ["FAYUAN_DB": db])
        try centre.logIn(name: "王丽", pin: "135790")
        try centre.type("j")
        try centre.waitFor("申请转交 · 转入")
        screen = try centre.waitFor(number)
        #expect(screen.contains(applicant) && screen.contains("北石店镇公共法律服"), "\(screen)")
        try centre.press("F3")
        screen = try centre.waitFor("受理本申请？")
        #expect(screen.contains("（容缺：户口簿复印件）"), "\(screen)")
        try centre.type("y")
        try centre.waitFor("已受理，案号")
        // The list is re-read in the background after the status: wait for it, never sleep.
        try centre.waitFor("转入未办结 0 件")

        // The thread and the ledger, from the command line: accepted, with the number, on time.
        let shown = try runFayuan(as: "王丽", pin: "135790", ["handover", "list", "--db", db, "--month", String(today.prefix(7))])
        let item = ((try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])?["handOvers"] as? [[String: Any]])?.first
        #expect(item?["status"] as? String == "accepted", "\(shown.stdout)")
        #expect((item?["caseNumber"] as? String)?.hasPrefix("〔") == true, "\(shown.stdout)")
        #expect((item?["timer"] as? [String: Any])?["overdue"] as? Bool == false)
        // Back at the station, the outbox is empty once refreshed (F5 twice: 转入 and back).
        try station.press("F5")
        try station.waitFor("申请转交 · 转入")
        try station.press("F5")
        try station.waitFor("转出未办结 0 件")
    }

    @Test func custodyTransferCountsTwentyFourHoursAcrossTheHoliday() throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("转交-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).db").path
        defer { try? FileManager.default.removeItem(atPath: db) }
        try Self.prepare(db)
        let registered = try runFayuan(as: "王丽", pin: "135790", ["case", "register", "--db", db, "--applicant", "2", "--kind", "civil",
                                                                 "--cause", "labor_remuneration", "--day", "2025-09-30"])
        let caseID = try #require((try JSONSerialization.jsonObject(with: Data(registered.stdout.utf8)) as? [String: Any])?["id"] as? Int,
                                  "\(registered.stderr)")
        let sent = try runFayuan(as: "王丽", pin: "135790", ["handover", "send", "--db", db, "--case", String(caseID), "--kind", "custody",
                                                           "--from-unit", "泽州县看守所", "--to", "140525000",
                                                           "--custody-received", "2025-09-30T10:00", "--first-received", "2025-09-30T10:00",
                                                           "--sent-at", "2025-09-30T17:00", "--dispatch", "courier",
                                                           "--material", "书面申请:1:原件:1", "--now", "2025-09-30T17:00"])
        #expect(sent.status == 0, "\(sent.stderr)")
        let h = (try JSONSerialization.jsonObject(with: Data(sent.stdout.utf8)) as? [String: Any])?["handOver"] as? [String: Any]
        #expect(h?["due"] as? String == "2025-10-01 10:00")
        let id = String(h?["id"] as? Int ?? 0)
        let accepted = try runFayuan(as: "王丽", pin: "135790", ["handover", "accept", "--db", db, id, "--at", "2025-10-01T11:00",
                                                               "--now", "2025-10-01T11:00"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let timer = ((try JSONSerialization.jsonObject(with: Data(accepted.stdout.utf8)) as? [String: Any])?["handOver"] as? [String: Any])?["timer"] as? [String: Any]
        #expect(timer?["text"] as? String == "✗ 超时 1 小时", "\(accepted.stdout)")
    }
}
