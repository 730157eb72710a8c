import Crypto
import FayuanCore
import Foundation

/// Why the store would not accept someone as an operator outside the console (the command line
/// exits 4 with this reason). Failed PINs count towards the lockout exactly as at the login screen.
public struct AuthenticationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The login outcome behind a PIN refusal (nil for token problems).
    public let outcome: LoginOutcome?
    public let reason: String

    public init(outcome: LoginOutcome?, reason: String) {
        self.outcome = outcome
        self.reason = reason
    }

    public var description: String { "身份验证未通过：\(reason)" }
}

/// A per-operator token for integrations (hotline platform, provincial system) that call the
/// command line. Only its SHA-256 is stored; the token itself is shown once, when made.
public struct OperatorToken: Sendable, Equatable, Codable {
    public var id: Int64
    public var operatorID: Int64
    public var operatorName: String
    public var label: String
    public var createdAt: String
    public var createdBy: Int64?
    public var revokedAt: String?
    public var lastUsedAt: String?

    public var isRevoked: Bool { revokedAt != nil }

    init(row: SQLRow) throws {
        id = row["id"]; operatorID = row["operator_id"]; operatorName = row["operator_name"] ?? ""
        label = row["label"]; createdAt = row["created_at"]; createdBy = row["created_by"]
        revokedAt = row["revoked_at"]; lastUsedAt = row["last_used_at"]
    }
}

extension CaseStore {
    /// Proves an operator outside the console: `nameOrID` is the operator's name (or numeric id),
    /// `pin` their PIN. The same check as the login screen (`login`): a wrong PIN counts towards
    /// the lockout and is audited, a locked or disabled operator is refused. Returns the operator
    /// whose role then governs what the caller may do.
    public func authenticate(operator nameOrID: String, pin: String) throws -> Operator {
        let wanted = nameOrID.trimmingCharacters(in: .whitespaces)
        let all = try operators()
        let byName = all.filter { $0.name == wanted }
        let candidates = byName.isEmpty ? all.filter { String($0.id ?? -1) == wanted } : byName
        // An enabled operator of that name wins over a disabled namesake.
        guard let op = candidates.first(where: { !$0.disabled }) ?? candidates.first, let id = op.id else {
            let now = timestamp()
            try write { db in
                _ = try AuditLog.append(db, at: now, operatorID: nil, action: "login_failed", entity: "operator", entityID: "-",
                                        before: nil, after: nil, detail: "没有操作员“\(wanted)”")
            }
            throw AuthenticationFailure(outcome: .unknownOperator, reason: "没有操作员“\(wanted)”")
        }
        let outcome = try checkPIN(operatorID: id, pin: pin, quietSuccess: true)
        guard case .success(let verified) = outcome else {
            throw AuthenticationFailure(outcome: outcome, reason: "\(op.name)：\(outcome.message)")
        }
        return verified
    }

    /// Proves an operator by a token made with `createToken`. Refused when the token is unknown or
    /// revoked, or when its operator is disabled or locked out (as at the login screen).
    public func authenticate(token: String) throws -> Operator {
        let hash = Self.tokenHash(token.trimmingCharacters(in: .whitespacesAndNewlines))
        let now = timestamp()
        enum Check { case ok(Operator), refused(String) }
        let result: Check = try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM operator_token WHERE token_hash = ?", arguments: [hash]) else {
                try AuditLog.append(db, at: now, operatorID: nil, action: "login_failed", entity: "operator_token", entityID: "-",
                                    before: nil, after: nil, detail: "未知的接口令牌")
                return .refused("接口令牌无效（不存在或已被删除）")
            }
            let tokenID: Int64 = row["id"]
            let operatorID: Int64 = row["operator_id"]
            let label: String = row["label"]
            func refuse(_ why: String) throws -> Check {
                try AuditLog.append(db, at: now, operatorID: operatorID, action: "login_refused", entity: "operator_token",
                                    entityID: String(tokenID), before: nil, after: nil, detail: "令牌“\(label)”：\(why)")
                return .refused(why)
            }
            if (row["revoked_at"] as String?) != nil { return try refuse("该接口令牌已撤销") }
            guard let op = try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [operatorID]) else {
                return try refuse(LoginOutcome.unknownOperator.message)
            }
            if op.disabled { return try refuse(LoginOutcome.disabled.message) }
            if let until = op.lockedUntil, until > now { return try refuse(LoginOutcome.locked(until: until).message) }
            try db.execute(sql: "UPDATE operator_token SET last_used_at = ? WHERE id = ?", arguments: [now, tokenID])
            return .ok(op)
        }
        switch result {
        case .ok(let op): return op
        case .refused(let why): throw AuthenticationFailure(outcome: nil, reason: why)
        }
    }

    /// Makes a token for `operatorID` (oneself, or anyone when the actor manages operators).
    /// Returns the record and the token text, which is never shown again.
    public func createToken(for operatorID: Int64, label: String, by actor: Operator) throws -> (OperatorToken, String) {
        guard actor.id == operatorID || AccessPolicy.allows(actor.role, .manageOperators) else {
            throw PermissionDenied(role: actor.role, permission: .manageOperators)
        }
        let trimmed = label.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 40, !trimmed.contains(where: { $0.isNewline }) else {
            throw StoreError.invalidInput(field: "label", message: "请填写令牌用途说明（1 到 40 个字，例如 热线平台）")
        }
        var rng = SystemRandomNumberGenerator()
        let token = "fyt_" + (0..<4).map { _ in String(format: "%016llx", rng.next() as UInt64) }.joined()
        let now = timestamp()
        let record: OperatorToken = try write { db in
            guard let target = try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [operatorID]) else {
                throw StoreError.notFound(entity: "操作员", id: String(operatorID))
            }
            guard !target.disabled else {
                throw StoreError.invalidInput(field: "操作员", message: "\(target.name) 已停用，不能为其新建令牌")
            }
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO operator_token(operator_id, label, token_hash, created_at, created_by) VALUES (?,?,?,?,?)
                """, arguments: [operatorID, trimmed, Self.tokenHash(token), now, actor.id])
            let id = insertedID
            try AuditLog.append(db, at: now, operatorID: actor.id, action: "create", entity: "operator_token", entityID: String(id),
                                before: nil, after: nil, detail: "为 \(target.name) 新建接口令牌“\(trimmed)”")
            return try Self.token(db, id: id)!
        }
        return (record, token)
    }

    /// Tokens the actor may see: their own; an operator manager sees everyone's (or one
    /// operator's when `operatorID` is given). Newest first.
    public func tokens(of operatorID: Int64? = nil, by actor: Operator) throws -> [OperatorToken] {
        let manager = AccessPolicy.allows(actor.role, .manageOperators)
        if let operatorID, operatorID != actor.id, !manager {
            throw PermissionDenied(role: actor.role, permission: .manageOperators)
        }
        let owner = operatorID ?? (manager ? nil : actor.id)
        return try read { db in
            try OperatorToken.fetchAll(db, sql: Self.tokenSelect + (owner == nil ? "" : " WHERE t.operator_id = ?") + " ORDER BY t.id DESC",
                                       arguments: owner.map { [$0] } ?? [])
        }
    }

    /// Revokes a token (its owner, or an operator manager). Audited.
    public func revokeToken(_ id: Int64, by actor: Operator) throws {
        let now = timestamp()
        try write { db in
            guard let token = try Self.token(db, id: id) else { throw StoreError.notFound(entity: "接口令牌", id: String(id)) }
            guard token.operatorID == actor.id || AccessPolicy.allows(actor.role, .manageOperators) else {
                throw PermissionDenied(role: actor.role, permission: .manageOperators)
            }
            guard token.revokedAt == nil else {
                throw StoreError.invalidInput(field: "ID", message: "令牌 #\(id) 已于 \(StoreTime.localClock(token.revokedAt!)) 撤销")
            }
            try db.execute(sql: "UPDATE operator_token SET revoked_at = ? WHERE id = ?", arguments: [now, id])
            try AuditLog.append(db, at: now, operatorID: actor.id, action: "revoke", entity: "operator_token", entityID: String(id),
                                before: nil, after: nil, detail: "撤销 \(token.operatorName) 的接口令牌“\(token.label)”")
        }
    }

    /// Records a command-line action that changes no row but must leave a trace (a backup of
    /// every record, an export): who, what, when, through which channel.
    public func recordCommandLineAccess(action: String, entity: String, detail: String, by op: Operator) throws {
        let now = timestamp()
        try write { db in
            _ = try AuditLog.append(db, at: now, operatorID: op.id, action: action, entity: entity, entityID: "-",
                                    before: nil, after: nil, detail: detail)
        }
    }

    static let tokenSelect = """
        SELECT t.*, o.name AS operator_name FROM operator_token t JOIN operator o ON o.id = t.operator_id
        """

    static func token(_ db: any SQLSession, id: Int64) throws -> OperatorToken? {
        try OperatorToken.fetchOne(db, sql: tokenSelect + " WHERE t.id = ?", arguments: [id])
    }

    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension OperatorToken: StoreRecord {}
