import Foundation
internal import GRDB

/// Every schema change, in order. A migration is never edited once committed: add a new one.
enum Migrations {
    static let identifiers = ["v1-core", "v2-person-search", "v3-queue", "v4-intake", "v5-pipeline", "v6-roster", "v7-reports", "v8-confidential", "v9-board", "v10-audit-channel", "v11-operator-token", "v12-audit-guard", "v13-case-seal", "v14-intake-identity", "v15-intake-documents", "v16-queue-series", "v16-consultation-phone", "v17-admin", "v18-special-group", "v18-subsidy-ledger", "v18-document-register", "v19-speed", "v20-handover", "v20-outreach", "v20-appointment", "v20-pool"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            try db.execute(sql: V1Core.sql)
        }
        migrator.registerMigration("v2-person-search") { db in
            try db.execute(sql: V2PersonSearch.tableSQL)
            try db.execute(sql: V2PersonSearch.indexSQL)
            // Existing applicants (stores from v1) get their search keys now.
            try PersonSearchIndex.rebuild(SQLiteSession(db))
        }
        migrator.registerMigration("v3-queue") { db in
            try db.execute(sql: V3Queue.sql)
        }
        migrator.registerMigration("v4-intake") { db in
            try db.execute(sql: V4Intake.sql)
        }
        migrator.registerMigration("v5-pipeline") { db in
            try db.execute(sql: V5Pipeline.sql)
        }
        migrator.registerMigration("v6-roster") { db in
            try db.execute(sql: V6Roster.sql)
        }
        migrator.registerMigration("v7-reports") { db in
            try db.execute(sql: V7Reports.sql)
        }
        migrator.registerMigration("v8-confidential") { db in
            try db.execute(sql: V8Confidential.sql)
        }
        migrator.registerMigration("v9-board") { db in
            try db.execute(sql: V9Board.sql)
        }
        migrator.registerMigration("v10-audit-channel") { db in
            // How each change reached the store (console / command_line / import); part of the
            // chained hash for entries that have it.
            try db.execute(sql: "ALTER TABLE audit_log ADD COLUMN channel TEXT")
        }
        migrator.registerMigration("v11-operator-token") { db in
            try db.execute(sql: V11OperatorToken.sql)
        }
        migrator.registerMigration("v12-audit-guard") { db in
            try db.execute(sql: V12AuditGuard.sql)
        }
        migrator.registerMigration("v13-case-seal") { db in
            try db.execute(sql: V13CaseSeal.sql)
        }
        migrator.registerMigration("v14-intake-identity") { db in
            try V14IntakeIdentity.migrate(SQLiteSession(db), now: StoreTime.format(Date()))
        }
        migrator.registerMigration("v15-intake-documents") { db in
            try db.execute(sql: V15IntakeDocuments.sql)
        }
        migrator.registerMigration("v16-queue-series") { db in
            try db.execute(sql: V16QueueSeries.sql)
        }
        migrator.registerMigration("v16-consultation-phone") { db in
            try db.execute(sql: V16ConsultationPhone.sql)
        }
        migrator.registerMigration("v17-admin") { db in
            try V17Admin.migrate(SQLiteSession(db))
        }
        migrator.registerMigration("v18-special-group") { db in
            try V18SpecialGroup.migrate(SQLiteSession(db))
        }
        migrator.registerMigration("v18-subsidy-ledger") { db in
            try db.execute(sql: V18SubsidyLedger.sql)
        }
        migrator.registerMigration("v18-document-register") { db in
            try db.execute(sql: V18DocumentRegister.sql)
        }
        migrator.registerMigration("v19-speed") { db in
            try V19Speed.migrate(SQLiteSession(db))
        }
        migrator.registerMigration("v20-handover") { db in
            try db.execute(sql: V20HandOver.sql(.sqlite))
        }
        migrator.registerMigration("v20-outreach") { db in
            try db.execute(sql: V20Outreach.sql(.sqlite))
        }
        migrator.registerMigration("v20-appointment") { db in
            try db.execute(sql: V20Appointment.sql(.sqlite))
        }
        migrator.registerMigration("v20-pool") { db in
            try db.execute(sql: V20Pool.sql(.sqlite))
        }
        return migrator
    }
}
