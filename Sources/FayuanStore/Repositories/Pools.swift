import FayuanCore
import Foundation

/// 人员库 (issue 24 part 2): the register of aid providers by category and specialty, pool
/// memberships, volunteers, "1+1" pairs, the leading lawyers' yearly count, and quality-review
/// panels drawn from the expert pool with recusal. One use case = one method = one transaction
/// with its audit entry. Written with the engine-neutral subset (portable SQL, ids by RETURNING).
extension CaseStore {
    // MARK: Who may

    /// Keeping the register and the pools: reviewers (who assign) and administrators.
    static func requirePoolKeeper(_ role: OperatorRole) throws {
        if AccessPolicy.allows(role, .manageSiteRules) { return }
        try AccessPolicy.require(role, .assignLawyer)
    }

    static func poolInput(_ body: () throws(PoolInputError) -> Void) throws {
        do { try body() } catch { throw StoreError.invalidInput(field: error.field, message: error.message) }
    }

    static func requireDay(_ text: String?, field: String) throws -> String? {
        guard let text else { return nil }
        try StoreDate.validate(text, field: field)
        guard LocalDate(iso: text) != nil else { throw StoreError.invalidInput(field: field, message: "没有这一天：\(text)") }
        return text
    }

    static func providerRow(_ db: any SQLSession, _ providerID: Int64) throws -> SQLRow {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM provider WHERE id = ?", arguments: [providerID]) else {
            throw StoreError.notFound(entity: "承办人员", id: String(providerID))
        }
        return row
    }

    // MARK: The register (法律援助人员名册)

    /// The register: every provider with kind, firm, specialties, pools; filtered by pool (active
    /// members only), specialty, kind, and to the published entries when `publishedOnly`.
    public func poolRegister(pool: PoolCode? = nil, specialty: ProviderSpecialty? = nil, kind: ProviderKind? = nil,
                             publishedOnly: Bool = false, includeInactive: Bool = false, on day: LocalDate? = nil) throws -> [RegisterEntry] {
        let today = day ?? self.today()
        return try read { db in
            let providers = try SQLRow.fetchAll(db, sql: """
                SELECT p.id, p.name, p.kind, p.organisation, p.phone, p.is_leading, p.active,
                       r.licence_no, r.practice_start, r.published
                FROM provider p LEFT JOIN provider_register r ON r.provider_id = p.id ORDER BY p.id
                """)
            var specialties: [Int64: [String]] = [:]
            for r in try SQLRow.fetchAll(db, sql: "SELECT provider_id, code FROM provider_specialty ORDER BY provider_id, code") {
                specialties[r["provider_id"], default: []].append(r["code"])
            }
            var pools: [Int64: [PoolMembership]] = [:]
            for r in try SQLRow.fetchAll(db, sql: "SELECT * FROM pool_member ORDER BY provider_id, id") {
                pools[r["provider_id"], default: []].append(Self.membership(r, today: today))
            }
            return providers.compactMap { p -> RegisterEntry? in
                let id: Int64 = p["id"]
                let kindCode: String = p["kind"]
                let codes = (specialties[id] ?? []).sorted {
                    (ProviderSpecialty.allCases.firstIndex(of: ProviderSpecialty(rawValue: $0) ?? .maritime) ?? 0)
                        < (ProviderSpecialty.allCases.firstIndex(of: ProviderSpecialty(rawValue: $1) ?? .maritime) ?? 0)
                }
                let start: String? = p["practice_start"]
                let entry = RegisterEntry(
                    id: id, name: p["name"], kind: kindCode, kindLabel: ProviderKind(rawValue: kindCode)?.label ?? kindCode,
                    firm: p["organisation"], phoneMasked: (p["phone"] as String?).map(Masking.phone),
                    licenceNo: p["licence_no"], practiceStart: start,
                    practiceYears: start.flatMap(LocalDate.init(iso:)).map { Age.years(bornOn: $0, on: today, counting: .onBirthday) },
                    specialties: codes, specialtyLabels: codes.map { ProviderSpecialty(rawValue: $0)?.label ?? $0 },
                    pools: pools[id] ?? [], isLeading: p["is_leading"], published: (p["published"] as Int?).map { $0 == 1 } ?? true,
                    active: p["active"])
                if !includeInactive, !entry.active { return nil }
                if let pool, !entry.isActive(in: pool) { return nil }
                if let specialty, !entry.specialties.contains(specialty.rawValue) { return nil }
                if let kind, entry.kind != kind.rawValue { return nil }
                if publishedOnly, !entry.published { return nil }
                return entry
            }
        }
    }

    static func membership(_ r: SQLRow, today: LocalDate) -> PoolMembership {
        let code: String = r["pool"]
        var status: String = r["status"]
        // A term that has run out reads as 期满 without anyone having to record it.
        if status == PoolMemberStatus.active.rawValue, let to = (r["valid_to"] as String?).flatMap(LocalDate.init(iso:)), to < today {
            status = PoolMemberStatus.expired.rawValue
        }
        return PoolMembership(pool: code, poolLabel: PoolCode(rawValue: code)?.label ?? code, joinedOn: r["joined_on"],
                              validTo: r["valid_to"], status: status,
                              statusLabel: PoolMemberStatus(rawValue: status)?.label ?? status, statusOn: r["status_on"],
                              statusReason: r["status_reason"])
    }

    /// Adds a provider to the register (a new lawyer, grassroots worker, …) in one step.
    public func enrolProvider(name: String, kind: ProviderKind, firm: String?, phone: String?, stationID: Int64?,
                              role: OperatorRole, by operatorID: Int64?) throws -> Int64 {
        try Self.requirePoolKeeper(role)
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StoreError.invalidInput(field: "name", message: "请填写姓名") }
        let now = timestamp()
        return try write { db in
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO provider(name, kind, organisation, phone, is_leading, station_id, created_at)
                VALUES (?,?,?,?,0,?,?) RETURNING id
                """, arguments: [name, kind.rawValue, firm, phone, stationID, now])!
            try db.execute(sql: "INSERT INTO provider_register(provider_id, published, operator_id, updated_at) VALUES (?,1,?,?)",
                           arguments: [id, operatorID, now])
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "provider", entityID: String(id),
                                before: nil, after: AuditDigest.of([("name", name), ("kind", kind.rawValue), ("firm", firm)],
                                                                   secret: try storeSecret(db)),
                                detail: "人员名册登记：\(name)（\(kind.label)）")
            return id
        }
    }

    /// The register fields of one provider; nil leaves a field as it is.
    public func setRegisterEntry(_ providerID: Int64, licenceNo: String? = nil, practiceStart: String? = nil,
                                 specialties: [ProviderSpecialty]? = nil, published: Bool? = nil,
                                 role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(practiceStart, field: "practiceStart")
        if let practiceStart, let d = LocalDate(iso: practiceStart), d > today() {
            throw StoreError.invalidInput(field: "practiceStart", message: "执业起始日期不能晚于今天：\(practiceStart)")
        }
        let now = timestamp()
        try write { db in
            let p = try Self.providerRow(db, providerID)
            let before = try SQLRow.fetchOne(db, sql: "SELECT * FROM provider_register WHERE provider_id = ?", arguments: [providerID])
            let oldSpecialties = try String.fetchAll(db, sql: "SELECT code FROM provider_specialty WHERE provider_id = ? ORDER BY code",
                                                     arguments: [providerID])
            let licence: String? = licenceNo.map { $0.trimmingCharacters(in: .whitespaces) } ?? before?["licence_no"]
            let start: String? = practiceStart ?? before?["practice_start"]
            let pub = published ?? ((before?["published"] as Int?).map { $0 == 1 } ?? true)
            try db.execute(sql: """
                INSERT INTO provider_register(provider_id, licence_no, practice_start, published, operator_id, updated_at)
                VALUES (?,?,?,?,?,?)
                ON CONFLICT (provider_id) DO UPDATE SET licence_no = excluded.licence_no, practice_start = excluded.practice_start,
                    published = excluded.published, operator_id = excluded.operator_id, updated_at = excluded.updated_at
                """, arguments: [providerID, licence, start, pub ? 1 : 0, operatorID, now])
            var newSpecialties = oldSpecialties
            if let specialties {
                try db.execute(sql: "DELETE FROM provider_specialty WHERE provider_id = ?", arguments: [providerID])
                for s in specialties {
                    try db.execute(sql: "INSERT INTO provider_specialty(provider_id, code) VALUES (?,?)", arguments: [providerID, s.rawValue])
                }
                newSpecialties = specialties.map(\.rawValue).sorted()
            }
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "provider_register",
                                entityID: String(providerID),
                                before: AuditDigest.of([("licence_no", before?["licence_no"] as String?), ("practice_start", before?["practice_start"] as String?),
                                                        ("specialties", oldSpecialties.joined(separator: ","))], secret: secret),
                                after: AuditDigest.of([("licence_no", licence), ("practice_start", start),
                                                       ("specialties", newSpecialties.joined(separator: ","))], secret: secret),
                                detail: "人员名册：\(p["name"] as String)" + (specialties.map { "；专业领域 " + $0.map(\.label).joined(separator: "、") } ?? "")
                                    + (pub ? "" : "；不公布"))
        }
    }

    /// Puts a provider in a pool (again, when an earlier membership ended).
    public func addToPool(_ providerID: Int64, pool: PoolCode, joinedOn: String, validTo: String? = nil,
                          role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(joinedOn, field: "joinedOn")
        _ = try Self.requireDay(validTo, field: "validTo")
        if let validTo, validTo < joinedOn {
            throw StoreError.invalidInput(field: "validTo", message: "期满日期不能早于入库日期")
        }
        let now = timestamp()
        try write { db in
            let p = try Self.providerRow(db, providerID)
            guard p["active"] as Bool else { throw StoreError.invalidInput(field: "provider", message: "\(p["name"] as String)已停用") }
            if pool == .reviewExperts || pool == .leadingLawyers || pool == .volunteerLawyers || pool == .dutyLawyers {
                let kind: String = p["kind"]
                if pool != .dutyLawyers, pool != .volunteerLawyers, kind != ProviderKind.lawyer.rawValue, kind != ProviderKind.publicLawyer.rawValue {
                    throw StoreError.invalidInput(field: "pool", message: "\(pool.label)只收律师：\(p["name"] as String)是\(ProviderKind(rawValue: kind)?.label ?? kind)")
                }
            }
            let existing = try SQLRow.fetchOne(db, sql: "SELECT * FROM pool_member WHERE provider_id = ? AND pool = ?",
                                            arguments: [providerID, pool.rawValue])
            if let existing {
                if (existing["status"] as String) == PoolMemberStatus.active.rawValue {
                    throw StoreError.invalidInput(field: "pool", message: "\(p["name"] as String)已在\(pool.label)中")
                }
                try db.execute(sql: """
                    UPDATE pool_member SET joined_on = ?, valid_to = ?, status = 'active', status_on = ?, status_reason = '重新入库',
                        operator_id = ?, updated_at = ? WHERE id = ?
                    """, arguments: [joinedOn, validTo, joinedOn, operatorID, now, existing["id"] as Int64])
            } else {
                try db.execute(sql: """
                    INSERT INTO pool_member(provider_id, pool, joined_on, valid_to, status, status_on, status_reason, operator_id, created_at, updated_at)
                    VALUES (?,?,?,?,'active',?,'',?,?,?)
                    """, arguments: [providerID, pool.rawValue, joinedOn, validTo, joinedOn, operatorID, now, now])
            }
            // The leading-lawyer flag the wheel and the pipeline read follows the 名优律师团.
            if pool == .leadingLawyers {
                try db.execute(sql: "UPDATE provider SET is_leading = 1 WHERE id = ?", arguments: [providerID])
            }
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "pool_member",
                                entityID: "\(providerID):\(pool.rawValue)", before: nil,
                                after: AuditDigest.of([("pool", pool.rawValue), ("joined_on", joinedOn), ("valid_to", validTo)],
                                                      secret: try storeSecret(db)),
                                detail: "\(p["name"] as String)入\(pool.label)（\(joinedOn)" + (validTo.map { "至\($0)" } ?? "") + "）")
        }
    }

    /// Suspends, removes (清退), expires or restores a membership; anything but restoring needs a reason.
    public func setPoolStatus(_ providerID: Int64, pool: PoolCode, status: PoolMemberStatus, on day: String, reason: String,
                              role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "day")
        let reason = reason.trimmingCharacters(in: .whitespaces)
        if status != .active, reason.isEmpty {
            throw StoreError.invalidInput(field: "reason", message: "\(status.label)须说明理由")
        }
        let now = timestamp()
        try write { db in
            let p = try Self.providerRow(db, providerID)
            guard let existing = try SQLRow.fetchOne(db, sql: "SELECT * FROM pool_member WHERE provider_id = ? AND pool = ?",
                                                  arguments: [providerID, pool.rawValue]) else {
                throw StoreError.invalidInput(field: "pool", message: "\(p["name"] as String)不在\(pool.label)中")
            }
            let old: String = existing["status"]
            try db.execute(sql: "UPDATE pool_member SET status = ?, status_on = ?, status_reason = ?, operator_id = ?, updated_at = ? WHERE id = ?",
                           arguments: [status.rawValue, day, reason, operatorID, now, existing["id"] as Int64])
            if pool == .leadingLawyers {
                try db.execute(sql: "UPDATE provider SET is_leading = ? WHERE id = ?", arguments: [status == .active ? 1 : 0, providerID])
            }
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "update", entity: "pool_member",
                                entityID: "\(providerID):\(pool.rawValue)",
                                before: AuditDigest.of([("status", old)], secret: secret),
                                after: AuditDigest.of([("status", status.rawValue), ("reason", reason)], secret: secret),
                                detail: "\(p["name"] as String)：\(pool.label)\(status.label)" + (reason.isEmpty ? "" : "（\(reason)）"))
        }
    }

    // MARK: Duty-lawyer warnings (一次警告、二次清退)

    /// Records a warning to a member of a pool (the duty lawyer pool by default) and returns the
    /// member's warnings of the 12 months up to `day`; the second proposes removal.
    @discardableResult
    public func warnProvider(_ providerID: Int64, pool: PoolCode = .dutyLawyers, on day: String, reason: String,
                             role: OperatorRole, by operatorID: Int64?) throws -> ProviderWarnings {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "day")
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw StoreError.invalidInput(field: "reason", message: "请写明警告理由") }
        let now = timestamp()
        try write { db in
            let p = try Self.providerRow(db, providerID)
            guard try String.fetchOne(db, sql: "SELECT status FROM pool_member WHERE provider_id = ? AND pool = ?",
                                      arguments: [providerID, pool.rawValue]) == PoolMemberStatus.active.rawValue else {
                throw StoreError.invalidInput(field: "pool", message: "\(p["name"] as String)不在\(pool.label)中")
            }
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO provider_warning(provider_id, pool, day, reason, operator_id, created_at) VALUES (?,?,?,?,?,?) RETURNING id
                """, arguments: [providerID, pool.rawValue, day, reason, operatorID, now])!
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "provider_warning", entityID: String(id),
                                before: nil, after: AuditDigest.of([("provider", String(providerID)), ("day", day), ("reason", reason)],
                                                                   secret: try storeSecret(db)),
                                detail: "\(p["name"] as String)（\(pool.label)）警告：\(reason)")
        }
        return try providerWarnings(pool: pool, on: day).first { $0.providerID == providerID }!
    }

    /// Everyone warned in the 12 months up to `day`, with whether it proposes 清退 (year-end check).
    public func providerWarnings(pool: PoolCode = .dutyLawyers, on day: String) throws -> [ProviderWarnings] {
        _ = try Self.requireDay(day, field: "day")
        let since = LocalDate(iso: day)!.adding(years: -1).adding(days: 1).iso
        return try read { db in
            var byProvider: [Int64: [String]] = [:]
            var order: [Int64] = []
            for r in try SQLRow.fetchAll(db, sql: """
                SELECT provider_id, day, reason FROM provider_warning WHERE pool = ? AND day >= ? AND day <= ? ORDER BY day, id
                """, arguments: [pool.rawValue, since, day]) {
                let id: Int64 = r["provider_id"]
                if byProvider[id] == nil { order.append(id) }
                byProvider[id, default: []].append("\(r["day"] as String)：\(r["reason"] as String)")
            }
            return try order.map { id in
                let p = try Self.providerRow(db, id)
                let status = try String.fetchOne(db, sql: "SELECT status FROM pool_member WHERE provider_id = ? AND pool = ?",
                                                 arguments: [id, pool.rawValue])
                let list = byProvider[id]!
                return ProviderWarnings(providerID: id, name: p["name"], pool: pool.rawValue, warnings: list,
                                        proposesRemoval: DutyWarningRule.proposesRemoval(warningsInYear: list.count),
                                        stillInPool: status == PoolMemberStatus.active.rawValue)
            }
        }
    }

    // MARK: Volunteers (法律援助志愿者)

    public func applyVolunteer(_ application: VolunteerApplication, on day: String, role: OperatorRole, by operatorID: Int64?) throws -> Int64 {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "appliedOn")
        let name = application.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StoreError.invalidInput(field: "name", message: "请填写志愿者姓名") }
        guard !application.skills.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidInput(field: "skills", message: "请填写服务技能（志愿者管理办法第十四条）")
        }
        var idNumber: String?
        if let raw = application.idNumber?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            guard case .success(let parsed) = IDNumber.parse(raw) else {
                throw StoreError.invalidInput(field: "idNumber", message: "身份证号码无效")
            }
            idNumber = parsed.normalized
        }
        let phone = application.phone?.trimmingCharacters(in: .whitespaces)
        if let phone, !phone.isEmpty, !phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) || phone.count < 7 {
            throw StoreError.invalidInput(field: "phone", message: "电话号码应为数字")
        }
        let now = timestamp()
        return try write { db in
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO volunteer(name, id_number, phone, skills, availability, station_id, status, applied_on, operator_id, created_at, updated_at)
                VALUES (?,?,?,?,?,?,'applied',?,?,?,?) RETURNING id
                """, arguments: [name, idNumber, (phone?.isEmpty ?? true) ? nil : phone, application.skills, application.availability,
                                 application.stationID, day, operatorID, now, now])!
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "volunteer", entityID: String(id),
                                before: nil, after: AuditDigest.of([("name", name), ("id_number", idNumber), ("phone", phone),
                                                                    ("skills", application.skills)], secret: try storeSecret(db)),
                                detail: "志愿者申请：\(name)")
            return id
        }
    }

    /// One change to a volunteer: loads it, applies, writes the audit entry — one transaction.
    func volunteerChange(_ id: Int64, action: String, operatorID: Int64?,
                         _ apply: (any SQLSession, SQLRow) throws -> String) throws {
        let now = timestamp()
        try write { db in
            guard let before = try SQLRow.fetchOne(db, sql: "SELECT * FROM volunteer WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(entity: "志愿者", id: String(id))
            }
            let note = try apply(db, before)
            try db.execute(sql: "UPDATE volunteer SET updated_at = ? WHERE id = ?", arguments: [now, id])
            let after = try SQLRow.fetchOne(db, sql: "SELECT status FROM volunteer WHERE id = ?", arguments: [id])
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: operatorID, action: action, entity: "volunteer", entityID: String(id),
                                before: AuditDigest.of([("status", before["status"])], secret: secret),
                                after: AuditDigest.of([("status", after?["status"]), ("note", note)], secret: secret),
                                detail: "志愿者\(before["name"] as String)：\(note)")
        }
    }

    /// 注册 (Art 15): registered on the national platform, with its number.
    public func registerVolunteer(_ id: Int64, platformNo: String, on day: String, role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "registeredOn")
        let number = platformNo.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty else { throw StoreError.invalidInput(field: "platformNo", message: "请填写全国志愿服务信息系统注册编号") }
        try volunteerChange(id, action: "register", operatorID: operatorID) { db, v in
            guard (v["status"] as String) == VolunteerStatus.applied.rawValue else {
                throw StoreError.invalidInput(field: "status", message: "志愿者当前为“\(Self.volunteerStatusLabel(v["status"]))”，不能注册")
            }
            if day < (v["applied_on"] as String) { throw StoreError.invalidInput(field: "registeredOn", message: "注册日期不能早于申请日期") }
            try db.execute(sql: "UPDATE volunteer SET status = 'registered', platform_no = ?, registered_on = ? WHERE id = ?",
                           arguments: [number, day, id])
            return "注册（编号 \(number)）"
        }
    }

    static func volunteerStatusLabel(_ code: String) -> String { VolunteerStatus(rawValue: code)?.label ?? code }

    /// 志愿服务记录 (Art 17): the day's counted hours never pass 8; more is kept as overflow with
    /// its mandatory note. Returns the entry as recorded.
    @discardableResult
    public func logVolunteerService(_ id: Int64, day: String, minutes: Int, activity: String, overflowNote: String? = nil,
                                    evaluation: String = "", stationID: Int64? = nil,
                                    role: OperatorRole, by operatorID: Int64?) throws -> VolunteerServiceEntry {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "day")
        let activity = activity.trimmingCharacters(in: .whitespaces)
        guard !activity.isEmpty else { throw StoreError.invalidInput(field: "activity", message: "请填写服务内容") }
        if let d = LocalDate(iso: day), d > today() { throw StoreError.invalidInput(field: "day", message: "不能登记将来的服务：\(day)") }
        var entry: VolunteerServiceEntry?
        try volunteerChange(id, action: "service", operatorID: operatorID) { db, v in
            guard (v["status"] as String) == VolunteerStatus.registered.rawValue || (v["status"] as String) == VolunteerStatus.exiting.rawValue else {
                throw StoreError.invalidInput(field: "status", message: "志愿者当前为“\(Self.volunteerStatusLabel(v["status"]))”，不能登记服务")
            }
            let already = try Int.fetchOne(db, sql: "SELECT coalesce(sum(counted_minutes), 0) FROM volunteer_service WHERE volunteer_id = ? AND day = ?",
                                           arguments: [id, day]) ?? 0
            var split = VolunteerRules.HoursSplit(countedMinutes: 0, overflowMinutes: 0)
            try Self.poolInput { () throws(PoolInputError) in
                split = try VolunteerRules.validateService(minutes: minutes, alreadyCounted: already, overflowNote: overflowNote)
            }
            let note = split.overflowMinutes > 0 ? (overflowNote ?? "").trimmingCharacters(in: .whitespaces) : ""
            let rowID = try Int64.fetchOne(db, sql: """
                INSERT INTO volunteer_service(volunteer_id, day, counted_minutes, overflow_minutes, overflow_note, activity, station_id,
                    evaluation, operator_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: [id, day, split.countedMinutes, split.overflowMinutes, note, activity, stationID, evaluation,
                                 operatorID, timestamp()])!
            entry = VolunteerServiceEntry(id: rowID, volunteerID: id, day: day, countedMinutes: split.countedMinutes,
                                          overflowMinutes: split.overflowMinutes, overflowNote: note, activity: activity,
                                          evaluation: evaluation)
            return "\(day) 服务 \(VolunteerRules.hoursText(minutes))，计 \(VolunteerRules.hoursText(split.countedMinutes))"
                + (split.overflowMinutes > 0 ? "，超出 \(VolunteerRules.hoursText(split.overflowMinutes)) 另附说明" : "")
        }
        return entry!
    }

    /// 未履行约定服务 / 服务质量投诉: what the Art 20 year-end check counts.
    public func recordVolunteerIncident(_ id: Int64, kind: VolunteerIncidentKind, day: String, note: String,
                                        role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "day")
        let note = note.trimmingCharacters(in: .whitespaces)
        guard !note.isEmpty else { throw StoreError.invalidInput(field: "note", message: "请写明情况") }
        try volunteerChange(id, action: "incident", operatorID: operatorID) { db, _ in
            try db.execute(sql: "INSERT INTO volunteer_incident(volunteer_id, day, kind, note, operator_id, created_at) VALUES (?,?,?,?,?,?)",
                           arguments: [id, day, kind.rawValue, note, operatorID, timestamp()])
            return "\(day) \(kind.label)：\(note)"
        }
    }

    /// 退出 (Art 19): requested today, to be completed within 15 working days; status 退出中.
    @discardableResult
    public func requestVolunteerExit(_ id: Int64, on day: String, calendar: HolidayCalendar,
                                     role: OperatorRole, by operatorID: Int64?) throws -> HolidayCalendar.Due {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "day")
        let due: HolidayCalendar.Due
        do { due = try VolunteerRules.exitDue(requestedOn: LocalDate(iso: day)!, calendar: calendar) } catch {
            throw StoreError.invalidInput(field: "day", message: error.message)
        }
        try volunteerChange(id, action: "exit_request", operatorID: operatorID) { db, v in
            let status: String = v["status"]
            guard status == VolunteerStatus.registered.rawValue || status == VolunteerStatus.applied.rawValue else {
                throw StoreError.invalidInput(field: "status", message: "志愿者当前为“\(Self.volunteerStatusLabel(status))”，不能申请退出")
            }
            try db.execute(sql: "UPDATE volunteer SET status = 'exiting', exit_requested_on = ?, exit_due_on = ? WHERE id = ?",
                           arguments: [day, due.date.iso, id])
            return "申请退出，\(due.text) 前办结（15 个工作日）"
        }
        return due
    }

    public func completeVolunteerExit(_ id: Int64, on day: String, role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "day")
        try volunteerChange(id, action: "exit", operatorID: operatorID) { db, v in
            guard (v["status"] as String) == VolunteerStatus.exiting.rawValue else {
                throw StoreError.invalidInput(field: "status", message: "志愿者当前为“\(Self.volunteerStatusLabel(v["status"]))”，须先申请退出")
            }
            if day < (v["exit_requested_on"] as String? ?? day) {
                throw StoreError.invalidInput(field: "day", message: "办结日期不能早于申请退出日期")
            }
            try db.execute(sql: "UPDATE volunteer SET status = 'exited', exited_on = ? WHERE id = ?", arguments: [day, id])
            return "退出办结"
        }
    }

    /// 清退 (Art 20): a decision with its reason; the year-end check only proposes it.
    public func removeVolunteer(_ id: Int64, reason: VolunteerRemovalReason, on day: String, note: String,
                                role: OperatorRole, by operatorID: Int64?) throws {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(day, field: "day")
        try volunteerChange(id, action: "remove", operatorID: operatorID) { db, v in
            let status: String = v["status"]
            guard status != VolunteerStatus.removed.rawValue, status != VolunteerStatus.exited.rawValue else {
                throw StoreError.invalidInput(field: "status", message: "志愿者当前为“\(Self.volunteerStatusLabel(status))”")
            }
            try db.execute(sql: "UPDATE volunteer SET status = 'removed', removed_on = ?, removal_reason = ? WHERE id = ?",
                           arguments: [day, reason.rawValue, id])
            return "清退：\(reason.label)" + (note.isEmpty ? "" : "（\(note)）")
        }
    }

    /// The volunteers, numbers masked, with their hours, stars and this year's incidents.
    public func volunteers(status: VolunteerStatus? = nil, year: Int? = nil) throws -> [VolunteerEntry] {
        let year = year ?? today().year
        return try read { db in
            let rows = try SQLRow.fetchAll(db, sql: "SELECT * FROM volunteer ORDER BY id")
            let minutes = Dictionary(uniqueKeysWithValues: try SQLRow.fetchAll(db, sql: """
                SELECT volunteer_id, sum(counted_minutes) AS m FROM volunteer_service GROUP BY volunteer_id
                """).map { ($0["volunteer_id"] as Int64, $0["m"] as Int) })
            var incidents: [Int64: (missed: Int, complaints: Int)] = [:]
            for r in try SQLRow.fetchAll(db, sql: """
                SELECT volunteer_id, kind, count(*) AS n FROM volunteer_incident WHERE day >= ? AND day <= ? GROUP BY volunteer_id, kind
                """, arguments: ["\(year)-01-01", "\(year)-12-31"]) {
                let id: Int64 = r["volunteer_id"]
                var c = incidents[id] ?? (0, 0)
                if (r["kind"] as String) == VolunteerIncidentKind.missedService.rawValue { c.missed = r["n"] } else { c.complaints = r["n"] }
                incidents[id] = c
            }
            return rows.map { Self.volunteerEntry($0, minutes: minutes[$0["id"]] ?? 0, incidents: incidents[$0["id"]] ?? (0, 0)) }
                .filter { status == nil || $0.status == status!.rawValue }
        }
    }

    static func volunteerEntry(_ v: SQLRow, minutes: Int, incidents: (missed: Int, complaints: Int)) -> VolunteerEntry {
        let status: String = v["status"]
        let stars = VolunteerRules.stars(countedMinutes: minutes)
        return VolunteerEntry(
            id: v["id"], name: v["name"], idMasked: (v["id_number"] as String?).map(Masking.idNumber),
            phoneMasked: (v["phone"] as String?).map(Masking.phone), skills: v["skills"], availability: v["availability"],
            stationID: v["station_id"], platformNo: v["platform_no"], status: status, statusLabel: volunteerStatusLabel(status),
            appliedOn: v["applied_on"], registeredOn: v["registered_on"], exitRequestedOn: v["exit_requested_on"],
            exitDueOn: v["exit_due_on"], exitedOn: v["exited_on"], removedOn: v["removed_on"], removalReason: v["removal_reason"],
            countedMinutes: minutes, stars: stars, starText: VolunteerRules.starText(stars),
            missedServicesThisYear: incidents.missed, complaintsThisYear: incidents.complaints)
    }

    /// One volunteer with the services and incidents (of `year` for the removal proposal).
    public func volunteerDetail(_ id: Int64, year: Int? = nil) throws -> VolunteerDetail {
        let year = year ?? today().year
        guard let entry = try volunteers(year: year).first(where: { $0.id == id }) else {
            throw StoreError.notFound(entity: "志愿者", id: String(id))
        }
        return try read { db in
            let services = try SQLRow.fetchAll(db, sql: "SELECT * FROM volunteer_service WHERE volunteer_id = ? ORDER BY day, id",
                                            arguments: [id]).map {
                VolunteerServiceEntry(id: $0["id"], volunteerID: id, day: $0["day"], countedMinutes: $0["counted_minutes"],
                                      overflowMinutes: $0["overflow_minutes"], overflowNote: $0["overflow_note"],
                                      activity: $0["activity"], evaluation: $0["evaluation"])
            }
            let incidents = try SQLRow.fetchAll(db, sql: "SELECT * FROM volunteer_incident WHERE volunteer_id = ? ORDER BY day, id",
                                             arguments: [id]).map { r -> VolunteerIncidentEntry in
                let kind: String = r["kind"]
                return VolunteerIncidentEntry(id: r["id"], day: r["day"], kind: kind,
                                              kindLabel: VolunteerIncidentKind(rawValue: kind)?.label ?? kind, note: r["note"])
            }
            let proposal = VolunteerRules.proposedRemoval(missedServices: entry.missedServicesThisYear,
                                                          qualityComplaints: entry.complaintsThisYear)
            return VolunteerDetail(volunteer: entry, services: services, incidents: incidents, proposedRemoval: proposal.map(\.label))
        }
    }

    /// Art 20 year-end check: volunteers whose year reaches a removal ground (still in the register).
    public func volunteerRemovalProposals(year: Int) throws -> [VolunteerEntry] {
        try volunteers(year: year).filter {
            ($0.status == VolunteerStatus.registered.rawValue || $0.status == VolunteerStatus.exiting.rawValue)
                && !VolunteerRules.proposedRemoval(missedServices: $0.missedServicesThisYear, qualityComplaints: $0.complaintsThisYear).isEmpty
        }
    }

    // MARK: "1+1" pairs

    @discardableResult
    public func addMentorship(mentor: Int64, mentee: Int64, startedOn: String, role: OperatorRole, by operatorID: Int64?) throws -> Int64 {
        try Self.requirePoolKeeper(role)
        _ = try Self.requireDay(startedOn, field: "startedOn")
        let today = today()
        let now = timestamp()
        return try write { db in
            let m = try Self.providerRow(db, mentor)
            let e = try Self.providerRow(db, mentee)
            let start = (try String.fetchOne(db, sql: "SELECT practice_start FROM provider_register WHERE provider_id = ?", arguments: [mentor]))
                .flatMap { LocalDate(iso: $0) }
            let years = start.map { Age.years(bornOn: $0, on: today, counting: .onBirthday) }
            try Self.poolInput { () throws(PoolInputError) in
                try MentorshipRules.validate(mentorID: mentor, menteeID: mentee, mentorIsLeading: m["is_leading"], mentorPracticeYears: years)
            }
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM mentorship WHERE mentor_id = ? AND mentee_id = ? AND ended_on IS NULL",
                                arguments: [mentor, mentee]) ?? 0 > 0 {
                throw StoreError.invalidInput(field: "mentee", message: "\(m["name"] as String)与\(e["name"] as String)已结对")
            }
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO mentorship(mentor_id, mentee_id, started_on, operator_id, created_at, updated_at) VALUES (?,?,?,?,?,?) RETURNING id
                """, arguments: [mentor, mentee, startedOn, operatorID, now, now])!
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "mentorship", entityID: String(id),
                                before: nil, after: AuditDigest.of([("mentor", String(mentor)), ("mentee", String(mentee)),
                                                                    ("started_on", startedOn)], secret: try storeSecret(db)),
                                detail: "“1+1”结对：\(m["name"] as String)带\(e["name"] as String)")
            return id
        }
    }

    /// Records a case as a "1+1" case of a pair; `mentorPersonally` makes it count for the mentor's 名优 quota.
    public func pairCase(_ caseID: Int64, mentorship: Int64, mentorPersonally: Bool, comment: String = "",
                         role: OperatorRole, by operatorID: Int64?) throws {
        try AccessPolicy.require(role, .assignLawyer)
        let now = timestamp()
        try write { db in
            guard let pair = try SQLRow.fetchOne(db, sql: """
                SELECT m.*, a.name AS mentor_name, b.name AS mentee_name FROM mentorship m
                JOIN provider a ON a.id = m.mentor_id JOIN provider b ON b.id = m.mentee_id WHERE m.id = ?
                """, arguments: [mentorship]) else { throw StoreError.notFound(entity: "“1+1”结对", id: String(mentorship)) }
            guard let handler = try SQLRow.fetchOne(db, sql: "SELECT provider_id, case_number FROM aid_case WHERE id = ?", arguments: [caseID]) else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            let handlerID: Int64? = handler["provider_id"]
            guard handlerID == pair["mentor_id"] || handlerID == pair["mentee_id"] else {
                throw StoreError.invalidInput(field: "mentorship", message: "本案承办人不是该结对的带教律师或青年律师，请先指派")
            }
            if pair["ended_on"] as String? != nil { throw StoreError.invalidInput(field: "mentorship", message: "该结对已结束") }
            let before = try SQLRow.fetchOne(db, sql: "SELECT * FROM case_pairing WHERE case_id = ?", arguments: [caseID])
            try db.execute(sql: """
                INSERT INTO case_pairing(case_id, mentorship_id, mentor_personally, mentor_comment, operator_id, created_at) VALUES (?,?,?,?,?,?)
                ON CONFLICT (case_id) DO UPDATE SET mentorship_id = excluded.mentorship_id, mentor_personally = excluded.mentor_personally,
                    mentor_comment = excluded.mentor_comment, operator_id = excluded.operator_id, created_at = excluded.created_at
                """, arguments: [caseID, mentorship, mentorPersonally ? 1 : 0, comment, operatorID, now])
            let note = "“1+1”：\(pair["mentor_name"] as String)带\(pair["mentee_name"] as String)"
                + (mentorPersonally ? "，带教律师亲自办理" : "，带教律师仅指导")
            try Self.addEvent(db, caseID: caseID, at: now, kind: "pairing", operatorID: operatorID, note: note)
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: operatorID, action: before == nil ? "create" : "update", entity: "case_pairing",
                                entityID: String(caseID),
                                before: before.map { AuditDigest.of([("mentorship", String($0["mentorship_id"] as Int64)),
                                                                     ("personally", String($0["mentor_personally"] as Int))], secret: secret) },
                                after: AuditDigest.of([("mentorship", String(mentorship)), ("personally", mentorPersonally ? "1" : "0")],
                                                      secret: secret), detail: note)
        }
    }

    public func mentorships() throws -> [MentorshipEntry] {
        try read { db in
            var cases: [Int64: [Int64]] = [:]
            for r in try SQLRow.fetchAll(db, sql: "SELECT mentorship_id, case_id FROM case_pairing ORDER BY case_id") {
                cases[r["mentorship_id"], default: []].append(r["case_id"])
            }
            return try SQLRow.fetchAll(db, sql: """
                SELECT m.*, a.name AS mentor_name, b.name AS mentee_name FROM mentorship m
                JOIN provider a ON a.id = m.mentor_id JOIN provider b ON b.id = m.mentee_id ORDER BY m.id
                """).map {
                MentorshipEntry(id: $0["id"], mentorID: $0["mentor_id"], mentorName: $0["mentor_name"], menteeID: $0["mentee_id"],
                                menteeName: $0["mentee_name"], startedOn: $0["started_on"], endedOn: $0["ended_on"],
                                evaluation: $0["evaluation"], caseIDs: cases[$0["id"]] ?? [])
            }
        }
    }

    // MARK: 名优律师 yearly count

    /// Every member of the 名优律师团 (active during the year) with the year's 亲自办理 count
    /// (cases assigned in the year) against `minimum`.
    public func leadingLawyerYear(_ year: Int, minimum: Int = LeadingLawyerQuota.defaultMinimum) throws -> [LeadingYearEntry] {
        guard (2000...2200).contains(year) else { throw StoreError.invalidInput(field: "year", message: "年份不对：\(year)") }
        guard minimum >= 1 else { throw StoreError.invalidInput(field: "minimum", message: "年度最少件数至少为 1") }
        let from = "\(year)-01-01", to = "\(year)-12-31"
        return try read { db in
            let members = try SQLRow.fetchAll(db, sql: """
                SELECT p.id, p.name, p.organisation FROM pool_member m JOIN provider p ON p.id = m.provider_id
                WHERE m.pool = 'leading_lawyers' AND m.joined_on <= ? AND (m.status = 'active' OR m.status_on >= ?) ORDER BY p.id
                """, arguments: [to, from])
            let credits = try SQLRow.fetchAll(db, sql: """
                SELECT c.id, c.provider_id, m.mentor_id, cp.mentor_personally FROM aid_case c
                LEFT JOIN case_pairing cp ON cp.case_id = c.id LEFT JOIN mentorship m ON m.id = cp.mentorship_id
                WHERE c.assigned_on >= ? AND c.assigned_on <= ?
                """, arguments: [from, to]).map {
                LeadingLawyerQuota.CaseCredit(caseID: $0["id"], handlerID: $0["provider_id"], mentorID: $0["mentor_id"],
                                              mentorPersonally: ($0["mentor_personally"] as Int?) == 1)
            }
            return members.map { p in
                let id: Int64 = p["id"]
                let n = LeadingLawyerQuota.personalCount(credits, for: id)
                let mentorOnly = credits.filter { $0.mentorID == id && !$0.mentorPersonally }.count
                return LeadingYearEntry(providerID: id, name: p["name"], firm: p["organisation"], year: year, personalCount: n,
                                        mentorOnlyCount: mentorOnly, minimum: minimum,
                                        figure: LeadingLawyerQuota.figure(count: n, minimum: minimum), belowMinimum: n < minimum)
            }
        }
    }

    // MARK: Quality-review panels (评查专家库)

    /// The active experts of the pool on `day`.
    static func reviewExperts(_ db: any SQLSession, on day: String) throws -> [ReviewPanelDraw.Expert] {
        try SQLRow.fetchAll(db, sql: """
            SELECT p.id, p.name, p.organisation FROM pool_member m JOIN provider p ON p.id = m.provider_id
            WHERE m.pool = 'review_experts' AND m.status = 'active' AND p.active = 1 AND m.joined_on <= ?
              AND (m.valid_to IS NULL OR m.valid_to >= ?) ORDER BY p.id
            """, arguments: [day, day]).map { ReviewPanelDraw.Expert(providerID: $0["id"], name: $0["name"], firm: $0["organisation"]) }
    }

    static func handler(_ db: any SQLSession, caseID: Int64) throws -> ReviewPanelDraw.Handler {
        guard let c = try SQLRow.fetchOne(db, sql: """
            SELECT c.provider_id, p.name, p.organisation FROM aid_case c LEFT JOIN provider p ON p.id = c.provider_id WHERE c.id = ?
            """, arguments: [caseID]) else { throw StoreError.notFound(entity: "案件", id: String(caseID)) }
        let id: Int64? = c["provider_id"]
        var partners = Set<Int64>()
        if let id {
            for r in try SQLRow.fetchAll(db, sql: "SELECT mentor_id, mentee_id FROM mentorship WHERE mentor_id = ? OR mentee_id = ?",
                                      arguments: [id, id]) {
                partners.insert(r["mentor_id"]); partners.insert(r["mentee_id"])
            }
            partners.remove(id)
        }
        return ReviewPanelDraw.Handler(providerID: id, name: c["name"] ?? "", firm: c["organisation"], partnerIDs: partners)
    }

    /// Draws, records and returns one panel for one case (inside the caller's transaction).
    static func recordPanel(_ db: any SQLSession, caseID: Int64, campaignID: Int64?, size: Int, seed: UInt64, pool: [ReviewPanelDraw.Expert],
                            operatorID: Int64?, at now: String) throws -> Int64 {
        let handler = try handler(db, caseID: caseID)
        let panel: ReviewPanelDraw.Panel
        do { panel = try ReviewPanelDraw.draw(pool: pool, size: size, seed: seed, handler: handler) } catch {
            let number = try String.fetchOne(db, sql: "SELECT case_number FROM aid_case WHERE id = ?", arguments: [caseID])
            throw StoreError.invalidInput(field: "size", message: (number.map { "\($0)：" } ?? "") + error.description)
        }
        let id = try Int64.fetchOne(db, sql: """
            INSERT INTO review_panel(case_id, campaign_id, size, seed, pool_size, pool_ids, eligible_count, handler_id, handler_firm,
                operator_id, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id
            """, arguments: [caseID, campaignID, size, String(seed), pool.count,
                             pool.map { String($0.providerID) }.sorted().joined(separator: ","), panel.eligibleCount,
                             handler.providerID, handler.firm ?? "", operatorID, now])!
        for (i, m) in panel.members.enumerated() {
            try db.execute(sql: "INSERT INTO review_panel_member(panel_id, position, provider_id, name, firm) VALUES (?,?,?,?,?)",
                           arguments: [id, i + 1, m.providerID, m.name, m.firm ?? ""])
            // The pipeline's peer-review list (board filter 待评查, the case's peer reviewer) reads these.
            try db.execute(sql: """
                INSERT INTO review_assignment(case_id, sample_id, peer_provider_id, peer_name, assigned_at, operator_id)
                VALUES (?, (SELECT sample_id FROM review_campaign WHERE id = ?), ?,?,?,?)
                """, arguments: [caseID, campaignID, m.providerID, m.name, now, operatorID])
        }
        for r in panel.recused {
            try db.execute(sql: "INSERT INTO review_panel_recusal(panel_id, provider_id, name, reason) VALUES (?,?,?,?)",
                           arguments: [id, r.expert.providerID, r.expert.name, r.reason])
        }
        let note = "抽取评查组（种子 \(seed)）：" + panel.members.map(\.name).joined(separator: "、")
            + (panel.recused.isEmpty ? "" : "；回避 " + panel.recused.map { "\($0.expert.name)（\($0.reason)）" }.joined(separator: "、"))
        try addEvent(db, caseID: caseID, at: now, kind: "review_panel", operatorID: operatorID, note: note)
        return id
    }

    /// 评查组: draws `size` experts at random for one closed case, reproducibly (`seed`, a fresh
    /// one when nil, is recorded), with the handling lawyer, their firm and their "1+1" partner recused.
    public func drawReviewPanel(_ caseID: Int64, size: Int, seed: UInt64? = nil, role: OperatorRole,
                                by operatorID: Int64?) throws -> ReviewPanelRecord {
        try AccessPolicy.require(role, .qualityReview)
        let seed = seed ?? ReviewPanelDraw.freshSeed()
        let now = timestamp()
        let day = today().iso
        let id: Int64 = try write { db in
            guard let step = try String.fetchOne(db, sql: "SELECT step FROM aid_case WHERE id = ?", arguments: [caseID]) else {
                throw StoreError.notFound(entity: "案件", id: String(caseID))
            }
            guard step == CaseStep.closed.rawValue || step == CaseStep.archived.rawValue else {
                throw StoreError.invalidInput(field: "case", message: "只能对已结案的案件抽取评查组（当前：\(CaseStep(rawValue: step)?.label ?? step)）")
            }
            let pool = try Self.reviewExperts(db, on: day)
            let id = try Self.recordPanel(db, caseID: caseID, campaignID: nil, size: size, seed: seed, pool: pool,
                                          operatorID: operatorID, at: now)
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "review_panel", entityID: String(id),
                                before: nil, after: AuditDigest.of([("case", String(caseID)), ("size", String(size)), ("seed", String(seed))],
                                                                   secret: try storeSecret(db)),
                                detail: "案件 \(caseID) 抽取评查组 \(size) 人，种子 \(seed)")
            return id
        }
        return try reviewPanel(id)
    }

    public func reviewPanel(_ id: Int64) throws -> ReviewPanelRecord {
        guard let panel = try reviewPanels(where: "r.id = ?", [id]).first else { throw StoreError.notFound(entity: "评查组", id: String(id)) }
        return panel
    }

    /// Panels, newest first; of one case when `caseID` is given.
    public func reviewPanels(caseID: Int64? = nil) throws -> [ReviewPanelRecord] {
        if let caseID { return try reviewPanels(where: "r.case_id = ?", [caseID]) }
        return try reviewPanels(where: "1 = 1", [])
    }

    func reviewPanels(where condition: String, _ args: [Int64]) throws -> [ReviewPanelRecord] {
        try read { db in
            let panels = try SQLRow.fetchAll(db, sql: """
                SELECT r.*, c.case_number, p.name AS handler_name FROM review_panel r JOIN aid_case c ON c.id = r.case_id
                LEFT JOIN provider p ON p.id = r.handler_id WHERE \(condition) ORDER BY r.id DESC
                """, arguments: SQLArguments(args))
            return try panels.map { r in
                let id: Int64 = r["id"]
                let members = try SQLRow.fetchAll(db, sql: "SELECT * FROM review_panel_member WHERE panel_id = ? ORDER BY position", arguments: [id]).map {
                    ReviewPanelRecord.Member(position: $0["position"], providerID: $0["provider_id"], name: $0["name"], firm: $0["firm"])
                }
                let recusals = try SQLRow.fetchAll(db, sql: "SELECT * FROM review_panel_recusal WHERE panel_id = ? ORDER BY provider_id", arguments: [id]).map {
                    ReviewPanelRecord.Recusal(providerID: $0["provider_id"], name: $0["name"], reason: $0["reason"])
                }
                return ReviewPanelRecord(id: id, caseID: r["case_id"], caseNumber: r["case_number"], campaignID: r["campaign_id"],
                                         size: r["size"], seed: r["seed"], poolSize: r["pool_size"], eligibleCount: r["eligible_count"],
                                         handlerID: r["handler_id"], handlerName: r["handler_name"], handlerFirm: r["handler_firm"],
                                         members: members, recusals: recusals, createdAt: r["created_at"])
            }
        }
    }

    /// Replays a recorded draw from its recorded pool, seed and handler: true when it gives the
    /// same members in the same order (anyone can check that the panel was not hand-picked).
    public func verifyReviewPanel(_ id: Int64) throws -> Bool {
        let panel = try reviewPanel(id)
        return try read { db in
            guard let r = try SQLRow.fetchOne(db, sql: "SELECT pool_ids, handler_id, handler_firm FROM review_panel WHERE id = ?", arguments: [id]),
                  let seed = UInt64(panel.seed) else { return false }
            let ids = (r["pool_ids"] as String).split(separator: ",").compactMap { Int64($0) }
            var pool: [ReviewPanelDraw.Expert] = []
            for pid in ids {
                guard let p = try SQLRow.fetchOne(db, sql: "SELECT name, organisation FROM provider WHERE id = ?", arguments: [pid]) else { return false }
                pool.append(.init(providerID: pid, name: p["name"], firm: p["organisation"]))
            }
            // The firm as it was at the draw (a lawyer may have moved since).
            var handler = try Self.handler(db, caseID: panel.caseID)
            handler.providerID = r["handler_id"]
            handler.firm = r["handler_firm"]
            let firms = Dictionary(uniqueKeysWithValues: panel.members.map { ($0.providerID, $0.firm) })
            pool = pool.map { e in var e = e; if let f = firms[e.providerID] { e.firm = f }; return e }
            guard let replay = try? ReviewPanelDraw.draw(pool: pool, size: panel.size, seed: seed, handler: handler,
                                                         otherRecusals: [:]) else { return false }
            return replay.members.map(\.providerID) == panel.members.map(\.providerID)
        }
    }

    /// 评查抽样 with the pools: the closed cases of the period sampled at `ratePercent`,
    /// stratified by case kind (民事/刑事/行政), with `seed`; then a panel of `panelSize` drawn for
    /// each sampled case from the expert pool (its seed derived from the campaign's), recusing
    /// the handler and their firm. All of it one transaction: nothing is recorded unless every
    /// case got its panel.
    public func drawReviewCampaign(closedFrom: String, closedTo: String, ratePercent: Int, seed: UInt64, panelSize: Int = 1,
                                   role: OperatorRole, by operatorID: Int64?) throws -> ReviewCampaignRecord {
        try AccessPolicy.require(role, .qualityReview)
        _ = try Self.requireDay(closedFrom, field: "closedFrom")
        _ = try Self.requireDay(closedTo, field: "closedTo")
        guard closedFrom <= closedTo else { throw StoreError.invalidInput(field: "closedTo", message: "结束日期不能早于开始日期") }
        guard (1...100).contains(ratePercent) else {
            throw StoreError.invalidInput(field: "ratePercent", message: "抽样比例应在 1–100 之间：\(ratePercent)")
        }
        guard (1...15).contains(panelSize) else { throw StoreError.invalidInput(field: "panelSize", message: "每案评查人数应在 1–15 之间") }
        let now = timestamp()
        let day = today().iso
        let (campaignID, sampleID, drawn, counts, population) = try write { db -> (Int64, Int64, [Int64], [String: Int], Int) in
            var strata: [String: [Int64]] = [:]
            for r in try SQLRow.fetchAll(db, sql: """
                SELECT id, kind FROM aid_case WHERE step IN ('closed', 'archived') AND closed_on >= ? AND closed_on <= ? ORDER BY id
                """, arguments: [closedFrom, closedTo]) {
                strata[r["kind"], default: []].append(r["id"])
            }
            let population = strata.values.reduce(0) { $0 + $1.count }
            guard population > 0 else {
                throw StoreError.invalidInput(field: "closedFrom", message: "\(closedFrom)至\(closedTo)没有已结案的案件")
            }
            let (drawn, counts) = QualitySampling.drawStratified(strata: strata, ratePercent: ratePercent, seed: seed)
            let strataText = counts.keys.sorted().map { "\($0):\(counts[$0]!)" }.joined(separator: ",")
            let sampleID = try Int64.fetchOne(db, sql: """
                INSERT INTO quality_sample(closed_from, closed_to, rate_percent, seed, population, case_ids, operator_id, created_at)
                VALUES (?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: [closedFrom, closedTo, ratePercent, String(seed), population,
                                 drawn.map(String.init).joined(separator: ","), operatorID, now])!
            let campaignID = try Int64.fetchOne(db, sql: """
                INSERT INTO review_campaign(closed_from, closed_to, rate_percent, seed, population, strata, sample_id, panel_size, operator_id, created_at)
                VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id
                """, arguments: [closedFrom, closedTo, ratePercent, String(seed), population, strataText, sampleID, panelSize, operatorID, now])!
            let pool = try Self.reviewExperts(db, on: day)
            for caseID in drawn {
                try Self.addEvent(db, caseID: caseID, at: now, kind: "sampled", operatorID: operatorID,
                                  note: "抽中评查（第 \(campaignID) 次分层抽样，比例 \(ratePercent)%，种子 \(seed)）")
                _ = try Self.recordPanel(db, caseID: caseID, campaignID: campaignID, size: panelSize,
                                         seed: ReviewPanelDraw.caseSeed(campaignSeed: seed, caseID: caseID), pool: pool,
                                         operatorID: operatorID, at: now)
            }
            try AuditLog.append(db, at: now, operatorID: operatorID, action: "create", entity: "review_campaign",
                                entityID: String(campaignID), before: nil,
                                after: AuditDigest.of([("rate", String(ratePercent)), ("seed", String(seed)), ("population", String(population)),
                                                       ("strata", strataText), ("cases", drawn.map(String.init).joined(separator: ","))],
                                                      secret: try storeSecret(db)),
                                detail: "分层评查抽样 \(closedFrom)至\(closedTo)：\(population) 件中抽 \(drawn.count) 件（\(strataText)），种子 \(seed)")
            return (campaignID, sampleID, drawn, counts, population)
        }
        let panels = try reviewPanels(where: "r.campaign_id = ?", [campaignID]).sorted { $0.caseID < $1.caseID }
        return ReviewCampaignRecord(id: campaignID, closedFrom: closedFrom, closedTo: closedTo, ratePercent: ratePercent,
                                    seed: String(seed), population: population, perStratum: counts, sampleID: sampleID,
                                    caseIDs: drawn, panelSize: panelSize, panels: panels)
    }

    // MARK: The wheel with the pools

    /// The wheel's request and candidates for a case, with what the pools add: the register
    /// specialties, the familiarity rule for a minor or abused recipient (with the local
    /// article), and exclusion of providers removed (清退) from the duty or volunteer lawyer pool.
    public func poolWheel(for caseID: Int64, causeLabel: String) throws -> (request: RotationWheel.Request,
                                                                          candidates: [RotationWheel.Candidate], stationID: Int64?) {
        let (base, candidates) = try wheelCandidates(for: caseID)
        return try read { db in
            guard let c = try SQLRow.fetchOne(db, sql: """
                SELECT c.applied_on, c.centre_id, a.birth_date, s.code AS centre_code FROM aid_case c
                JOIN applicant a ON a.id = c.applicant_id LEFT JOIN station s ON s.id = c.centre_id WHERE c.id = ?
                """, arguments: [caseID]) else { throw StoreError.notFound(entity: "案件", id: String(caseID)) }
            let age: Int? = {
                guard let born = (c["birth_date"] as String?).flatMap(LocalDate.init(iso:)),
                      let on = (c["applied_on"] as String?).flatMap(LocalDate.init(iso:)) else { return nil }
                return Age.years(bornOn: born, on: on)
            }()
            let familiarity = RecipientFamiliarity.rule(recipientAge: age, cause: base.cause,
                                                        regionCode: String((c["centre_code"] as String? ?? "").prefix(6)))
            var specialties: [Int64: Set<ProviderSpecialty>] = [:]
            for r in try SQLRow.fetchAll(db, sql: "SELECT provider_id, code FROM provider_specialty") {
                if let s = ProviderSpecialty(rawValue: r["code"]) { specialties[r["provider_id"], default: []].insert(s) }
            }
            var removed: [Int64: String] = [:]
            for r in try SQLRow.fetchAll(db, sql: """
                SELECT provider_id, pool, status_reason FROM pool_member WHERE status = 'removed' AND pool IN ('duty_lawyers', 'volunteer_lawyers')
                """) {
                let pool = PoolCode(rawValue: r["pool"])?.label ?? (r["pool"] as String)
                removed[r["provider_id"]] = "已从\(pool)清退" + ((r["status_reason"] as String).isEmpty ? "" : "：\(r["status_reason"] as String)")
            }
            let request = RotationWheel.Request(cause: base.cause, causeLabel: causeLabel, isMajor: base.major,
                                                possibleLifeOrDeath: base.lifeOrDeath, familiarity: familiarity)
            let enriched = candidates.map { c -> RotationWheel.Candidate in
                var c = c
                c.registerSpecialties = specialties[c.providerID] ?? []
                c.poolExclusion = removed[c.providerID]
                return c
            }
            return (request, enriched, base.stationID)
        }
    }
}
