import Foundation
import Testing

/// Leave and availability entered from the command line are respected by the next plan; only those
/// who may edit the roster may enter them.
@Suite struct DutyProviderCommandTests {
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func leaveAndAvailabilityShapeTheNextPlan() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-duty-\(getpid())-\(Int.random(in: 0...999_999))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("值班.db").path
        // Operators first: seeded operators have no PIN and cannot act on the command line.
        try addOperator(db: db, name: "孙丽", role: "reviewer", pin: "246810")
        try addOperator(db: db, name: "值班小李", role: "duty_lawyer", pin: "482615")
        #expect(try runFayuan(["seed", "--db", db, "--persons", "20", "--cases", "0"]).status == 0)

        func plan() throws -> [[String: Any]] {
            let r = try runFayuan(as: "孙丽", pin: "246810", ["duty", "plan", "--db", db, "--month", "2026-08"])
            #expect(r.status == 0, "\(r.stderr)")
            let doc = try #require(try Self.json(r.stdout) as? [String: Any])
            return try #require(doc["duties"] as? [[String: Any]])
        }
        let before = try plan()
        let centre = before.filter { $0["stationCode"] as? String == "140525000" }
        let onLeave = try #require(centre.first?["providerID"] as? Int)
        let weekdayOnly = try #require(centre.first { ($0["providerID"] as? Int) != onLeave }?["providerID"] as? Int)

        let leave = try runFayuan(as: "孙丽", pin: "246810", ["duty", "leave", "--db", db, "--provider", String(onLeave), "--from", "2026-08-01",
                                   "--to", "2026-08-31", "--reason", "住院"])
        #expect(leave.status == 0, "\(leave.stderr)")
        let busy = try runFayuan(as: "孙丽", pin: "246810", ["duty", "availability", "--db", db, "--provider", String(weekdayOnly),
                                  "--unavailable", "1,2,3,4,5"])
        #expect(busy.status == 0, "\(busy.stderr)")

        let after = try plan()
        #expect(!after.contains { $0["providerID"] as? Int == onLeave }, "请假的人不应被排班")
        let weekdays = after.filter { $0["providerID"] as? Int == weekdayOnly }.compactMap { $0["day"] as? String }
            .filter { day in
                let parts = day.split(separator: "-").compactMap { Int($0) }
                var c = DateComponents(); c.year = parts[0]; c.month = parts[1]; c.day = parts[2]
                let w = Calendar(identifier: .gregorian).component(.weekday, from: Calendar(identifier: .gregorian).date(from: c)!)
                return w != 1 && w != 7
            }
        #expect(weekdays.isEmpty, "周一至周五不能值班的人被排在了工作日：\(weekdays)")

        // A manual edit that breaks a rule is refused with the rule named: give the person on leave a duty.
        // Saved as it would have been in July (an ended month can no longer be planned: issue 19).
        let saved = try runFayuan(as: "孙丽", pin: "246810", ["duty", "plan", "--db", db, "--month", "2026-08", "--save"],
                                  environment: ["FAYUAN_TEST_NOW": "2026-07-20T09:00"])
        #expect(saved.status == 0, "\(saved.stderr)")
        let list = try #require((try Self.json(try runFayuan(as: "孙丽", pin: "246810", ["duty", "list", "--db", db, "--month", "2026-08"]).stdout) as? [String: Any])?["duties"] as? [[String: Any]])
        let someShift = try #require(list.first { $0["stationCode"] as? String == "140525000" }?["id"] as? Int)
        let onto = try runFayuan(as: "孙丽", pin: "246810", ["duty", "reassign", String(someShift), String(onLeave), "--db", db])
        #expect(onto.status == 2, "\(onto.stdout)")
        #expect(onto.stderr.contains("请假"), "\(onto.stderr)")

        let refused = try runFayuan(as: "值班小李", pin: "482615", ["duty", "leave", "--db", db, "--provider", String(onLeave), "--from", "2026-09-01",
                                     "--to", "2026-09-02"])
        #expect(refused.status == 4, "无权操作是拒绝（4），不是输入错误")
        #expect(refused.stderr.contains("无权操作"), "\(refused.stderr)")
        let badDay = try runFayuan(as: "孙丽", pin: "246810", ["duty", "availability", "--db", db, "--provider", String(onLeave), "--unavailable", "8"])
        #expect(badDay.status == 2)
        #expect(badDay.stderr.contains("--unavailable"))
    }
}
