import FayuanCore
import Foundation

/// The case pipeline after acceptance: decision, assignment through the rotation wheel, handling,
/// closing review, archive, return visits and quality review. Every method checks the operator's
/// role here (not only on screen) and writes the timeline event and the audit entry in the same
/// transaction as the change. The timeline is append-only; corrections are new events.
extension CaseStore {
    // MARK: Reading

    static func boardSelect(_ d: SQLDialect) -> String { """
        SELECT c.*, a.name AS applicant_name, a.id_number AS applicant_id_number, a.phone AS applicant_phone,
            s.name AS station_name, p.name AS provider_name,
            (SELECT \(d.stringAggregate("code", separator: ",")) FROM applicant_group g WHERE g.applicant_id = c.applicant_id) AS groups,
            (SELECT min(due_on) FROM case_document d WHERE d.case_id = c.id AND d.status = 'missing') AS documents_due,
            EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after') AS visited_after,
            (SELECT result FROM quality_review q WHERE q.case_id = c.id ORDER BY q.id DESC LIMIT 1) AS quality_grade,
            (EXISTS (SELECT 1 FROM review_assignment r WHERE r.case_id = c.id)
                AND NOT EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id)) AS awaiting_review
        FROM aid_case c
        JOIN applicant a ON a.id = c.applicant_id
        LEFT JOIN station s ON s.id = c.station_id
        LEFT JOIN provider p ON p.id = c.provider_id
        """
    }

    static func boardCase(_ row: SQLRow) -> BoardCase {
        let step = CaseStep(rawValue: row["step"]) ?? .applied
        let closing: String? = row["closing_submitted_on"]
        let idNumber: String? = row["applicant_id_number"]
        let phone: String? = row["applicant_phone"]
        let groups: String? = row["groups"]
        return BoardCase(
            id: row["id"], caseNumber: row["case_number"], step: step,
            stage: PipelineStage(step: step.rawValue, closingSubmitted: closing != nil, route: row["route"]),
            kind: CaseKind(rawValue: row["kind"]) ?? .civil, cause: row["cause"], route: row["route"],
            priority: row["priority"], specialGroup: row["special_group"], centreID: row["centre_id"],
            stationID: row["station_id"], stationName: row["station_name"] ?? "", applicantID: row["applicant_id"],
            applicantName: row["applicant_name"], applicantGroups: groups?.split(separator: ",").map(String.init) ?? [],
            idMasked: idNumber.map(Masking.idNumber) ?? "",
            phoneMasked: row["confidential"] == true ? PrivacyPolicy.hiddenText : phone.map(Masking.phone) ?? "",
            providerID: row["provider_id"], providerName: row["provider_name"], appliedOn: row["applied_on"],
            acceptedOn: row["accepted_on"], decidedOn: row["decided_on"], assignedOn: row["assigned_on"],
            closedOn: row["closed_on"], archivedOn: row["archived_on"], reviewDue: row["review_due"],
            detained: row["detained"], receivedAt: row["received_at"], objectionOn: row["objection_on"],
            documentsDue: row["documents_due"], closingSubmittedOn: closing, major: row["major"],
            lifeOrDeath: row["life_or_death"], visitedAfter: row["visited_after"], qualityGrade: row["quality_grade"],
            awaitingReview: row["awaiting_review"])
    }

    /// The cases on the board. Each stage is read separately with its own limit, newest last
    /// activity first for closed and archived ones, so years of archive do not crowd out today.
    public func pipelineBoard(_ filter: BoardFilter = BoardFilter()) throws -> [BoardCase] {
        var conditions: [String] = []
        var args: [(any SQLValueConvertible)?] = []
        if let s = filter.stationID { conditions.append("c.station_id = ?"); args.append(s) }
        if let cause = filter.cause { conditions.append("c.cause = ?"); args.append(cause) }
        if let p = filter.providerID { conditions.append("c.provider_id = ?"); args.append(p) }
        if let g = filter.group {
            conditions.append("EXISTS (SELECT 1 FROM applicant_group g WHERE g.applicant_id = c.applicant_id AND g.code = ?)")
            args.append(g)
        }
        if filter.returnVisitDue {
            conditions.append("c.step IN ('closed', 'archived') AND NOT EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')")
        }
        if filter.awaitingReview {
            conditions.append("EXISTS (SELECT 1 FROM review_assignment r WHERE r.case_id = c.id) AND NOT EXISTS (SELECT 1 FROM quality_review q WHERE q.case_id = c.id)")
        }
        return try read { db in
            var out: [BoardCase] = []
            var taken: [PipelineStage: Int] = [:]
            for (stage, condition, order, index) in Self.boardStages {
                if let stages = filter.stages, !stages.contains(stage) { continue }
                if filter.returnVisitDue, stage != .closed, stage != .archived { continue }
                let limit = filter.limitPerStage - taken[stage, default: 0]
                guard limit > 0 else { continue }
                let sql = Self.boardSQL(db.dialect, condition: condition, filters: conditions, order: order, index: index,
                                        fromReviewAssignments: filter.awaitingReview)
                let rows = try SQLRow.fetchAll(db, sql: sql, arguments: SQLArguments(args + [limit]))
                taken[stage, default: 0] += rows.count
                out += rows.map(Self.boardCase)
            }
            return out
        }
    }

    /// The board's stages: each walks its own partial index (v9, v19) in board order, named with
    /// INDEXED BY so the plan never depends on what ANALYZE left in sqlite_stat1: with a fresh
    /// seed's statistics SQLite once chose the plain step index and sorted 845 000 archived cases
    /// (issue 22). The conditions repeat each partial index's WHERE word for word, which is what
    /// lets SQLite use it. Filters (station, cause, lawyer, group) are checked on the rows met
    /// along the walk. "Awaiting review" starts from the few review assignments instead.
    static let boardStages: [(stage: PipelineStage, condition: String, order: String, index: String)] = [
        (.intake, "c.step = 'applied'", "c.applied_on", "aid_case_board_applied"),
        (.review, "c.step = 'accepted' AND c.route <> 'notification'", "c.applied_on", "aid_case_board_accepted"),
        // Notification cases skip the review (Art 36): accepted ones wait here for assignment.
        (.assignment, "(c.step = 'granted' OR (c.step = 'accepted' AND c.route = 'notification'))",
         "coalesce(c.decided_on, c.applied_on)", "aid_case_board_assignment"),
        (.handling, "c.step IN ('assigned', 'handling') AND c.closing_submitted_on IS NULL", "c.assigned_on",
         "aid_case_board_handling"),
        (.closingReview, "c.step IN ('assigned', 'handling') AND c.closing_submitted_on IS NOT NULL",
         "c.closing_submitted_on", "aid_case_board_closing"),
        (.closed, "c.step = 'closed'", "c.closed_on DESC, c.id DESC", "aid_case_board_closed"),
        (.archived, "c.step = 'archived'", "c.archived_on DESC, c.id DESC", "aid_case_board_archived"),
        // Open objections first, then the rest (two walks share the stage's limit).
        (.ended, "c.step IN ('refused', 'withdrawn') AND c.objection_on IS NOT NULL", "c.decided_on DESC, c.id DESC",
         "aid_case_board_objection"),
        (.ended, "c.step IN ('refused', 'withdrawn') AND c.objection_on IS NULL", "c.decided_on DESC, c.id DESC",
         "aid_case_board_ended"),
    ]

    /// One stage's query. Normally the stage's partial index is forced (INDEXED BY); with
    /// `fromReviewAssignments` the few cases with a peer reviewer drive the join (CROSS JOIN keeps
    /// that order; NOT INDEXED leaves only the rowid look-up for each) and only they are sorted.
    static func boardSQL(_ d: SQLDialect = .sqlite, condition: String, filters: [String], order: String, index: String,
                         fromReviewAssignments: Bool) -> String {
        let whereClause = ([condition] + filters).joined(separator: " AND ")
        let from = fromReviewAssignments
            ? "FROM (SELECT DISTINCT case_id FROM review_assignment) ra CROSS JOIN aid_case c\(d.notIndexed) ON c.id = ra.case_id"
            : "FROM aid_case c\(d.indexedBy(index))"
        return boardSelect(d).replacingOccurrences(of: "FROM aid_case c", with: from)
            + " WHERE \(whereClause) ORDER BY \(order), c.id LIMIT ?"
    }

    /// The case, its applicant (masked), documents, timeline, decisions, visits, reviews and the
    /// wheel's record of it.
    public func caseDetail(_ caseID: Int64) throws -> CaseDetail {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: Self.boardSelect(db.dialect) + " WHERE c.id = ?", arguments: [caseID]) else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            let names = Dictionary(uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: "SELECT id, name FROM operator").map {
                ($0["id"] as Int64, $0["name"] as String)
            })
            let timeline = try SQLRow.fetchAll(db, sql: "SELECT * FROM case_event WHERE case_id = ? ORDER BY at, id", arguments: [caseID]).map {
                TimelineEntry(id: $0["id"], at: $0["at"], kind: $0["kind"], operatorName: ($0["operator_id"] as Int64?).flatMap { names[$0] },
                              note: $0["note"])
            }
            let decisions = try SQLRow.fetchAll(db, sql: "SELECT * FROM case_decision WHERE case_id = ? ORDER BY id", arguments: [caseID]).map {
                DecisionRecord(kind: $0["kind"], day: $0["day"],
                               reasons: ($0["reasons"] as String).split(separator: ",").map(String.init), text: $0["text"],
                               operatorName: ($0["operator_id"] as Int64?).flatMap { names[$0] })
            }
            let visits = try SQLRow.fetchAll(db, sql: "SELECT * FROM return_visit WHERE case_id = ? ORDER BY at, id", arguments: [caseID]).map {
                ReturnVisitRecord(day: String(($0["at"] as String).prefix(10)), phase: ReturnVisitPhase(rawValue: $0["phase"]) ?? .after,
                                  method: $0["method"], satisfaction: ($0["satisfaction"] as String?).flatMap(Satisfaction.init(rawValue:)),
                                  result: $0["result"], operatorName: ($0["operator_id"] as Int64?).flatMap { names[$0] })
            }
            let reviews = try SQLRow.fetchAll(db, sql: "SELECT * FROM quality_review WHERE case_id = ? ORDER BY id", arguments: [caseID]).map {
                QualityReviewRecord(day: String(($0["at"] as String).prefix(10)), kind: $0["kind"],
                                    grade: ScoreSheet.Grade(rawValue: $0["result"]) ?? .pass, score: $0["score"],
                                    items: ($0["items"] as String).split(separator: ",").compactMap { Int($0) },
                                    peerName: $0["peer_name"], note: $0["note"])
            }
            let screening = try SQLRow.fetchOne(db, sql: "SELECT * FROM case_screening WHERE case_id = ?", arguments: [caseID]).map {
                ScreeningSnapshot(ruleSetID: $0["rule_set_id"], ruleSetVersion: $0["rule_set_version"],
                                  effectiveOn: $0["effective_on"], decision: $0["decision"], summary: $0["summary"])
            }
            let centreName = try String.fetchOne(db, sql: "SELECT name FROM station WHERE id = ?", arguments: [row["centre_id"] as Int64]) ?? ""
            let centreCode = try String.fetchOne(db, sql: "SELECT code FROM station WHERE id = ?", arguments: [row["centre_id"] as Int64]) ?? ""
            let peer = try String.fetchOne(db, sql: "SELECT peer_name FROM review_assignment WHERE case_id = ? ORDER BY id DESC LIMIT 1",
                                           arguments: [caseID])
            return CaseDetail(
                board: Self.boardCase(row), centreName: centreName, opposingParty: row["opposing_party"], summary: row["summary"],
                economicCheck: row["economic_check"], provideFirst: row["provide_first"], hardshipEvidence: row["hardship_evidence"],
                outcome: row["outcome"], terminatedOn: row["terminated_on"], screening: screening,
                documents: try Self.documents(db, caseID: caseID), timeline: timeline, decisions: decisions, visits: visits,
                reviews: reviews, wheel: try Self.rotationTurns(db, where: "t.case_id = ?", [caseID], names: names),
                peerReviewer: peer, regionCode: String(centreCode.prefix(6)),
                justiceBureau: try Self.justiceBureau(db, centreCode: centreCode))
        }
    }

    static func documents(_ db: any SQLSession, caseID: Int64) throws -> [CaseDocumentEntry] {
        try SQLRow.fetchAll(db, sql: "SELECT * FROM case_document WHERE case_id = ? ORDER BY id", arguments: [caseID]).compactMap {
            guard let status = CaseDocumentEntry.Status(rawValue: $0["status"]) else { return nil }
            return CaseDocumentEntry(code: $0["code"], label: $0["label"], status: status, dueOn: $0["due_on"])
        }
    }

    static func rotationTurns(_ db: any SQLSession, where condition: String, _ args: [(any SQLValueConvertible)?],
                              names: [Int64: String]) throws -> [RotationTurnRecord] {
        try SQLRow.fetchAll(db, sql: """
            SELECT t.*, c.case_number, p.name AS provider_name, q.name AS suggested_name FROM rotation_turn t
            JOIN aid_case c ON c.id = t.case_id JOIN provider p ON p.id = t.provider_id
            LEFT JOIN provider q ON q.id = t.suggested_id WHERE \(condition) ORDER BY t.id
            """, arguments: SQLArguments(args)).map {
            RotationTurnRecord(turn: $0["turn"], stationID: $0["station_id"], cause: $0["cause"], caseID: $0["case_id"],
                               caseNumber: $0["case_number"], providerID: $0["provider_id"], providerName: $0["provider_name"],
                               suggestedID: $0["suggested_id"], suggestedName: $0["suggested_name"],
                               overrideReason: $0["override_reason"], explanation: $0["explanation"], day: $0["day"],
                               operatorName: ($0["operator_id"] as Int64?).flatMap { names[$0] })
        }
    }

    /// The wheel's history for a station and cause (nil station: the centre's own wheel), oldest first.
    public func rotationHistory(stationID: Int64?, cause: String) throws -> [RotationTurnRecord] {
        try read { db in
            let names = Dictionary(uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: "SELECT id, name FROM operator").map {
                ($0["id"] as Int64, $0["name"] as String)
            })
            return try Self.rotationTurns(db, where: "t.station_id IS ? AND t.cause = ?", [stationID, cause], names: names)
        }
    }

    /// The applicant's full ID number or phone, for an operator allowed to see it; the look is audited.
    public func revealApplicant(_ applicantID: Int64, field: String, by op: Operator) throws -> String {
        // A 保密 applicant's identity number is as protected as their contact: only reviewers and
        // the assigned lawyer may see either in full.
        try requireContactAccess(applicantID: applicantID, by: op)
        try recordReveal(applicantID: applicantID, field: field == "phone" ? "电话" : "证件号码", by: op)
        return try read { db in
            try String.fetchOne(db, sql: "SELECT \(field == "phone" ? "phone" : "id_number") FROM applicant WHERE id = ?",
                                arguments: [applicantID]) ?? ""
        }
    }

    // MARK: Lawyers for the wheel

    /// Active providers, by name (the board's lawyer filter, the peer-reviewer list).
    public func pipelineProviders() throws -> [Provider] {
        try read { db in try Provider.fetchAll(db, sql: "SELECT * FROM provider WHERE active = 1 ORDER BY name, id") }
    }

    public func setProviderProfile(_ profile: ProviderProfile, by operatorID: Int64?) throws {
        let now = timestamp()
        try write { db in
            try db.execute(sql: """
                INSERT INTO provider_profile(provider_id, specialties, practice_years, max_load) VALUES (?,?,?,?)
                ON CONFLICT(provider_id) DO UPDATE SET specialties = excluded.specialties,
                    practice_years = excluded.practice_years, max_load = excluded.max_load
                """, arguments: [profile.providerID, profile.specialties.joined(separator: ","), profile.practiceYears, profile.maxLoad])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "provider",
                                entityID: String(profile.providerID), before: nil,
                                after: AuditDigest.of([("specialties", profile.specialties.joined(separator: ",")),
                                                       ("practice_years", profile.practiceYears.map(String.init)),
                                                       ("max_load", profile.maxLoad.map(String.init))], secret: try storeSecret(db)),
                                detail: "轮案资料")
        }
    }

    /// The wheel's candidates for a case: active providers of the case's station (or, when the
    /// station has none, of the whole centre), with their specialties, current load, last turn in
    /// this wheel and any known conflict with the opposing party.
    public func wheelCandidates(for caseID: Int64) throws -> (request: (cause: String, major: Bool, lifeOrDeath: Bool, stationID: Int64?),
                                                             candidates: [RotationWheel.Candidate]) {
        try read { db in
            guard let c = try SQLRow.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID]) else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            let stationID: Int64? = c["station_id"]
            let cause: String = c["cause"]
            let opposing: String = c["opposing_party"]
            var providers = try SQLRow.fetchAll(db, sql: """
                SELECT p.*, f.specialties, f.practice_years, f.max_load FROM provider p
                LEFT JOIN provider_profile f ON f.provider_id = p.id WHERE p.active = 1 AND p.station_id IS ? ORDER BY p.id
                """, arguments: [stationID])
            if providers.isEmpty {
                providers = try SQLRow.fetchAll(db, sql: """
                    SELECT p.*, f.specialties, f.practice_years, f.max_load FROM provider p
                    LEFT JOIN provider_profile f ON f.provider_id = p.id WHERE p.active = 1 ORDER BY p.id
                    """)
            }
            let loads = Dictionary(uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: """
                SELECT provider_id, count(*) AS n FROM aid_case WHERE step IN ('assigned', 'handling') AND provider_id IS NOT NULL
                GROUP BY provider_id
                """).map { ($0["provider_id"] as Int64, $0["n"] as Int) })
            let turns = Dictionary(uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: """
                SELECT provider_id, max(turn) AS t FROM rotation_turn WHERE station_id IS ? AND cause = ? GROUP BY provider_id
                """, arguments: [stationID, cause]).map { ($0["provider_id"] as Int64, $0["t"] as Int) })
            var conflicts: [Int64: String] = [:]
            if !opposing.isEmpty {
                for r in try SQLRow.fetchAll(db, sql: """
                    SELECT c.provider_id, c.case_number FROM aid_case c JOIN applicant a ON a.id = c.applicant_id
                    WHERE a.name = ? AND c.provider_id IS NOT NULL AND c.id <> ?
                    """, arguments: [opposing, caseID]) {
                    conflicts[r["provider_id"]] = "曾代理对方当事人“\(opposing)”" + ((r["case_number"] as String?).map { "（\($0)）" } ?? "")
                }
            }
            let candidates = providers.map { p -> RotationWheel.Candidate in
                let id: Int64 = p["id"]
                let specialties: String? = p["specialties"]
                return RotationWheel.Candidate(
                    providerID: id, name: p["name"], isLawyer: (p["kind"] as String) == ProviderKind.lawyer.rawValue
                        || (p["kind"] as String) == ProviderKind.publicLawyer.rawValue,
                    isLeading: p["is_leading"], specialties: Set(specialties?.split(separator: ",").map(String.init) ?? []),
                    relevantPracticeYears: p["practice_years"], currentLoad: loads[id] ?? 0, maxLoad: p["max_load"],
                    lastTurn: turns[id], conflict: conflicts[id])
            }
            return ((cause, c["major"], c["life_or_death"], stationID), candidates)
        }
    }

    /// Marks what the wheel must know about a case: 重大疑难 and Art 26 (possible life or death
    /// sentence), 被羁押 with the hand-in time.
    /// `reviewDue`: the review deadline the 重大疑难 mark leads to where the province allows a
    /// longer period (Shanxi Art 21), with its note — written in the same transaction, so the
    /// board, the clock and the deadline lists show it.
    public func setCaseFlags(_ caseID: Int64, major: Bool? = nil, lifeOrDeath: Bool? = nil, detained: Bool? = nil,
                             receivedAt: String? = nil, reviewDue: (due: String, note: String)? = nil,
                             role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .acceptApplication)
        if let reviewDue { try StoreDate.validate(reviewDue.due, field: "reviewDue") }
        try pipelineChange(caseID, action: "update", kind: "flags", entity: "aid_case", operatorID: operatorID,
                           allowed: nil) { db, _ in
            var notes: [String] = []
            if let major { try db.execute(sql: "UPDATE aid_case SET major = ? WHERE id = ?", arguments: [major, caseID]); notes.append(major ? "标记为重大疑难案件" : "取消重大疑难标记") }
            if let lifeOrDeath { try db.execute(sql: "UPDATE aid_case SET life_or_death = ? WHERE id = ?", arguments: [lifeOrDeath, caseID]); notes.append(lifeOrDeath ? "可能判处无期徒刑、死刑（法律援助法第二十六条）" : "取消第二十六条标记") }
            if let detained {
                try db.execute(sql: "UPDATE aid_case SET detained = ?, received_at = ? WHERE id = ?", arguments: [detained, receivedAt, caseID])
                notes.append(detained ? "申请人被羁押，\(receivedAt ?? "")接收申请" : "取消羁押标记")
            }
            if let reviewDue,
               try String.fetchOne(db, sql: "SELECT step FROM aid_case WHERE id = ?", arguments: [caseID]).map({ ["applied", "accepted"].contains($0) }) == true {
                try db.execute(sql: "UPDATE aid_case SET review_due = ? WHERE id = ?", arguments: [reviewDue.due, caseID])
                notes.append(reviewDue.note)
            }
            return notes.joined(separator: "；")
        }
    }

    /// Keeps the screening result as it stood at acceptance (rule set and version).
    public func recordScreening(_ caseID: Int64, _ snapshot: ScreeningSnapshot, by operatorID: Int64?) throws {
        let now = timestamp()
        try write { db in
            try db.execute(sql: """
                INSERT INTO case_screening(case_id, rule_set_id, rule_set_version, effective_on, decision, summary, recorded_at)
                VALUES (?,?,?,?,?,?,?)
                ON CONFLICT(case_id) DO UPDATE SET rule_set_id = excluded.rule_set_id,
                    rule_set_version = excluded.rule_set_version, effective_on = excluded.effective_on,
                    decision = excluded.decision, summary = excluded.summary, recorded_at = excluded.recorded_at
                """, arguments: [caseID, snapshot.ruleSetID, snapshot.ruleSetVersion, snapshot.effectiveOn, snapshot.decision,
                                 snapshot.summary, now])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "case_screening",
                                entityID: String(caseID), before: nil,
                                after: AuditDigest.of([("rule_set", snapshot.ruleSetID), ("version", snapshot.ruleSetVersion),
                                                       ("decision", snapshot.decision)], secret: try storeSecret(db)))
        }
    }

    // MARK: Dates and second persons

    /// Today, local time (the console and the command line run in the centre's zone), for "not
    /// after today": the later of the store's clock and the wall clock, so a store opened on a
    /// fixed clock (tests, replays) never refuses a date that is really past.
    public func today() -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let c = calendar.dateComponents([.year, .month, .day], from: max(clock(), Date()))
        return LocalDate(year: c.year ?? 2000, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(year: 2000, month: 1, day: 1)!
    }

    static func history(_ db: any SQLSession, caseID: Int64) throws -> CaseHistory {
        guard let r = try SQLRow.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID]),
              let h = CaseHistory(appliedOn: r["applied_on"], acceptedOn: r["accepted_on"], decidedOn: r["decided_on"],
                                  assignedOn: r["assigned_on"], closingSubmittedOn: r["closing_submitted_on"],
                                  closedOn: r["closed_on"], terminatedOn: r["terminated_on"], objectionOn: r["objection_on"]) else {
            throw StoreError.notFound(entity: "案件", id: String(caseID))
        }
        return h
    }

    /// A date the user entered, checked against the case's own history and today (field "day").
    static func checkDay(_ db: any SQLSession, caseID: Int64, _ kind: CaseDateKind, _ day: String, today: LocalDate) throws {
        guard let date = LocalDate(iso: day) else {
            throw StoreError.invalidInput(field: "day", message: "\(kind.label)应为有效的 YYYY-MM-DD：\(day)")
        }
        if let problem = kind.problem(date, history: try history(db, caseID: caseID), today: today) {
            throw StoreError.invalidInput(field: "day", message: problem)
        }
    }

    /// 四眼原则 (docs/permissions.md): whoever granted the aid, assigned the lawyer or handles the
    /// case may not also pass its closing review or archive it. An operator unknown to the store
    /// (nil: maintenance and tests) is not checked.
    static func requireSecondPerson(_ db: any SQLSession, caseID: Int64, operatorID: Int64?, action: String) throws {
        guard let operatorID else { return }
        let earlier: [(String, String)] = [("grant", "作出给予法律援助决定"), ("assign", "指派承办人")]
        for (kind, part) in earlier {
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM case_event WHERE case_id = ? AND kind = ? AND operator_id = ?",
                                arguments: [caseID, kind, operatorID]) ?? 0 > 0 {
                throw SeparationOfDuties(action: action, earlierPart: part)
            }
        }
        if let handler = try Int64.fetchOne(db, sql: "SELECT provider_id FROM aid_case WHERE id = ?", arguments: [caseID]),
           try Int64.fetchOne(db, sql: "SELECT provider_id FROM operator WHERE id = ?", arguments: [operatorID]) == handler {
            throw SeparationOfDuties(action: action, earlierPart: "承办本案")
        }
    }

    // MARK: Acceptance

    /// 受理 a registered application (step 申请/受理 on the board): the case number is allocated
    /// and the review clock runs from the application. A notification case (通知辩护/代理, Art 36)
    /// has no review: it goes straight to assignment, its three-day clock running from the notice.
    @discardableResult
    public func accept(_ caseID: Int64, on day: String, role: OperatorRole, by operatorID: Int64?) throws -> AidCase {
        try AccessPolicy.require(role, .acceptApplication)
        try StoreDate.validate(day, field: "day")
        let today = today()
        return try pipelineChange(caseID, action: "accept", kind: "accept", entity: "aid_case", operatorID: operatorID,
                                  allowed: [.applied]) { db, before in
            try Self.checkDay(db, caseID: caseID, .accept, day, today: today)
            let note = try Self.acceptRow(db, caseID: caseID, before: before, day: day)
            // The papers of an acceptance, as at the window (v18-document-register): numbered with
            // the acceptance, so the 补字 number and the case number commit together.
            try Self.registerAcceptancePapers(db, caseID: caseID, day: day, operatorID: operatorID, at: timestamp())
            return note
        }
    }

    /// The kinds an acceptance hands over: 申请表 and 接收凭证, the 诚信承诺书 under 告知承诺 and,
    /// when a material is missing, the one-time 补充材料通知书. None for a notification case (the
    /// organ's notice is the application; its papers come with the assignment).
    public static func acceptancePaperKinds(route: String?, hardshipEvidence: String?, missing: Bool) -> [DocumentKind] {
        guard route != "notification" else { return [] }
        return [.applicationForm, .receipt] + (hardshipEvidence == "commitment" ? [.hardshipStatement] : [])
            + (missing ? [.supplementNotice] : [])
    }

    /// Registers the acceptance papers a case does not have yet (a station's submission issued
    /// some already; a case registered from the command line has none).
    static func registerAcceptancePapers(_ db: any SQLSession, caseID: Int64, day: String, operatorID: Int64?, at now: String) throws {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT route, hardship_evidence FROM aid_case WHERE id = ?", arguments: [caseID]) else { return }
        let missing = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM case_document WHERE case_id = ? AND status = 'missing')",
                                        arguments: [caseID]) ?? false
        let have = Set(try Self.registered(db, caseID: caseID).map(\.kind))
        for kind in acceptancePaperKinds(route: row["route"], hardshipEvidence: row["hardship_evidence"], missing: missing)
        where !have.contains(kind) {
            try Self.registerDocument(db, caseID: caseID, kind: kind, day: day, operatorID: operatorID, at: now)
        }
    }

    /// The acceptance itself, shared by `accept` and `acceptCase`: number, step, dates.
    static func acceptRow(_ db: any SQLSession, caseID: Int64, before: AidCase, day: String) throws -> String {
        guard let year = Int(day.prefix(4)) else { throw StoreError.invalidInput(field: "day", message: day) }
        let number = try allocateCaseNumber(db, centre: before.centreID, year: year, kind: before.kind)
        try db.execute(sql: "UPDATE aid_case SET step = 'accepted', year = ?, seq = ?, case_number = ?, accepted_on = ? WHERE id = ?",
                       arguments: [year, number.seq, number.text, day, caseID])
        let route = try String.fetchOne(db, sql: "SELECT route FROM aid_case WHERE id = ?", arguments: [caseID])
        if route == "notification" {
            // The law decides for the centre (Art 25/28 应当通知, Art 36 应当指派): accepted is
            // granted, dated the day of acceptance, so the case counts among those aided.
            try db.execute(sql: "UPDATE aid_case SET step = 'granted', decided_on = ? WHERE id = ?", arguments: [day, caseID])
            return "受理，编号\(number.text)；通知辩护/代理，无需审查，径行指派（法律援助法第三十六条：收到通知之日起三日内指派）"
        }
        return "受理，编号\(number.text)"
    }

    // MARK: Decision

    /// 给予 / 不予法律援助决定 (reviewer only): reasons from the list plus text. A grant starts
    /// the assignment clock (from `day`); a refusal opens the objection path (Art 49).
    @discardableResult
    public func decide(_ caseID: Int64, grant: Bool, reasons: [String], text: String, on day: String,
                       role: OperatorRole, by operatorID: Int64?) throws -> AidCase {
        try AccessPolicy.require(role, .decideApplication)
        try StoreDate.validate(day, field: "day")
        let list = grant ? DecisionReason.grant : DecisionReason.refusal
        guard !reasons.isEmpty || !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "reasons", message: "请选择理由或填写说明")
        }
        for r in reasons where !list.contains(where: { $0.code == r }) {
            throw StoreError.invalidInput(field: "reasons", message: "未知的理由：\(r)")
        }
        let kind = grant ? "grant" : "refuse"
        let today = today()
        return try pipelineChange(caseID, action: kind, kind: kind, entity: "decision", operatorID: operatorID, allowed: [.accepted]) { db, _ in
            if try String.fetchOne(db, sql: "SELECT route FROM aid_case WHERE id = ?", arguments: [caseID]) == "notification" {
                throw StoreError.invalidInput(field: "step", message: "通知辩护/代理案件无需审查决定，请直接指派（法律援助法第三十六条）")
            }
            try Self.checkDay(db, caseID: caseID, .decide, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET step = ?, decided_on = ? WHERE id = ?",
                           arguments: [grant ? "granted" : "refused", day, caseID])
            try Self.addDecision(db, caseID: caseID, kind: kind, day: day, reasons: reasons, text: text, operatorID: operatorID, at: timestamp())
            // The 决定书 and its number commit with the decision (v18-document-register).
            try Self.registerDocument(db, caseID: caseID, kind: grant ? .grantDecision : .refusalDecision, day: day,
                                      operatorID: operatorID, at: timestamp())
            let labels = reasons.map { DecisionReason.label($0, in: list) } + (text.isEmpty ? [] : [text])
            return (grant ? "决定给予法律援助：" : "决定不予法律援助：") + labels.joined(separator: "；")
        }
    }

    /// 终止法律援助 (Art 48), with its grounds.
    @discardableResult
    public func terminate(_ caseID: Int64, grounds: [String], text: String, on day: String,
                          role: OperatorRole, by operatorID: Int64?) throws -> AidCase {
        try AccessPolicy.require(role, .terminateAid)
        try StoreDate.validate(day, field: "day")
        guard !grounds.isEmpty else { throw StoreError.invalidInput(field: "grounds", message: "请选择终止的法定情形（法律援助法第四十八条）") }
        for g in grounds where !DecisionReason.termination.contains(where: { $0.code == g }) {
            throw StoreError.invalidInput(field: "grounds", message: "未知的终止情形：\(g)")
        }
        let today = today()
        return try pipelineChange(caseID, action: "terminate", kind: "terminate", entity: "decision", operatorID: operatorID,
                                  allowed: [.granted, .assigned, .handling]) { db, _ in
            try Self.checkDay(db, caseID: caseID, .terminate, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET step = 'withdrawn', terminated_on = ?, closing_submitted_on = NULL WHERE id = ?",
                           arguments: [day, caseID])
            try Self.addDecision(db, caseID: caseID, kind: "terminate", day: day, reasons: grounds, text: text, operatorID: operatorID, at: timestamp())
            try Self.registerDocument(db, caseID: caseID, kind: .terminationDecision, day: day, operatorID: operatorID, at: timestamp())
            return "终止法律援助：" + (grounds.map { DecisionReason.label($0, in: DecisionReason.termination) } + (text.isEmpty ? [] : [text]))
                .joined(separator: "；")
        }
    }

    /// 异议 received against a refusal or termination: the justice bureau's five-day clock starts.
    public func recordObjection(_ caseID: Int64, on day: String, text: String, role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .decideApplication)
        try StoreDate.validate(day, field: "day")
        let today = today()
        try pipelineChange(caseID, action: "objection", kind: "objection", entity: "decision", operatorID: operatorID,
                           allowed: [.refused, .withdrawn]) { db, _ in
            try Self.checkDay(db, caseID: caseID, .objection, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET objection_on = ? WHERE id = ?", arguments: [day, caseID])
            try Self.addDecision(db, caseID: caseID, kind: "objection", day: day, reasons: [], text: text, operatorID: operatorID, at: timestamp())
            return "收到异议，司法行政部门五日内审查" + (text.isEmpty ? "" : "：\(text)")
        }
    }

    /// The justice bureau's answer to an objection: upheld (维持) or corrected (责令改正, the case
    /// returns to review).
    public func recordObjectionResult(_ caseID: Int64, upheld: Bool, on day: String, text: String,
                                      role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .decideApplication)
        try StoreDate.validate(day, field: "day")
        let today = today()
        try pipelineChange(caseID, action: "objection_result", kind: "objection_result", entity: "decision", operatorID: operatorID,
                           allowed: [.refused, .withdrawn]) { db, before in
            try Self.checkDay(db, caseID: caseID, .objectionResult, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET objection_on = NULL WHERE id = ?", arguments: [caseID])
            if !upheld, before.step == .refused {
                try db.execute(sql: "UPDATE aid_case SET step = 'accepted', decided_on = NULL WHERE id = ?", arguments: [caseID])
            }
            try Self.addDecision(db, caseID: caseID, kind: "objection_result", day: day, reasons: [upheld ? "upheld" : "corrected"],
                                 text: text, operatorID: operatorID, at: timestamp())
            return (upheld ? "异议审查：维持原决定" : "异议审查：责令改正，重新审查") + (text.isEmpty ? "" : "：\(text)")
        }
    }

    static func addDecision(_ db: any SQLSession, caseID: Int64, kind: String, day: String, reasons: [String], text: String,
                            operatorID: Int64?, at: String) throws {
        try db.execute(sql: """
            INSERT INTO case_decision(case_id, kind, day, reasons, text, operator_id, created_at) VALUES (?,?,?,?,?,?,?)
            """, arguments: [caseID, kind, day, reasons.joined(separator: ","), text, operatorID, at])
    }

    // MARK: Assignment

    /// 指派 (reviewer only): the chosen provider, the wheel's suggestion and, when they differ, the
    /// reviewer's reason. Art 26 is enforced here as well as in the wheel. The turn is recorded
    /// in the wheel's history.
    @discardableResult
    public func assign(_ caseID: Int64, to providerID: Int64, suggestedID: Int64?, overrideReason: String?,
                       explanation: String, on day: String, role: OperatorRole, by operatorID: Int64?) throws -> AidCase {
        try AccessPolicy.require(role, .assignLawyer)
        try StoreDate.validate(day, field: "day")
        let reason = overrideReason?.trimmingCharacters(in: .whitespaces) ?? ""
        if let suggestedID, suggestedID != providerID, reason.isEmpty {
            throw StoreError.invalidInput(field: "overrideReason", message: "未按轮案建议指派，须说明理由")
        }
        let today = today()
        return try pipelineChange(caseID, action: "assign", kind: "assign", entity: "assignment", operatorID: operatorID,
                                  allowed: [.granted, .accepted]) { db, before in
            let route = try String.fetchOne(db, sql: "SELECT route FROM aid_case WHERE id = ?", arguments: [caseID])
            // Only a notification case is assigned straight from acceptance (Art 36); an application needs its decision.
            if before.step == .accepted, route != "notification" {
                throw StoreError.invalidInput(field: "step", message: "案件当前为“\(before.step.label)”，须先作出给予法律援助决定再指派")
            }
            try Self.checkDay(db, caseID: caseID, .assign, day, today: today)
            guard let p = try SQLRow.fetchOne(db, sql: """
                SELECT p.*, f.practice_years FROM provider p LEFT JOIN provider_profile f ON f.provider_id = p.id WHERE p.id = ?
                """, arguments: [providerID]) else {
                throw StoreError.notFound(entity: "承办人员", id: String(providerID))
            }
            guard p["active"] as Bool else { throw StoreError.invalidInput(field: "providerID", message: "\(p["name"] as String)已停用") }
            let lifeOrDeath = try Bool.fetchOne(db, sql: "SELECT life_or_death FROM aid_case WHERE id = ?", arguments: [caseID]) ?? false
            let kind: String = p["kind"]
            if let refusal = Article26.refusal(appliesToCase: lifeOrDeath, isLawyer: kind == "lawyer" || kind == "public_lawyer",
                                               relevantPracticeYears: p["practice_years"]) {
                throw StoreError.invalidInput(field: "providerID", message: "\(p["name"] as String)：\(refusal)")
            }
            let turn = (try Int.fetchOne(db, sql: "SELECT max(turn) FROM rotation_turn WHERE station_id IS ? AND cause = ?",
                                         arguments: [before.stationID, before.cause]) ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO rotation_turn(station_id, cause, turn, case_id, provider_id, suggested_id, override_reason, explanation,
                    day, operator_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)
                """, arguments: [before.stationID, before.cause, turn, caseID, providerID, suggestedID,
                                 reason.isEmpty ? nil : reason, explanation, day, operatorID, timestamp()])
            // A notification case accepted before acceptance meant grant carries its acceptance as the decision day.
            try db.execute(sql: "UPDATE aid_case SET step = 'assigned', provider_id = ?, assigned_on = ?, decided_on = coalesce(decided_on, accepted_on) WHERE id = ?",
                           arguments: [providerID, day, caseID])
            // 指派通知书, and for a criminal case the 公函 to the police, procuratorate or court.
            try Self.registerDocument(db, caseID: caseID, kind: .assignmentNotice, day: day, operatorID: operatorID, at: timestamp())
            if before.kind == .criminal {
                try Self.registerDocument(db, caseID: caseID, kind: .officialLetter, day: day, operatorID: operatorID, at: timestamp())
            }
            var note = "指派\(p["name"] as String)（轮案第 \(turn) 轮）"
            if let suggestedID, suggestedID != providerID { note += "；未按建议指派，理由：\(reason)" }
            if !explanation.isEmpty { note += "；\(explanation)" }
            return note
        }
    }

    // MARK: Handling, closing, archive

    /// 办案进展: the lawyer's (or centre's) note on the timeline.
    public func recordProgress(_ caseID: Int64, note: String, role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .recordCaseProgress)
        guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidInput(field: "note", message: "进展内容不能为空")
        }
        try pipelineChange(caseID, action: "progress", kind: "progress", entity: "aid_case", operatorID: operatorID,
                           allowed: [.assigned, .handling]) { db, before in
            if before.step == .assigned { try db.execute(sql: "UPDATE aid_case SET step = 'handling' WHERE id = ?", arguments: [caseID]) }
            return note
        }
    }

    /// A correction to the timeline: a new event that names the one it corrects (the old one stays).
    public func recordCorrection(_ caseID: Int64, correcting eventID: Int64, note: String, role: OperatorRole,
                                 by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .recordCaseProgress)
        guard !note.isEmpty else { throw StoreError.invalidInput(field: "note", message: "更正内容不能为空") }
        try pipelineChange(caseID, action: "correction", kind: "correction", entity: "aid_case", operatorID: operatorID,
                           allowed: nil) { db, _ in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM case_event WHERE id = ? AND case_id = ?", arguments: [eventID, caseID]) != nil else {
                throw StoreError.notFound(entity: "时间线记录", id: String(eventID))
            }
            return "更正第 \(eventID) 条：\(note)"
        }
    }

    /// 提交结案: the outcome is recorded and the file goes to the closing review.
    public func submitForClosing(_ caseID: Int64, outcome: String, on day: String, role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .recordCaseProgress)
        try StoreDate.validate(day, field: "day")
        guard !outcome.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError.invalidInput(field: "outcome", message: "请填写办理结果")
        }
        let today = today()
        try pipelineChange(caseID, action: "submit_closing", kind: "submit_closing", entity: "aid_case", operatorID: operatorID,
                           allowed: [.assigned, .handling]) { db, _ in
            try Self.checkDay(db, caseID: caseID, .submitClosing, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET step = 'handling', closing_submitted_on = ?, outcome = ? WHERE id = ?",
                           arguments: [day, outcome, caseID])
            return "提交结案审查，办理结果：\(outcome)"
        }
    }

    /// 结案审查: approve (the case is closed) or send back with a reason.
    public func reviewClosing(_ caseID: Int64, approve: Bool, note: String, on day: String, role: OperatorRole,
                              by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .closeCase)
        try StoreDate.validate(day, field: "day")
        if !approve, note.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError.invalidInput(field: "note", message: "退回补充须说明理由")
        }
        let today = today()
        try pipelineChange(caseID, action: approve ? "closed" : "closing_returned", kind: approve ? "closed" : "closing_returned",
                           entity: "aid_case", operatorID: operatorID, allowed: [.handling]) { db, before in
            guard try String.fetchOne(db, sql: "SELECT closing_submitted_on FROM aid_case WHERE id = ?", arguments: [caseID]) != nil else {
                throw StoreError.invalidInput(field: "step", message: "案件尚未提交结案审查")
            }
            try Self.requireSecondPerson(db, caseID: caseID, operatorID: operatorID, action: "结案审查")
            try Self.checkDay(db, caseID: caseID, .closingReview, day, today: today)
            if approve {
                try db.execute(sql: "UPDATE aid_case SET step = 'closed', closed_on = ? WHERE id = ?", arguments: [day, caseID])
                return "结案审查通过，结案" + (note.isEmpty ? "" : "：\(note)")
            }
            try db.execute(sql: "UPDATE aid_case SET closing_submitted_on = NULL WHERE id = ?", arguments: [caseID])
            return "结案审查退回补充：\(note)"
        }
    }

    /// 归档 after the closing review.
    public func archive(_ caseID: Int64, on day: String, role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .archiveCase)
        try StoreDate.validate(day, field: "day")
        let today = today()
        try pipelineChange(caseID, action: "archived", kind: "archived", entity: "aid_case", operatorID: operatorID,
                           allowed: [.closed]) { db, _ in
            try Self.requireSecondPerson(db, caseID: caseID, operatorID: operatorID, action: "归档")
            try Self.checkDay(db, caseID: caseID, .archive, day, today: today)
            try db.execute(sql: "UPDATE aid_case SET step = 'archived', archived_on = ? WHERE id = ?", arguments: [day, caseID])
            return "归档"
        }
    }

    // MARK: Return visits

    public func recordReturnVisit(_ caseID: Int64, phase: ReturnVisitPhase, method: String, satisfaction: Satisfaction?,
                                  result: String, on day: String, role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .recordReturnVisit)
        try StoreDate.validate(day, field: "day")
        guard ["phone", "visit", "online"].contains(method) else {
            throw StoreError.invalidInput(field: "method", message: "回访方式应为电话、上门或网上：\(method)")
        }
        if phase == .after, satisfaction == nil {
            throw StoreError.invalidInput(field: "satisfaction", message: "结案回访须记录满意度")
        }
        let today = today()
        try pipelineChange(caseID, action: "return_visit", kind: "return_visit", entity: "return_visit", operatorID: operatorID,
                           allowed: nil) { db, _ in
            try Self.checkDay(db, caseID: caseID, .returnVisit(phase), day, today: today)
            try db.execute(sql: """
                INSERT INTO return_visit(case_id, at, operator_id, method, satisfaction, note, phase, result) VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [caseID, day + "T00:00:00.000Z", operatorID, method, satisfaction?.rawValue, "", phase.rawValue, result])
            let words = ["phone": "电话", "visit": "上门", "online": "网上"][method] ?? method
            return "\(phase.label)（\(words)）" + (satisfaction.map { "，" + Self.satisfactionLabel($0) } ?? "") + (result.isEmpty ? "" : "：\(result)")
        }
    }

    public static func satisfactionLabel(_ s: Satisfaction) -> String {
        switch s {
        case .satisfied: return "满意"
        case .basicallySatisfied: return "基本满意"
        case .dissatisfied: return "不满意"
        }
    }

    // MARK: Quality review

    /// 评查抽样: draws `ratePercent` of the cases closed between the dates with `seed`, and records
    /// the draw (population, rate, seed and the ids) so it can be replayed and audited.
    public func drawQualitySample(closedFrom: String, closedTo: String, ratePercent: Int, seed: UInt64,
                                  role: OperatorRole, by operatorID: Int64?) throws -> QualitySample {
        try AccessPolicy.require(role, .qualityReview)
        try StoreDate.validate(closedFrom, field: "closedFrom")
        try StoreDate.validate(closedTo, field: "closedTo")
        guard (1...100).contains(ratePercent) else {
            throw StoreError.invalidInput(field: "ratePercent", message: "抽样比例应在 1–100 之间：\(ratePercent)")
        }
        let now = timestamp()
        return try write { db in
            let population = try Int64.fetchAll(db, sql: """
                SELECT id FROM aid_case WHERE step IN ('closed', 'archived') AND closed_on BETWEEN ? AND ? ORDER BY id
                """, arguments: [closedFrom, closedTo])
            let drawn = QualitySampling.draw(population: population, ratePercent: ratePercent, seed: seed)
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO quality_sample(closed_from, closed_to, rate_percent, seed, population, case_ids, operator_id, created_at)
                VALUES (?,?,?,?,?,?,?,?)
                """, arguments: [closedFrom, closedTo, ratePercent, String(seed), population.count,
                                 drawn.map(String.init).joined(separator: ","), operatorID, now])
            let id = insertedID
            for caseID in drawn {
                try db.execute(sql: "INSERT INTO review_assignment(case_id, sample_id, assigned_at, operator_id) VALUES (?,?,?,?)",
                               arguments: [caseID, id, now, operatorID])
                try Self.addEvent(db, caseID: caseID, at: now, kind: "sampled", operatorID: operatorID,
                                  note: "抽中评查（第 \(id) 次抽样，比例 \(ratePercent)%，种子 \(seed)）")
            }
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "quality_sample",
                                entityID: String(id), before: nil,
                                after: AuditDigest.of([("rate", String(ratePercent)), ("seed", String(seed)),
                                                       ("population", String(population.count)),
                                                       ("cases", drawn.map(String.init).joined(separator: ","))],
                                                      secret: try storeSecret(db)),
                                detail: "评查抽样 \(closedFrom)至\(closedTo)：\(population.count) 件中抽 \(drawn.count) 件，种子 \(seed)")
            return QualitySample(id: id, closedFrom: closedFrom, closedTo: closedTo, ratePercent: ratePercent, seed: seed,
                                 population: population.count, caseIDs: drawn)
        }
    }

    public func qualitySamples() throws -> [QualitySample] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM quality_sample ORDER BY id").map {
                QualitySample(id: $0["id"], closedFrom: $0["closed_from"], closedTo: $0["closed_to"], ratePercent: $0["rate_percent"],
                              seed: UInt64($0["seed"] as String) ?? 0, population: $0["population"],
                              caseIDs: ($0["case_ids"] as String).split(separator: ",").compactMap { Int64($0) })
            }
        }
    }

    /// 同行评估: names the peer reviewer of a closed case.
    public func assignPeerReviewer(_ caseID: Int64, name: String, providerID: Int64? = nil, role: OperatorRole,
                                   by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .qualityReview)
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "peerName", message: "请填写评查人")
        }
        try pipelineChange(caseID, action: "peer_review", kind: "peer_review", entity: "quality_review", operatorID: operatorID,
                           allowed: [.closed, .archived]) { db, _ in
            try Self.requireIndependentReviewer(db, caseID: caseID, operatorID: nil, peerProviderID: providerID)
            try db.execute(sql: """
                INSERT INTO review_assignment(case_id, sample_id, peer_provider_id, peer_name, assigned_at, operator_id)
                VALUES (?, (SELECT sample_id FROM review_assignment WHERE case_id = ? ORDER BY id DESC LIMIT 1), ?,?,?,?)
                """, arguments: [caseID, caseID, providerID, name, timestamp(), operatorID])
            return "指定同行评查人：\(name)"
        }
    }

    /// 评查评分: the score sheet's points; the grade follows from the total. A failing file's case
    /// subsidy is withheld (不合格案件不予发放补贴).
    @discardableResult
    public func recordQualityReview(_ caseID: Int64, points: [Int], sheet: ScoreSheet = .standard, kind: String,
                                    peerName: String, note: String, on day: String, role: OperatorRole,
                                    by operatorID: Int64?) throws -> ScoreSheet.Scored {
        try AccessPolicy.require(role, .qualityReview)
        try StoreDate.validate(day, field: "day")
        guard ["administrative", "peer", "spot_check"].contains(kind) else {
            throw StoreError.invalidInput(field: "kind", message: "评查方式未知：\(kind)")
        }
        let scored: ScoreSheet.Scored
        do { scored = try sheet.score(points) } catch { throw StoreError.invalidInput(field: "points", message: error.description) }
        let today = today()
        try pipelineChange(caseID, action: "quality_review", kind: "quality_review", entity: "quality_review", operatorID: operatorID,
                           allowed: [.closed, .archived]) { db, _ in
            try Self.requireIndependentReviewer(db, caseID: caseID, operatorID: operatorID, peerProviderID: nil)
            try Self.checkDay(db, caseID: caseID, .qualityReview, day, today: today)
            let sample = try Int64.fetchOne(db, sql: "SELECT sample_id FROM review_assignment WHERE case_id = ? ORDER BY id DESC LIMIT 1",
                                            arguments: [caseID])
            try db.execute(sql: """
                INSERT INTO quality_review(case_id, at, reviewer_id, kind, result, score, note, items, sample_id, peer_name)
                VALUES (?,?,?,?,?,?,?,?,?,?)
                """, arguments: [caseID, day + "T00:00:00.000Z", operatorID, kind, scored.grade.rawValue, scored.total, note,
                                 scored.points.map(String.init).joined(separator: ","), sample, peerName])
            var text = "评查 \(scored.total) 分，\(scored.grade.label)"
            if !scored.grade.earnsSubsidy {
                try db.execute(sql: "UPDATE subsidy SET status = 'withheld', note = '评查不合格，不予发放' WHERE case_id = ? AND kind = 'case' AND status IN ('pending', 'approved')",
                               arguments: [caseID])
                text += "：不合格案件不予发放补贴"
            }
            return text
        }
        return scored
    }

    /// Whether a closed case may be paid its case subsidy: its latest quality review passed.
    public func caseSubsidyEligible(_ caseID: Int64) throws -> Bool {
        try read { db in
            guard let grade = try String.fetchOne(db, sql: "SELECT result FROM quality_review WHERE case_id = ? ORDER BY id DESC LIMIT 1",
                                                  arguments: [caseID]) else { return false }
            return ScoreSheet.Grade(rawValue: grade)?.earnsSubsidy ?? false
        }
    }

    // MARK: Figures

    /// 及时结案归档率 over cases closed in [from, to].
    public func timelyCloseAndArchiveRate(closedFrom: String, closedTo: String, limitDays: Int, today: String) throws -> CaseFigures.Rate {
        guard let today = LocalDate(iso: today) else { throw StoreError.invalidInput(field: "today", message: today) }
        return try read { db in
            let rows = try SQLRow.fetchAll(db, sql: """
                SELECT closed_on, archived_on FROM aid_case WHERE step IN ('closed', 'archived') AND closed_on BETWEEN ? AND ?
                """, arguments: [closedFrom, closedTo])
            return CaseFigures.timelyCloseAndArchiveRate(rows.compactMap { r in
                guard let closed = LocalDate(iso: r["closed_on"]) else { return nil }
                return (closed, (r["archived_on"] as String?).flatMap(LocalDate.init(iso:)))
            }, limitDays: limitDays, today: today)
        }
    }

    /// 回访率: closed cases with a 结案回访 over all closed cases in [from, to].
    public func returnVisitRate(closedFrom: String, closedTo: String) throws -> CaseFigures.Rate {
        try read { db in
            let row = try SQLRow.fetchOne(db, sql: """
                SELECT count(*) AS n, sum(EXISTS (SELECT 1 FROM return_visit v WHERE v.case_id = c.id AND v.phase = 'after')) AS visited
                FROM aid_case c WHERE c.step IN ('closed', 'archived') AND c.closed_on BETWEEN ? AND ?
                """, arguments: [closedFrom, closedTo])
            return CaseFigures.Rate(numerator: row?["visited"] ?? 0, denominator: row?["n"] ?? 0)
        }
    }

    // MARK: The one change pattern

    /// Load, check the step, apply, then the timeline event and the audit entry — one transaction.
    @discardableResult
    func pipelineChange(_ caseID: Int64, action: String, kind: String, entity: String, operatorID: Int64?,
                        allowed: Set<CaseStep>?, _ apply: (any SQLSession, AidCase) throws -> String) throws -> AidCase {
        let now = timestamp()
        return try write { db in
            guard let before = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID]) else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            if let allowed, !allowed.contains(before.step) {
                throw StoreError.invalidInput(field: "step", message: "案件当前为“\(before.step.label)”，不能执行此操作")
            }
            let note = try apply(db, before)
            try db.execute(sql: "UPDATE aid_case SET updated_at = ? WHERE id = ?", arguments: [now, caseID])
            let after = try AidCase.fetchOne(db, sql: "SELECT * FROM aid_case WHERE id = ?", arguments: [caseID])!
            try Self.addEvent(db, caseID: caseID, at: now, kind: kind, operatorID: operatorID, note: note)
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: operatorID, action: action, entity: entity, entityID: String(caseID),
                                before: AuditDigest.of(before.auditFields(), secret: secret),
                                after: AuditDigest.of(after.auditFields() + [("note", note)], secret: secret), detail: note)
            return after
        }
    }
}
