import Foundation
import Testing

/// Issue 26: one JSON style — a list is an object with its count and the items under a plural
/// name; ids are numbers; codes come with their Chinese label.
@Suite struct CLIJSONStyleTests {
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "不是 JSON 对象：\(text.prefix(300))")
    }

    @Test func listsAreObjectsWithACountAndLabelledCodes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("法援JSON-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("样式.db").path
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        try addOperator(db: db, name: "王丽", role: "window_clerk", pin: "135790")
        #expect(try runFayuanAsAdmin(db: db, ["seed", "--db", db, "--persons", "60", "--cases", "10"]).status == 0)

        let users = try Self.object(try runFayuan(as: "张敏", pin: "246810", ["user", "list", "--db", db]).stdout)
        let operators = try #require(users["operators"] as? [[String: Any]])
        #expect(users["count"] as? Int == operators.count)
        #expect(operators.contains { $0["name"] as? String == "张敏" && $0["roleLabel"] as? String == "管理员" && $0["id"] is Int })

        let providers = try Self.object(try runFayuan(as: "张敏", pin: "246810", ["provider", "list", "--db", db]).stdout)
        let listed = try #require(providers["providers"] as? [[String: Any]])
        #expect(providers["count"] as? Int == listed.count && !listed.isEmpty)
        #expect(listed.allSatisfy { $0["id"] is Int && $0["kindLabel"] is String })

        let tokens = try Self.object(try runFayuan(as: "张敏", pin: "246810", ["user", "token", "list", "--db", db]).stdout)
        #expect(tokens["count"] as? Int == 0)
        #expect((tokens["tokens"] as? [Any])?.isEmpty == true)

        let search = try Self.object(try runFayuan(as: "张敏", pin: "246810", ["search", "--db", db, "王", "--json", "--limit", "3"]).stdout)
        let hits = try #require(search["applicants"] as? [[String: Any]])
        #expect(search["count"] as? Int == hits.count)
        for hit in hits {
            #expect(hit["applicantID"] is Int)
            #expect(hit["matchLabel"] as? String == "姓名开头相同" || hit["matchLabel"] as? String == "姓名包含")
            if let gender = hit["gender"] as? String { #expect(hit["genderLabel"] as? String == (gender == "F" ? "女" : "男")) }
        }
        let rules = try Self.object(try runFayuan(["rules", "list", "--json", "--kind", "exempt"]).stdout)
        #expect(rules["count"] as? Int == (rules["rules"] as? [Any])?.count && (rules["count"] as? Int ?? 0) > 0)
        let cases = try Self.object(try runFayuan(as: "张敏", pin: "246810", ["case", "list", "--db", db]).stdout)
        #expect(cases["count"] as? Int == (cases["cases"] as? [Any])?.count)
        for listed in (cases["cases"] as? [[String: Any]] ?? []).prefix(5) {
            #expect(listed["id"] is Int && listed["causeLabel"] is String && listed["routeLabel"] is String && listed["stageLabel"] is String)
        }

        // Queue tickets: codes with labels, the call's reason too.
        let issued = try Self.object(try runFayuan(as: "王丽", pin: "135790", ["queue", "issue", "--db", db, "--station", "140525000",
                                                                               "--service", "consultation", "--priority-reason", "elderly"]).stdout)
        let ticket = try #require(issued["ticket"] as? [String: Any])
        #expect(ticket["id"] is Int && ticket["serviceLabel"] as? String == "咨询" && ticket["statusLabel"] as? String == "等候")
        #expect(ticket["priorityLabel"] as? String == "优先" && ticket["priorityReasonLabel"] as? String == "老年人")
        let called = try Self.object(try runFayuan(as: "王丽", pin: "135790", ["queue", "call", "--db", db, "--station", "140525000",
                                                                               "--window", "2"]).stdout)
        #expect((called["ticket"] as? [String: Any])?["statusLabel"] as? String == "已叫号")
        #expect(called["reasonLabel"] as? String == "优先号先叫", "\(called)")

        // The plain listing says the match and the gender in Chinese too.
        let plain = try runFayuan(as: "张敏", pin: "246810", ["search", "--db", db, "王", "--limit", "3"])
        #expect(!plain.stdout.contains("name_prefix") && !plain.stdout.contains("\tM\t"), "\(plain.stdout)")
    }
}
