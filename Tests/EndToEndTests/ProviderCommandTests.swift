import Foundation
import Testing

/// `fayuan provider`: the lawyer profile the assignment wheel reads, set from a script.
@Suite struct ProviderCommandTests {
    @Test func setYearsAndSpecialtiesThenList() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fayuan-provider-\(getpid())-\(Int.random(in: 0...999_999))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("承办人员.db").path
        try addOperator(db: db, name: "张敏", role: "admin", pin: "246810")
        #expect(try runFayuan(["seed", "--db", db, "--persons", "50", "--cases", "10"]).status == 0)
        let set = try runFayuan(as: "张敏", pin: "246810", ["provider", "set", "1", "--db", db, "--years", "6", "--specialties", "labor_remuneration,work_injury"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stderr.contains("已更新"))
        let list = try runFayuan(as: "张敏", pin: "246810", ["provider", "list", "--db", db])
        #expect(list.status == 0)
        #expect(list.stdout.contains("\"practiceYears\" : 6"), "\(list.stdout.prefix(400))")
        #expect(list.stdout.contains("\"kindLabel\" : \"律师\"") || list.stdout.contains("\"kindLabel\""))
        let missing = try runFayuan(as: "张敏", pin: "246810", ["provider", "set", "不存在的律师", "--db", db, "--years", "3"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("找不到承办人员"))
        let bad = try runFayuan(["provider", "set", "1", "--db", db, "--years", "99"])
        #expect(bad.status == 2, "命令行参数有误应退出 2（cli.md）")
        #expect(bad.stderr.contains("--years"))
    }
}
