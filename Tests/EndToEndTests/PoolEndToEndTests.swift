import Foundation
import Testing

/// 问题24（人员库）：真实终端（80×24）里抽取评查组——首页 p 进入人员库，F3 抽取评查组，填案件、
/// 人数和种子，F2 抽取。评查组与命令行用同一种子抽出的完全相同（可复现），承办律师及其所在所的
/// 专家列在“回避”下，从不进入评查组。
@Suite(.serialized) struct PoolEndToEndTests {
    @Test func reviewerDrawsAReproduciblePanelWithTheHandlerRecused() throws {
        var caseID = ""
        var cli: [String: Any] = [:]
        let tmux = try TmuxSession.loggedIn(name: "孙评查", role: "reviewer", pin: "135791") { db in
            let seeded = try runFayuan(["seed", "--db", db, "--persons", "200", "--cases", "300", "--seed", "5"])
            guard seeded.status == 0 else { throw TmuxSession.Failure(description: "seed 失败：\(seeded.stderr)") }
            let listed = try runFayuan(as: "孙评查", pin: "135791", ["pool", "list", "--kind", "lawyer", "--db", db])
            let providers = ((try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["providers"]
                             as? [[String: Any]]) ?? []
            guard providers.count >= 5 else { throw TmuxSession.Failure(description: "示例库律师不足：\(listed.stdout)\(listed.stderr)") }
            for p in providers {
                let added = try runFayuan(as: "孙评查", pin: "135791", ["pool", "add", String(p["id"] as? Int ?? 0), "--pool", "评查专家库",
                                                                       "--joined", "2020-01-01", "--db", db])
                guard added.status == 0 else { throw TmuxSession.Failure(description: "入库失败：\(added.stderr)") }
            }
            let closed = try runFayuan(as: "孙评查", pin: "135791", ["case", "list", "--stage", "closed", "--db", db])
            let cases = ((try? JSONSerialization.jsonObject(with: Data(closed.stdout.utf8)) as? [String: Any])?["cases"]
                         as? [[String: Any]]) ?? []
            guard let first = cases.first, let id = first["id"] as? Int else {
                throw TmuxSession.Failure(description: "示例库没有已结案件：\(closed.stderr)")
            }
            caseID = String(id)
            let drawn = try runFayuan(as: "孙评查", pin: "135791", ["pool", "panel", "draw", caseID, "--size", "2", "--seed", "777", "--db", db])
            guard drawn.status == 0 else { throw TmuxSession.Failure(description: "命令行抽取失败：\(drawn.stderr)") }
            cli = (try? JSONSerialization.jsonObject(with: Data(drawn.stdout.utf8)) as? [String: Any]) ?? [:]
        }
        let members = ((cli["members"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        let handler = try #require(cli["handlerName"] as? String)
        #expect(members.count == 2 && !members.contains(handler))

        try tmux.type("p")
        try tmux.waitFor("【人员名册】")
        try tmux.press("F3")
        try tmux.waitFor("F2 抽取")
        try tmux.type(caseID)
        try tmux.press("Tab")
        try tmux.press("BSpace")
        try tmux.type("2")
        try tmux.press("Tab")
        for _ in 0..<14 { try tmux.press("BSpace") }
        try tmux.type("777")
        try tmux.press("F2")
        let screen = try tmux.waitFor("按种子重抽结果一致 ✓")
        let lines = screen.components(separatedBy: "\n")
        #expect(lines.count >= 24 && lines[23].hasPrefix("1帮助"), "\(screen)")
        #expect(screen.contains("种子 777"), "\(screen)")
        // The console's panel is the command line's: same seed, same members, same order.
        let shown = lines.filter { $0.contains(". ") && $0.contains("（") && !$0.contains("✗") }
        #expect(shown.count == 2, "\(screen)")
        for (i, name) in members.enumerated() where i < shown.count {
            #expect(shown[i].contains("\(i + 1). \(name)"), "\(screen)")
        }
        // The handling lawyer is only under 回避, never a member.
        // (The seeded handler may be inactive and so outside the pool; when in it, recused by name.)
        let recused = ((cli["recusals"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        if recused.contains(handler) { #expect(screen.contains("✗ \(handler)：本案承办律师"), "\(screen)") }
        #expect(!shown.contains { $0.contains(handler) }, "\(screen)")
        // The firm's other lawyers: one line naming how many were recused.
        #expect(screen.contains("✗ 与承办律师同所"), "\(screen)")
    }
}
