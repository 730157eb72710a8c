import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// Finding 5 (issue 17): output files are private from the first byte, never follow a planted
/// symlink, never overwrite by accident, are never half-written, and cannot run formulas.
@Suite struct SafeFileTests {
    func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    func leftovers(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
    }

    @Test func createsOwnerOnlyAndRefusesToOverwriteWithoutForce() throws {
        let dir = TempDir()
        let path = dir.file("月报.txt")
        umask(0o022)
        try SafeFile.write("泽州县法律援助月报\n", to: path)
        #expect(try mode(path) == 0o600)
        #expect(throws: StoreError.invalidInput(field: "输出文件", message: "\(path) 已存在；确需覆盖请加 --force")) {
            try SafeFile.write("改写", to: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "泽州县法律援助月报\n")
        try SafeFile.write("第二版", to: path, force: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "第二版")
        #expect(try mode(path) == 0o600)
        #expect(try leftovers(dir.path).isEmpty)
    }

    @Test func aPlantedSymlinkIsRefusedNotFollowed() throws {
        let dir = TempDir()
        let victim = dir.file("别人的文件.txt")
        try "原有内容".write(toFile: victim, atomically: true, encoding: .utf8)
        let link = dir.file("导出.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim)
        for force in [false, true] {
            #expect(throws: StoreError.self) { try SafeFile.write("张三,=1+1", to: link, force: force) }
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "原有内容")
        let (store, _, clerk) = try makeStoreWithStation(dir)
        try store.saveApplicant(Applicant(name: "张三"), by: clerk.id)
        #expect(throws: StoreError.self) { try store.exportCSV(table: "applicant", to: link) }
        #expect(throws: StoreError.self) { try store.backup(to: link) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "原有内容")
        #expect(try leftovers(dir.path).isEmpty)
    }

    /// A real full disk: a 64 KiB tmpfs (needs root to mount; CI runs as root).
    @Test(.enabled(if: getuid() == 0)) func aFullDiskLeavesNoFileAndNoTemporary() throws {
        let dir = TempDir()
        let mountPoint = dir.file("小盘")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint]
        try mount.run(); mount.waitUntilExit()
        try #require(mount.terminationStatus == 0, "无法挂载 tmpfs")
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [mountPoint]
            try? umount.run(); umount.waitUntilExit()
        }
        let path = mountPoint + "/申请人.csv"
        let big = String(repeating: "李秀英,泽州县巴公镇东村,13812345678\r\n", count: 8_000)
        do {
            try SafeFile.write(big, to: path)
            Issue.record("磁盘满时应失败")
        } catch let error as StoreError {
            #expect(error.isStoreProblem)  // exit 3
            #expect(error.description.contains("磁盘空间不足"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: mountPoint).isEmpty)
    }

    @Test func formulaCellsAreNeutralised() throws {
        #expect(CSV.line(["=HYPERLINK(\"http://x\",\"张三\")", "+86 138", "-1+1", "@SUM(A1)", "\t=1", "张三", "-5", "+3.5", ""])
            == "\"'=HYPERLINK(\"\"http://x\"\",\"\"张三\"\")\",'+86 138,'-1+1,'@SUM(A1),'\t=1,张三,-5,+3.5,\r\n")
        #expect(CSV.unneutralised("'=1+1") == "=1+1")
        #expect(CSV.unneutralised("'张三") == "'张三")
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        try store.saveApplicant(Applicant(name: "=cmd|'/c calc'!A1", address: "@泽州县"), by: clerk.id)
        let path = dir.file("申请人.csv")
        try store.exportCSV(table: "applicant", to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("'=cmd|'/c calc'!A1"))
        #expect(text.contains(",'@泽州县,"))
        #expect(try mode(path) == 0o600)
    }

    @Test func confidentialContactNeverLeavesInClear() throws {
        let dir = TempDir()
        let (store, centre, clerk) = try makeStoreWithStation(dir)
        let hidden = try store.saveApplicant(Applicant(name: "李秀英", idNumber: "11010519491231002X", phone: "13812345678",
                                                       address: "泽州县巴公镇东村"), by: clerk.id)
        try store.saveApplicant(Applicant(name: "王建国", phone: "13900001111", address: "泽州县南村镇"), by: clerk.id)
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO aid_case(centre_id, applicant_id, kind, cause, step, applied_on, accepted_on, confidential, created_at, updated_at)
                VALUES (?, ?, 'civil', '家庭暴力', 'accepted', '2026-11-02', '2026-11-02', 1, '2026-11-02T00:00:00Z', '2026-11-02T00:00:00Z')
                """, arguments: [centre.id, hidden.id])
        }
        let admin = try store.addOperator(Operator(name: "管理员张敏", role: .admin), by: nil)
        let path = dir.file("申请人.csv")
        try store.exportCSV(table: "applicant", to: path, clearIDNumbers: true, by: admin)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("13812345678"))
        #expect(!text.contains("巴公镇东村"))
        #expect(text.contains("李秀英") && text.contains(PrivacyPolicy.hiddenText))
        #expect(text.contains("13900001111"))  // not 保密: as before
        let rows = try store.provincialCases(period: .year(2026), role: .reviewer, clearIDNumbers: true)
        #expect(rows.count == 1)
        #expect(!rows[0].values.contains("13812345678") && !rows[0].values.contains("泽州县巴公镇东村"))
        #expect(rows[0].values[12] == PrivacyPolicy.hiddenText)
    }

    @Test func fullIDNumbersOnlyForRolesThatMayAndAudited() throws {
        let dir = TempDir()
        let (store, _, clerk) = try makeStoreWithStation(dir)
        try store.saveApplicant(Applicant(name: "张三丰", idNumber: "11010519491231002X"), by: clerk.id)
        let path = dir.file("申请人.csv")
        #expect(throws: StoreError.self) { try store.exportCSV(table: "applicant", to: path, clearIDNumbers: true) }
        #expect(throws: StoreError.self) { try store.exportCSV(table: "applicant", to: path, clearIDNumbers: true, by: clerk) }
        #expect(!FileManager.default.fileExists(atPath: path))
        let reviewer = try store.addOperator(Operator(name: "审查员陈静", role: .reviewer), by: nil)
        #expect(try store.exportCSV(table: "applicant", to: path, clearIDNumbers: true, by: reviewer) == 1)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("11010519491231002X"))
        let entry = try #require(try store.recentAudit(limit: 1).first)
        #expect(entry.operatorID == reviewer.id && entry.action == "export")
        #expect(entry.detail.contains(path) && entry.detail.contains("1行"))
    }
}
