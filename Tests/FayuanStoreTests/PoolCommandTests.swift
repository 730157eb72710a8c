import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// `fayuan pool …` through the real binary (cli.md): JSON on stdout, Chinese on stderr, exit 2
/// naming the option for bad input, exit 4 for a role that may not, and the reproducible
/// peer-review panel with the handling lawyer and their firm recused.
@Suite(.serialized) struct PoolCommandTests {
    final class Setup {
        let dir = TempDir()
        let binary: String
        var db: String { dir.file("人员库.db") }
        var closedCase: Int64 = 0

        init?() throws {
            guard let binary = FayuanBinary.locate() else { return nil }
            self.binary = binary
            let store = try openStore(db)
            let centre = try store.addStation(Station(code: "320707000", name: "连云港市赣榆区公共法律服务中心", kind: .countyCentre), by: nil)
            _ = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
            let reviewer = try store.createOperator(name: "徐静", role: .reviewer, pin: "135790", by: .commandLine, kdfRounds: 1000)
            let closer = try store.createOperator(name: "马骏", role: .reviewer, pin: "246813", by: .commandLine, kdfRounds: 1000)
            _ = try store.createOperator(name: "王丽", role: .windowClerk, pin: "112233", by: .commandLine, kdfRounds: 1000)
            var lawyers: [Provider] = []
            for (name, firm) in [("陈志远", "江苏连云律师事务所"), ("刘海燕", "江苏连云律师事务所"), ("孙建国", "赣榆正大律师事务所"),
                                 ("周晓梅", "赣榆正大律师事务所"), ("吴国平", "海州明法律师事务所")] {
                lawyers.append(try store.addProvider(Provider(name: name, kind: .lawyer, organisation: firm, stationID: centre.id), by: nil))
            }
            let person = try store.saveApplicant(Applicant(name: "李桂英", phone: "13812341234"), by: nil)
            let opened = try store.openApplication(AidCase(centreID: centre.id!, stationID: centre.id!, applicantID: person.id!, kind: .civil,
                                                           cause: "labor_remuneration", appliedOn: "2025-03-03"), by: reviewer.id)
            _ = try store.acceptCase(opened.id!, on: "2025-03-03", by: reviewer.id)
            try store.decide(opened.id!, grant: true, reasons: ["in_scope_hardship"], text: "欠薪属实", on: "2025-03-03", role: .reviewer, by: reviewer.id)
            try store.assign(opened.id!, to: lawyers[2].id!, suggestedID: nil, overrideReason: nil, explanation: "", on: "2025-03-04",
                             role: .reviewer, by: reviewer.id)
            try store.submitForClosing(opened.id!, outcome: "调解结案", on: "2025-05-04", role: .reviewer, by: reviewer.id)
            try store.reviewClosing(opened.id!, approve: true, note: "", on: "2025-05-05", role: .reviewer, by: closer.id)
            closedCase = opened.id!
            try store.close()
        }

        func run(_ who: String, _ pin: String, _ args: [String]) throws -> FayuanBinary.Run {
            try FayuanBinary.runAs(binary, who, pin: pin, ["pool"] + args + ["--db", db], in: dir.path)
        }

        func json(_ r: FayuanBinary.Run) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
        }
    }

    @Test func registerPoolsPanelAndVolunteerFromTheCommandLine() throws {
        guard let s = try Setup() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        // Unknown pool: exit 2 naming the option; a window clerk may not keep the pools: exit 4.
        var r = try s.run("徐静", "135790", ["add", "陈志远", "--pool", "专家"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--pool：未知的人员库“专家”"))
        r = try s.run("王丽", "112233", ["add", "陈志远", "--pool", "评查专家库"])
        #expect(r.status == 4)
        #expect(r.stderr.contains("无权操作"))
        for name in ["陈志远", "刘海燕", "孙建国", "周晓梅", "吴国平"] {
            r = try s.run("徐静", "135790", ["add", name, "--pool", "review_experts", "--joined", "2025-01-01"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        r = try s.run("徐静", "135790", ["register", "吴国平", "--specialties", "未成年人,labor", "--practice-start", "2012-09-01"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect((s.json(r)["specialtyLabels"] as? [String]) == ["劳动", "未成年人"])
        r = try s.run("徐静", "135790", ["register", "吴国平", "--specialties", "离婚"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--specialties：未知的专业领域“离婚”"))
        r = try s.run("王丽", "112233", ["list", "--pool", "评查专家库"])
        #expect(r.status == 0)
        #expect(((s.json(r)["providers"] as? [[String: Any]]) ?? []).count == 5)
        r = try s.run("王丽", "112233", ["list", "--specialty", "minors"])
        #expect(((s.json(r)["providers"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String } == ["吴国平"])

        // The panel: same seed, same members; the handler 孙建国 and 周晓梅 of his firm never drawn.
        let c = String(s.closedCase)
        r = try s.run("王丽", "112233", ["panel", "draw", c, "--size", "2", "--seed", "42"])
        #expect(r.status == 4)
        r = try s.run("徐静", "135790", ["panel", "draw", c, "--size", "2", "--seed", "42"])
        #expect(r.status == 0, "\(r.stderr)")
        let first = s.json(r)
        let names = ((first["members"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        #expect(names.count == 2)
        #expect(!names.contains("孙建国") && !names.contains("周晓梅"))
        #expect(first["seed"] as? String == "42")
        #expect(((first["recusals"] as? [[String: Any]]) ?? []).compactMap { $0["reason"] as? String }.sorted()
                == ["与承办律师同所（赣榆正大律师事务所）", "本案承办律师"])
        #expect(r.stderr.contains("评查组："))
        r = try s.run("徐静", "135790", ["panel", "draw", c, "--size", "2", "--seed", "42"])
        #expect(((s.json(r)["members"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String } == names)
        r = try s.run("徐静", "135790", ["panel", "draw", c, "--size", "4", "--seed", "42"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("评查专家不足：需要 4 人，回避 2 人后只剩 3 人"))
        r = try s.run("徐静", "135790", ["panel", "verify", String(first["id"] as? Int ?? 0)])
        #expect(r.status == 0 && s.json(r)["reproduced"] as? String == "true")

        // A volunteer: 10 hours on one day need a note; then 8 are counted.
        r = try s.run("徐静", "135790", ["volunteer", "apply", "--name", "林小雨", "--skills", "手语翻译", "--phone", "13905180099", "--on", "2025-05-01"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.json(r)["phoneMasked"] as? String == "139****0099")
        let v = String(s.json(r)["id"] as? Int ?? 0)
        r = try s.run("徐静", "135790", ["volunteer", "register", v, "--platform-no", "32070720250001", "--on", "2025-05-02"])
        #expect(r.status == 0, "\(r.stderr)")
        r = try s.run("徐静", "135790", ["volunteer", "log", v, "--day", "2025-07-12", "--hours", "10", "--activity", "防汛安置点法律咨询"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("须另附说明"))
        r = try s.run("徐静", "135790", ["volunteer", "log", v, "--day", "2025-07-12", "--hours", "十", "--activity", "咨询"])
        #expect(r.status == 2 && r.stderr.contains("--hours"))
        r = try s.run("徐静", "135790", ["volunteer", "log", v, "--day", "2025-07-12", "--hours", "10", "--activity", "防汛安置点法律咨询",
                                          "--overflow-note", "安置点群众集中，连续服务"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(s.json(r)["countedMinutes"] as? Int == 480 && s.json(r)["overflowMinutes"] as? Int == 120)

        r = try s.run("徐静", "135790", ["leading", "--year", "2025"])
        #expect(r.status == 0)
        #expect((s.json(r)["leadingLawyers"] as? [Any])?.isEmpty == true)
    }

    @Test func helpIsChinese() throws {
        guard let binary = FayuanBinary.locate() else { return }
        let dir = TempDir()
        let r = try FayuanBinary.runToEnd(binary, ["pool", "panel", "draw", "--help"], in: dir.path, tag: "help", stdin: "")
        #expect(r.status == 0)
        #expect(r.stdout.contains("为一件已结案件从评查专家库随机抽取评查组"))
        #expect(r.stdout.contains("随机种子"))
    }
}
