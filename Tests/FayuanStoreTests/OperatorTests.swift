import FayuanCore
import Foundation
import Testing
@testable import FayuanStore

/// A clock the test moves forward.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_780_000_000)
    func read() -> Date { lock.lock(); defer { lock.unlock() }; return now }
    func advance(minutes: Double) { lock.lock(); now = now.addingTimeInterval(minutes * 60); lock.unlock() }
}

@Suite struct OperatorTests {
    let rounds = 1_000   // the hash format carries the rounds; production uses PINHash.defaultRounds

    @Test func pinHashIsSaltedAndVerifies() throws {
        let a = try PINHash.make(pin: "246810", rounds: rounds)
        let b = try PINHash.make(pin: "246810", rounds: rounds)
        #expect(a != b, "每个操作员的盐不同")
        #expect(a.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(PINHash.verify(pin: "246810", stored: a))
        #expect(!PINHash.verify(pin: "246811", stored: a))
        #expect(!PINHash.verify(pin: "246810", stored: "张三的明文密码"))
        #expect(PINHash.defaultRounds >= 600_000, "OWASP 建议的 PBKDF2-SHA256 轮数")
    }

    @Test func firstAdministratorThenOnlyAdministratorsAdd() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("操作员.db"))
        #expect(try store.needsFirstAdministrator())
        #expect(throws: StoreError.self) {
            try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .firstRun, kdfRounds: rounds)
        }
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: rounds)
        #expect(!(try store.needsFirstAdministrator()))
        #expect(throws: StoreError.self) {
            try store.createOperator(name: "王强", role: .admin, pin: "482615", by: .firstRun, kdfRounds: rounds)
        }
        let clerk = try store.createOperator(name: "李娜", role: .windowClerk, pin: "482615", by: .operatorRecord(admin), kdfRounds: rounds)
        #expect(throws: PermissionDenied(role: .windowClerk, permission: .manageOperators)) {
            try store.createOperator(name: "赵磊", role: .dutyLawyer, pin: "731946", by: .operatorRecord(clerk), kdfRounds: rounds)
        }
        #expect(try store.operators().map(\.name) == ["张敏", "李娜"])
    }

    @Test func pinRulesAreExplainedInChinese() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("规则.db"))
        #expect(try store.pinProblem("12345") == "PIN 须为至少 6 位数字")
        #expect(try store.pinProblem("12345a") == "PIN 须为至少 6 位数字")
        #expect(try store.pinProblem("888888") == "PIN 不能全是同一个数字")
        #expect(try store.pinProblem("123456") == "PIN 不能是连续数字")
        #expect(try store.pinProblem("246810") == nil)
    }

    @Test func fiveWrongPINsLockForFifteenMinutesAndEverythingIsAudited() throws {
        let dir = TempDir()
        let clock = TestClock()
        let store = try CaseStore.open(StoreLocation(path: dir.file("锁定.db")), clock: { clock.read() })
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: rounds)
        let id = admin.id!
        for remaining in [4, 3, 2, 1] {
            #expect(try store.login(operatorID: id, pin: "111111") == .wrongPIN(remaining: remaining))
        }
        guard case .locked = try store.login(operatorID: id, pin: "111111") else {
            Issue.record("第五次错误应锁定"); return
        }
        guard case .locked = try store.login(operatorID: id, pin: "246810") else {
            Issue.record("锁定期间正确 PIN 也应被拒绝"); return
        }
        clock.advance(minutes: 14)
        guard case .locked = try store.login(operatorID: id, pin: "246810") else {
            Issue.record("14 分钟时仍应锁定"); return
        }
        clock.advance(minutes: 1.1)
        guard case .success = try store.login(operatorID: id, pin: "246810") else {
            Issue.record("15 分钟后应可登录"); return
        }
        let actions = try store.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log WHERE entity = 'operator' ORDER BY id") }
        #expect(actions == ["create", "login_failed", "login_failed", "login_failed", "login_failed", "login_locked",
                            "login_refused", "login_refused", "login"])
        #expect(try store.verifyAuditChain() == nil)
    }

    @Test func settingsChangeTheLimits() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("设置.db"))
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: rounds)
        var settings = try store.securitySettings()
        #expect(settings == SecuritySettings())
        settings.maxFailedAttempts = 3
        settings.pinMinLength = 8
        try store.setSecuritySettings(settings, by: .operatorRecord(admin))
        #expect(try store.pinProblem("2468135") == "PIN 须为至少 8 位数字")
        for remaining in [2, 1] { #expect(try store.login(operatorID: admin.id!, pin: "00000000") == .wrongPIN(remaining: remaining)) }
        guard case .locked = try store.login(operatorID: admin.id!, pin: "00000000") else { Issue.record("第三次应锁定"); return }
        try store.resetPIN(operatorID: admin.id!, newPIN: "97531864", by: .commandLine, kdfRounds: rounds)
        guard case .success = try store.login(operatorID: admin.id!, pin: "97531864") else { Issue.record("重置后应可登录"); return }
    }

    @Test func lastAdministratorCannotBeDisabledAndRevealsAreAudited() throws {
        let dir = TempDir()
        let store = try openStore(dir.file("停用.db"))
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: rounds)
        #expect(throws: StoreError.self) { try store.setOperatorDisabled(admin.id!, true, by: .commandLine) }
        let lawyer = try store.createOperator(name: "赵律师", role: .dutyLawyer, pin: "731946", by: .commandLine, kdfRounds: rounds)
        try store.setOperatorDisabled(lawyer.id!, true, by: .operatorRecord(admin))
        #expect(try store.login(operatorID: lawyer.id!, pin: "731946") == .disabled)
        try store.recordReveal(applicantID: 42, field: "证件号码", by: admin)
        let reveal = try store.read { db in try SQLRow.fetchOne(db, sql: "SELECT * FROM audit_log WHERE action = 'reveal'") }
        #expect(reveal?["operator_id"] == admin.id)
        #expect(reveal?["entity_id"] == "42")
        #expect((reveal?["detail"] as String?) == "查看完整证件号码")
    }
}
