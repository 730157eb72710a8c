import FayuanCore
import Foundation

/// Shared-terminal security settings, kept in the `setting` table so an administrator can change
/// them without a rebuild. Missing keys take the defaults below.
public struct SecuritySettings: Sendable, Equatable {
    public var pinMinLength = 6
    public var maxFailedAttempts = 5
    public var lockoutMinutes = 15
    public var idleLockMinutes = 5

    public init() {}

    static let keys = (pinMinLength: "security.pin_min_length", maxFailed: "security.max_failed_attempts",
                       lockout: "security.lockout_minutes", idle: "security.idle_lock_minutes")
}

/// What happened when someone tried to log in.
public enum LoginOutcome: Sendable, Equatable {
    case success(Operator)
    /// Wrong PIN; `remaining` more tries before the operator is locked.
    case wrongPIN(remaining: Int)
    /// Too many wrong PINs: locked until the given time (ISO 8601, UTC).
    case locked(until: String)
    case disabled
    case unknownOperator

    /// A Chinese sentence for the login screen and the CLI.
    public var message: String {
        switch self {
        case .success(let op): return "欢迎，\(op.name)（\(op.role.label)）"
        case .wrongPIN(let remaining): return "PIN 不正确，还可再试 \(remaining) 次"
        case .locked(let until): return "错误次数过多，该操作员已锁定至 \(StoreTime.localClock(until))，请稍后再试或请管理员重置"
        case .disabled: return "该操作员已停用，请联系管理员"
        case .unknownOperator: return "没有这个操作员"
        }
    }
}

/// Who is making an administrative change: an operator at the console (permissions apply), the
/// store file's owner at the command line (`fayuan user …`; trusted like the file itself), or
/// nobody yet (the first administrator of a new store).
public enum Actor: Sendable, Equatable {
    case operatorRecord(Operator)
    case commandLine
    case firstRun

    var operatorID: Int64? {
        if case .operatorRecord(let op) = self { return op.id }
        return nil
    }

    func require(_ permission: Permission) throws {
        if case .operatorRecord(let op) = self { try AccessPolicy.require(op.role, permission) }
    }

    var auditNote: String {
        switch self {
        case .operatorRecord: return ""
        case .commandLine: return "（命令行）"
        case .firstRun: return "（首次使用）"
        }
    }
}

extension CaseStore {
    public func securitySettings() throws -> SecuritySettings {
        try read { db in try Self.securitySettings(db) }
    }

    static func securitySettings(_ db: any SQLSession) throws -> SecuritySettings {
        var s = SecuritySettings()
        func int(_ key: String) throws -> Int? {
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]).flatMap(Int.init)
        }
        let k = SecuritySettings.keys
        if let v = try int(k.pinMinLength), v >= 4 { s.pinMinLength = v }
        if let v = try int(k.maxFailed), v >= 1 { s.maxFailedAttempts = v }
        if let v = try int(k.lockout), v >= 1 { s.lockoutMinutes = v }
        if let v = try int(k.idle), v >= 1 { s.idleLockMinutes = v }
        return s
    }

    /// Changes the security settings (administrators only; audited).
    public func setSecuritySettings(_ s: SecuritySettings, by actor: Actor) throws {
        try actor.require(.manageSettings)
        let now = timestamp()
        try write { db in
            let k = SecuritySettings.keys
            for (key, value) in [(k.pinMinLength, s.pinMinLength), (k.maxFailed, s.maxFailedAttempts),
                                 (k.lockout, s.lockoutMinutes), (k.idle, s.idleLockMinutes)] {
                try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, String(value)])
            }
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "setting",
                                entityID: "security", before: nil, after: nil,
                                detail: actor.auditNote + "PIN≥\(s.pinMinLength) 位，\(s.maxFailedAttempts) 次错误锁定 \(s.lockoutMinutes) 分钟，闲置 \(s.idleLockMinutes) 分钟锁屏")
        }
    }

    /// All operators, enabled first, by name.
    public func operators(includeDisabled: Bool = true) throws -> [Operator] {
        try read { db in
            try Operator.fetchAll(db, sql: "SELECT * FROM operator \(includeDisabled ? "" : "WHERE disabled = 0 ") ORDER BY disabled, id")
        }
    }

    public func operatorRecord(id: Int64) throws -> Operator? {
        try read { db in try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [id]) }
    }

    /// True when the store has no operator yet: the console then asks for the administrator first.
    public func needsFirstAdministrator() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator") ?? 0 } == 0
    }

    /// Checks a PIN against the rules; nil when acceptable, else the Chinese reason.
    public func pinProblem(_ pin: String) throws -> String? {
        let minimum = try securitySettings().pinMinLength
        if pin.count < minimum || !pin.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "PIN 须为至少 \(minimum) 位数字"
        }
        if Set(pin).count == 1 { return "PIN 不能全是同一个数字" }
        if "0123456789012345678909876543210".contains(pin) { return "PIN 不能是连续数字" }
        return nil
    }

    /// Creates an operator with a PIN. `.firstRun` works only for the first administrator of a new
    /// store; at the console only administrators may do this.
    @discardableResult
    public func createOperator(name: String, role: OperatorRole, pin: String, stationID: Int64? = nil,
                               by actor: Actor, kdfRounds: Int = PINHash.defaultRounds) throws -> Operator {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 20 else {
            throw StoreError.invalidInput(field: "姓名", message: "请填写姓名（不超过 20 个字）")
        }
        if let problem = try pinProblem(pin) { throw StoreError.invalidInput(field: "PIN", message: problem) }
        let hash = try PINHash.make(pin: pin, rounds: kdfRounds)
        let now = timestamp()
        return try write { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator") ?? 0
            if actor == .firstRun, count > 0 || role != .admin {
                throw StoreError.invalidInput(field: "操作员", message: "只有管理员可以添加操作员")
            }
            try actor.require(.manageOperators)
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator WHERE name = ? AND disabled = 0", arguments: [trimmed]) ?? 0 > 0 {
                throw StoreError.invalidInput(field: "姓名", message: "已有同名操作员“\(trimmed)”，请加以区分（例如 张敏2）")
            }
            let insertedID = try db.insertReturningID(sql: "INSERT INTO operator(name, role, station_id, pin_hash, pin_salt, created_at) VALUES (?,?,?,?,?,?)",
                           arguments: [trimmed, role.rawValue, stationID, hash, "", now])
            let id = insertedID
            try AuditLog.append(db, at: now, operatorID: actor.operatorID ?? id, action: "create", entity: "operator",
                                entityID: String(id), before: nil,
                                after: AuditDigest.of([("name", trimmed), ("role", role.rawValue)], secret: try storeSecret(db)),
                                detail: actor.auditNote + "新建操作员 \(trimmed)（\(role.label)）")
            return try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [id])!
        }
    }

    /// Verifies a PIN. Counts failures and locks the operator after too many; every attempt is audited.
    public func login(operatorID: Int64, pin: String) throws -> LoginOutcome {
        try checkPIN(operatorID: operatorID, pin: pin, quietSuccess: false)
    }

    /// The one PIN check behind the console login and the command line (`authenticate`): the same
    /// failure counting, lockout and audit. With `quietSuccess`, a right PIN for an operator with
    /// no failures and no lock writes nothing (a read-only subcommand then leaves the store as it
    /// was; the command's own audit entries name the operator and the channel).
    func checkPIN(operatorID: Int64, pin: String, quietSuccess: Bool) throws -> LoginOutcome {
        // The slow KDF runs outside the write transaction so other windows are not held up.
        guard let op = try operatorRecord(id: operatorID) else { return .unknownOperator }
        if op.disabled { return .disabled }
        let stored = try read { db in try String.fetchOne(db, sql: "SELECT pin_hash FROM operator WHERE id = ?", arguments: [operatorID]) } ?? nil
        let matches = stored.map { PINHash.verify(pin: pin, stored: $0) } ?? false
        let now = timestamp()
        if quietSuccess, matches, op.failedAttempts == 0, op.lockedUntil == nil {
            return .success(op)
        }
        return try write { db in
            let settings = try Self.securitySettings(db)
            guard let current = try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [operatorID]) else {
                return .unknownOperator
            }
            if let until = current.lockedUntil, until > now {
                try AuditLog.append(db, at: now, operatorID: operatorID, action: "login_refused", entity: "operator",
                                    entityID: String(operatorID), before: nil, after: nil, detail: "锁定期间尝试登录")
                return .locked(until: until)
            }
            if matches {
                try db.execute(sql: "UPDATE operator SET failed_attempts = 0, locked_until = NULL WHERE id = ?", arguments: [operatorID])
                try AuditLog.append(db, at: now, operatorID: operatorID, action: "login", entity: "operator",
                                    entityID: String(operatorID), before: nil, after: nil, detail: "登录成功")
                var fresh = current
                fresh.failedAttempts = 0
                fresh.lockedUntil = nil
                return .success(fresh)
            }
            // A lock that has expired starts a fresh count.
            let failures = (current.lockedUntil == nil ? current.failedAttempts : 0) + 1
            if failures >= settings.maxFailedAttempts {
                let until = StoreTime.format(clock().addingTimeInterval(Double(settings.lockoutMinutes) * 60))
                try db.execute(sql: "UPDATE operator SET failed_attempts = ?, locked_until = ? WHERE id = ?",
                               arguments: [failures, until, operatorID])
                try AuditLog.append(db, at: now, operatorID: operatorID, action: "login_locked", entity: "operator",
                                    entityID: String(operatorID), before: nil, after: nil,
                                    detail: "连续 \(failures) 次 PIN 错误，锁定 \(settings.lockoutMinutes) 分钟")
                return .locked(until: until)
            }
            try db.execute(sql: "UPDATE operator SET failed_attempts = ?, locked_until = NULL WHERE id = ?",
                           arguments: [failures, operatorID])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "login_failed", entity: "operator",
                                entityID: String(operatorID), before: nil, after: nil, detail: "PIN 错误（第 \(failures) 次）")
            return .wrongPIN(remaining: settings.maxFailedAttempts - failures)
        }
    }

    /// Sets a new PIN and clears any lock (administrators only; audited).
    public func resetPIN(operatorID: Int64, newPIN: String, by actor: Actor, kdfRounds: Int = PINHash.defaultRounds) throws {
        try actor.require(.manageOperators)
        if let problem = try pinProblem(newPIN) { throw StoreError.invalidInput(field: "PIN", message: problem) }
        let hash = try PINHash.make(pin: newPIN, rounds: kdfRounds)
        let now = timestamp()
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator WHERE id = ?", arguments: [operatorID]) == 1 else {
                throw StoreError.notFound(entity: "操作员", id: String(operatorID))
            }
            try db.execute(sql: "UPDATE operator SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?",
                           arguments: [hash, operatorID])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "reset_pin", entity: "operator",
                                entityID: String(operatorID), before: nil, after: nil, detail: actor.auditNote + "重置 PIN 并解除锁定")
        }
    }

    /// Disables (or re-enables) an operator (administrators only; audited). The last enabled
    /// administrator cannot be disabled, or nobody could manage the console.
    public func setOperatorDisabled(_ operatorID: Int64, _ disabled: Bool, by actor: Actor) throws {
        try actor.require(.manageOperators)
        let now = timestamp()
        try write { db in
            guard let target = try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [operatorID]) else {
                throw StoreError.notFound(entity: "操作员", id: String(operatorID))
            }
            if disabled, target.role == .admin,
               try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator WHERE role = 'admin' AND disabled = 0") ?? 0 <= 1 {
                throw StoreError.invalidInput(field: "操作员", message: "不能停用最后一位管理员")
            }
            try db.execute(sql: "UPDATE operator SET disabled = ? WHERE id = ?", arguments: [disabled, operatorID])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: disabled ? "disable" : "enable", entity: "operator",
                                entityID: String(operatorID), before: nil, after: nil,
                                detail: actor.auditNote + "\(disabled ? "停用" : "启用")操作员 \(target.name)")
        }
    }

    /// Records that an operator viewed a person's full ID number or phone (PIPL: sensitive data).
    public func recordReveal(applicantID: Int64, field: String, by op: Operator) throws {
        try AccessPolicy.require(op.role, .revealIdentity)
        let now = timestamp()
        try write { db in
            _ = try AuditLog.append(db, at: now, operatorID: op.id, action: "reveal", entity: "applicant",
                                entityID: String(applicantID), before: nil, after: nil, detail: "查看完整\(field)")
        }
    }

    /// Records a lock, unlock or operator switch at the terminal (audited, no data change).
    public func recordSessionEvent(_ action: String, detail: String, operatorID: Int64?) throws {
        let now = timestamp()
        try write { db in
            _ = try AuditLog.append(db, at: now, operatorID: operatorID, action: action, entity: "session",
                                entityID: operatorID.map(String.init) ?? "-", before: nil, after: nil, detail: detail)
        }
    }
}

extension StoreTime {
    /// "2026-06-08 14:05" in the machine's time zone, for messages.
    static func localClock(_ iso: String) -> String {
        guard let date = try? Date(iso, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else { return iso }
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }
}
