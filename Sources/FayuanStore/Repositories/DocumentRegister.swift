import FayuanCore
import Foundation

/// A document in the register: issued (numbered, when its kind has a series) in the transaction
/// of the action that produced it; `body` (the document model as JSON) and `path` are filled in
/// when it is first rendered, so a reprint is the same document with the same number.
public struct RegisteredDocument: Sendable, Equatable {
    public var id: Int64
    public var caseID: Int64?
    public var kind: DocumentKind
    public var title: String
    public var number: String?
    public var issuedOn: String
    public var operatorName: String?
    public var body: String?
    public var path: String?
    public var printedCount: Int
    public var lastPrintedAt: String?
}

extension CaseStore {
    /// Registers one document of a case inside the caller's transaction; a kind with a number
    /// series gets the next number of its centre and year (gapless: `Counters`). Audited.
    @discardableResult
    static func registerDocument(_ db: any SQLSession, caseID: Int64, kind: DocumentKind, day: String, operatorID: Int64?,
                                 at now: String) throws -> RegisteredDocument {
        guard let row = try SQLRow.fetchOne(db, sql: """
            SELECT c.centre_id, s.name AS centre_name FROM aid_case c LEFT JOIN station s ON s.id = c.centre_id WHERE c.id = ?
            """, arguments: [caseID]) else {
            throw StoreError.notFound(entity: "案件", id: String(caseID))
        }
        let centreID: Int64 = row["centre_id"]
        let year = Int(day.prefix(4)) ?? 0
        var number: String?
        var sequence: Int?
        if let word = kind.numberWord {
            let next = try Counters.next(db, scope: "document:\(kind.rawValue):\(centreID)", period: String(year))
            sequence = next
            number = DocumentNumber.format(year: year, centreAbbreviation: DocumentNumber.abbreviation(ofCentre: row["centre_name"] ?? ""),
                                           word: word, sequence: next)
        }
        let insertedID = try db.insertReturningID(sql: """
            INSERT INTO document_register(case_id, kind, title, number, year, sequence, issued_on, issued_at, operator_id)
            VALUES (?,?,?,?,?,?,?,?,?)
            """, arguments: [caseID, kind.rawValue, kind.title, number, year, sequence, day, now, operatorID])
        let id = insertedID
        try AuditLog.append(db, at: now, operatorID: operatorID, action: "issue", entity: "document", entityID: String(id),
                            before: nil, after: nil, detail: "案件 \(caseID) 出具\(kind.title)" + (number.map { "（\($0)）" } ?? ""))
        return RegisteredDocument(id: id, caseID: caseID, kind: kind, title: kind.title, number: number, issuedOn: day,
                                  operatorName: nil, body: nil, path: nil, printedCount: 0, lastPrintedAt: nil)
    }

    /// Issues documents of a case on their own (from the CLI or the case's print list) — one
    /// transaction; a kind already issued for the case and not numbered per issue is returned
    /// as it is instead of issued twice.
    public func issueDocuments(_ caseID: Int64, kinds: [DocumentKind], on day: String, role: OperatorRole,
                               by operatorID: Int64?) throws -> [RegisteredDocument] {
        try Self.requireDocumentRole(role)
        try StoreDate.validate(day, field: "day")
        let now = timestamp()
        return try write { db in
            try kinds.map { kind in
                if let existing = try Self.registered(db, caseID: caseID).last(where: { $0.kind == kind }) { return existing }
                return try Self.registerDocument(db, caseID: caseID, kind: kind, day: day, operatorID: operatorID, at: now)
            }
        }
    }

    /// The documents of a case in the order issued (the reprint list).
    public func issuedDocuments(_ caseID: Int64) throws -> [RegisteredDocument] {
        try read { db in try Self.registered(db, caseID: caseID) }
    }

    public func registeredDocument(_ id: Int64) throws -> RegisteredDocument {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: Self.registerSelect + " WHERE d.id = ?", arguments: [id]) else {
                throw StoreError.notFound(entity: "文书", id: String(id))
            }
            return Self.registered(row)
        }
    }

    /// Records a rendering or a printing of a registered document: its model (kept from the
    /// first rendering on, so a reprint is identical), where the PDF was written and, when it
    /// went to a printer, the count. Audited: who printed personal data, when, where.
    public func recordDocumentOutput(_ id: Int64, body: String, path: String, printRequested: Bool = false, printedTo printer: String?,
                                     role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requireDocumentRole(role)
        let now = timestamp()
        try write { db in
            guard let before = try SQLRow.fetchOne(db, sql: "SELECT * FROM document_register WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(entity: "文书", id: String(id))
            }
            let printed = printer != nil
            try db.execute(sql: """
                UPDATE document_register SET body = coalesce(body, ?), path = ?,
                    printed_count = printed_count + ?, last_printed_at = CASE WHEN ? THEN ? ELSE last_printed_at END
                WHERE id = ?
                """, arguments: [body, path, printed ? 1 : 0, printed, now, id])
            let title: String = before["title"]
            let number: String? = before["number"]
            // render: written when issued; print: the first time someone asked to print it;
            // reprint: every later time (with or without a printer, the PDF is written).
            let askedBefore = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'document' AND entity_id = ? AND action IN ('print', 'reprint'))
                """, arguments: [String(id)]) ?? false
            let action = !printRequested ? "render" : (askedBefore ? "reprint" : "print")
            let what = printer.map { "送打印机 \($0)" } ?? (printRequested ? "未送打印机，写入 PDF" : "写入 PDF")
            try AuditLog.append(db, at: now, operatorID: operatorID, action: action, entity: "document",
                                entityID: String(id), before: nil, after: nil,
                                detail: "\(title)\(number.map { "（\($0)）" } ?? "")\(what)：\(path)")
        }
    }

    static func requireDocumentRole(_ role: OperatorRole) throws {
        let allowed: Set<Permission> = [.takeApplication, .acceptApplication, .decideApplication, .assignLawyer, .closeCase]
        if AccessPolicy.permissions(of: role).isDisjoint(with: allowed) {
            throw PermissionDenied(role: role, permission: .acceptApplication)
        }
    }

    static let registerSelect = """
        SELECT d.*, o.name AS operator_name FROM document_register d LEFT JOIN operator o ON o.id = d.operator_id
        """

    static func registered(_ db: any SQLSession, caseID: Int64) throws -> [RegisteredDocument] {
        try SQLRow.fetchAll(db, sql: registerSelect + " WHERE d.case_id = ? ORDER BY d.id", arguments: [caseID]).map(registered)
    }

    static func registered(_ row: SQLRow) -> RegisteredDocument {
        RegisteredDocument(id: row["id"], caseID: row["case_id"], kind: DocumentKind(rawValue: row["kind"]) ?? .applicationForm,
                           title: row["title"], number: row["number"], issuedOn: row["issued_on"], operatorName: row["operator_name"],
                           body: row["body"], path: row["path"], printedCount: row["printed_count"], lastPrintedAt: row["last_printed_at"])
    }
}
