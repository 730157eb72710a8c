import FayuanCore
import Foundation

/// The console's administration area (issue 16): stations and liaison points, service windows,
/// operators, aid providers, settings, the first-run centre and the demo-store mark. Each change
/// is one transaction with its audit entry; bad input is refused with the field named before
/// anything is written.
public struct CentreSetup: Sendable, Equatable {
    public var name: String
    /// GB/T 2260 region code (6 digits); the centre's station code is this plus "000".
    public var regionCode: String
    public var kind: StationKind
    public var address: String
    /// Window numbers and the QueueService codes each serves.
    public var windows: [(number: String, services: [String])]

    public init(name: String, regionCode: String, kind: StationKind, address: String = "",
                windows: [(number: String, services: [String])]) {
        self.name = name; self.regionCode = regionCode; self.kind = kind; self.address = address; self.windows = windows
    }

    public static func == (a: CentreSetup, b: CentreSetup) -> Bool {
        a.name == b.name && a.regionCode == b.regionCode && a.kind == b.kind && a.address == b.address
            && a.windows.map(\.number) == b.windows.map(\.number) && a.windows.map(\.services) == b.windows.map(\.services)
    }
}

/// A lawyer or other provider with the profile the wheel and the roster read, as one edit.
public struct ProviderEdit: Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var kind: ProviderKind
    public var organisation: String
    public var phone: String
    public var isLeading: Bool
    public var stationID: Int64?
    /// Cause codes.
    public var specialties: [String]
    public var practiceYears: Int?
    public var maxLoad: Int?

    public init(id: Int64? = nil, name: String, kind: ProviderKind, organisation: String = "", phone: String = "",
                isLeading: Bool = false, stationID: Int64? = nil, specialties: [String] = [], practiceYears: Int? = nil,
                maxLoad: Int? = nil) {
        self.id = id; self.name = name; self.kind = kind; self.organisation = organisation; self.phone = phone
        self.isLeading = isLeading; self.stationID = stationID; self.specialties = specialties
        self.practiceYears = practiceYears; self.maxLoad = maxLoad
    }
}

/// Console settings an administrator changes on the 设置 screen.
public struct ConsoleSettings: Sendable, Equatable {
    public var idleLockMinutes: Int
    public var maxFailedAttempts: Int
    public var lockoutMinutes: Int
    /// `queue.voice`: off / window / display.
    public var voice: String
    /// espeak-ng voice name (`queue.voice_name`), "cmn" (Mandarin) by default; a stored "zh" is
    /// read as "cmn" (espeak-ng's "zh" spelled Hanzi as English pinyin).
    public var voiceName: String
    /// Where printed documents are written (`print.folder`; empty: beside the store).
    public var printFolder: String
    /// The printer name for `lp -d` (`print.printer`; empty: none, files only).
    public var printer: String

    public init(idleLockMinutes: Int = 5, maxFailedAttempts: Int = 5, lockoutMinutes: Int = 15, voice: String = "off",
                voiceName: String = "cmn", printFolder: String = "", printer: String = "") {
        self.idleLockMinutes = idleLockMinutes; self.maxFailedAttempts = maxFailedAttempts; self.lockoutMinutes = lockoutMinutes
        self.voice = voice; self.voiceName = voiceName; self.printFolder = printFolder; self.printer = printer
    }

    public static let voiceModes = ["off", "window", "display"]
}

extension CaseStore {
    // MARK: stations

    /// All stations, the county centre first, then by code.
    public func allStations() throws -> [Station] {
        try read { db in try Station.fetchAll(db, sql: "SELECT * FROM station ORDER BY kind != 'county_centre', code") }
    }

    static func checkStation(_ db: any SQLSession, _ s: Station) throws {
        let name = s.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 40 else {
            throw StoreError.invalidInput(field: "名称", message: "请填写站点名称（不超过 40 个字）")
        }
        guard RegionTable.isWellFormed(s.code), s.code.count >= 6 else {
            throw StoreError.invalidInput(field: "代码", message: "站点代码应为 6、9 或 12 位数字（行政区划代码，乡镇、村再加位）：\(s.code)")
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station WHERE code = ? AND id IS NOT ?", arguments: [s.code, s.id]) ?? 0 > 0 {
            throw StoreError.invalidInput(field: "代码", message: "已有站点使用代码 \(s.code)")
        }
        if let parent = s.parentID {
            guard parent != s.id, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station WHERE id = ?", arguments: [parent]) == 1 else {
                throw StoreError.invalidInput(field: "上级站点", message: "上级站点不存在或是它自己")
            }
        }
    }

    static func stationDigest(_ s: Station, secret: String) -> String {
        AuditDigest.of([("code", s.code), ("name", s.name), ("kind", s.kind.rawValue), ("parent", s.parentID.map(String.init)),
                        ("address", s.address), ("duty_pattern", s.dutyPattern.rawValue)], secret: secret)
    }

    /// Adds (no id) or changes (with id) a station or liaison point. Administrators only.
    @discardableResult
    public func saveStation(_ station: Station, by actor: Actor) throws -> Station {
        try actor.require(.manageSettings)
        let now = timestamp()
        var s = station
        s.name = s.name.trimmingCharacters(in: .whitespaces)
        s.address = s.address.trimmingCharacters(in: .whitespaces)
        return try write { db in
            try Self.checkStation(db, s)
            let secret = try storeSecret(db)
            if let id = s.id {
                guard let before = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [id]) else {
                    throw StoreError.notFound(entity: "站点", id: String(id))
                }
                try db.execute(sql: """
                    UPDATE station SET code = ?, name = ?, kind = ?, parent_id = ?, population = ?, consultation_target = ?,
                        address = ?, duty_pattern = ? WHERE id = ?
                    """, arguments: [s.code, s.name, s.kind.rawValue, s.parentID, s.population, s.consultationTarget,
                                     s.address, s.dutyPattern.rawValue, id])
                try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "station", entityID: String(id),
                                    before: Self.stationDigest(before, secret: secret), after: Self.stationDigest(s, secret: secret),
                                    detail: actor.auditNote + "修改站点 \(s.name)（\(s.kind.shortLabel)，\(s.dutyPattern.label)）")
                return s
            }
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO station(code, name, kind, parent_id, population, consultation_target, address, duty_pattern, created_at)
                VALUES (?,?,?,?,?,?,?,?,?)
                """, arguments: [s.code, s.name, s.kind.rawValue, s.parentID, s.population, s.consultationTarget,
                                 s.address, s.dutyPattern.rawValue, now])
            s.id = insertedID
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "create", entity: "station", entityID: String(s.id!),
                                before: nil, after: Self.stationDigest(s, secret: secret),
                                detail: actor.auditNote + "新建站点 \(s.name)（\(s.kind.shortLabel)，\(RegionTable.displayName(of: s.code))）")
            return s
        }
    }

    /// Closes (or reopens) a station. The last open station cannot be closed: the queue needs one.
    public func setStationDisabled(_ stationID: Int64, _ disabled: Bool, by actor: Actor) throws {
        try actor.require(.manageSettings)
        let now = timestamp()
        try write { db in
            guard let s = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [stationID]) else {
                throw StoreError.notFound(entity: "站点", id: String(stationID))
            }
            if disabled, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station WHERE disabled = 0 AND id != ?", arguments: [stationID]) ?? 0 == 0 {
                throw StoreError.invalidInput(field: "站点", message: "不能停用最后一个站点")
            }
            try db.execute(sql: "UPDATE station SET disabled = ? WHERE id = ?", arguments: [disabled, stationID])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: disabled ? "disable" : "enable", entity: "station",
                                entityID: String(stationID), before: nil, after: nil,
                                detail: actor.auditNote + "\(disabled ? "停用" : "启用")站点 \(s.name)")
        }
    }

    // MARK: service windows

    public func serviceWindows(stationID: Int64) throws -> [ServiceWindow] {
        try read { db in
            try ServiceWindow.fetchAll(db, sql: "SELECT * FROM service_window WHERE station_id = ? ORDER BY CAST(number AS INTEGER), number",
                                       arguments: [stationID])
        }
    }

    static func checkWindow(_ db: any SQLSession, _ w: ServiceWindow) throws {
        let number = w.number.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 4, number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw StoreError.invalidInput(field: "窗口号", message: "窗口号应为 1–4 位数字")
        }
        guard !w.services.isEmpty else {
            throw StoreError.invalidInput(field: "业务", message: "每个窗口至少办理一项业务")
        }
        let known = Set(QueueService.all.map(\.code))
        if let bad = w.services.first(where: { !known.contains($0) }) {
            throw StoreError.invalidInput(field: "业务", message: "未知的业务：\(bad)")
        }
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station WHERE id = ?", arguments: [w.stationID]) == 1 else {
            throw StoreError.notFound(entity: "站点", id: String(w.stationID))
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM service_window WHERE station_id = ? AND number = ? AND id IS NOT ?",
                            arguments: [w.stationID, number, w.id]) ?? 0 > 0 {
            throw StoreError.invalidInput(field: "窗口号", message: "本站点已有 \(number) 号窗口")
        }
    }

    static func servicesLabel(_ codes: [String]) -> String {
        codes.map { code in QueueService.all.first { $0.code == code }?.label ?? code }.joined(separator: "、")
    }

    static func insertWindow(_ db: any SQLSession, _ w: ServiceWindow, at now: String, actor: Actor) throws -> ServiceWindow {
        var w = w
        w.number = w.number.trimmingCharacters(in: .whitespaces)
        try checkWindow(db, w)
        let insertedID = try db.insertReturningID(sql: "INSERT INTO service_window(station_id, number, services, created_at) VALUES (?,?,?,?)",
                       arguments: [w.stationID, w.number, w.services.joined(separator: ","), now])
        w.id = insertedID
        try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "create", entity: "service_window", entityID: String(w.id!),
                            before: nil, after: nil,
                            detail: actor.auditNote + "新建 \(w.number) 号窗口：\(servicesLabel(w.services))")
        return w
    }

    /// Adds (no id) or changes (with id) a window. Administrators only.
    @discardableResult
    public func saveServiceWindow(_ window: ServiceWindow, by actor: Actor) throws -> ServiceWindow {
        try actor.require(.manageSettings)
        let now = timestamp()
        return try write { db in
            guard let id = window.id else { return try Self.insertWindow(db, window, at: now, actor: actor) }
            var w = window
            w.number = w.number.trimmingCharacters(in: .whitespaces)
            try Self.checkWindow(db, w)
            guard let before = try ServiceWindow.fetchOne(db, sql: "SELECT * FROM service_window WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound(entity: "窗口", id: String(id))
            }
            try db.execute(sql: "UPDATE service_window SET number = ?, services = ? WHERE id = ?",
                           arguments: [w.number, w.services.joined(separator: ","), id])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "service_window", entityID: String(id),
                                before: nil, after: nil,
                                detail: actor.auditNote + "修改窗口 \(before.number) → \(w.number) 号：\(Self.servicesLabel(w.services))")
            return w
        }
    }

    public func setServiceWindowDisabled(_ windowID: Int64, _ disabled: Bool, by actor: Actor) throws {
        try actor.require(.manageSettings)
        let now = timestamp()
        try write { db in
            guard let w = try ServiceWindow.fetchOne(db, sql: "SELECT * FROM service_window WHERE id = ?", arguments: [windowID]) else {
                throw StoreError.notFound(entity: "窗口", id: String(windowID))
            }
            try db.execute(sql: "UPDATE service_window SET disabled = ? WHERE id = ?", arguments: [disabled, windowID])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: disabled ? "disable" : "enable", entity: "service_window",
                                entityID: String(windowID), before: nil, after: nil,
                                detail: actor.auditNote + "\(disabled ? "停用" : "启用") \(w.number) 号窗口")
        }
    }

    // MARK: first run

    /// The first-run centre: the station, its windows, and the administrator placed there, in
    /// one transaction. Refused when the store already has a station.
    @discardableResult
    public func setUpCentre(_ setup: CentreSetup, by actor: Actor) throws -> Station {
        try actor.require(.manageSettings)
        let region = setup.regionCode.trimmingCharacters(in: .whitespaces)
        guard region.count == 6, RegionTable.isWellFormed(region) else {
            throw StoreError.invalidInput(field: "地区代码", message: "地区代码应为 6 位数字（GB/T 2260，例如 140525 泽州县）")
        }
        guard !setup.windows.isEmpty else { throw StoreError.invalidInput(field: "窗口", message: "至少设置一个服务窗口") }
        let now = timestamp()
        return try write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station") ?? 0 > 0 {
                throw StoreError.invalidInput(field: "站点", message: "案件库已有站点，请在“管理 → 站点与窗口”中修改")
            }
            var s = Station(code: region + "000", name: setup.name.trimmingCharacters(in: .whitespaces), kind: setup.kind,
                            address: setup.address, dutyPattern: setup.kind == .countyCentre ? .workdays : .monday)
            try Self.checkStation(db, s)
            let insertedID = try db.insertReturningID(sql: """
                INSERT INTO station(code, name, kind, address, duty_pattern, created_at) VALUES (?,?,?,?,?,?)
                """, arguments: [s.code, s.name, s.kind.rawValue, s.address, s.dutyPattern.rawValue, now])
            s.id = insertedID
            let bureau = try Self.fillJusticeBureau(db, regionCode: region).map { "；异议受理：\($0)" } ?? ""
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "create", entity: "station", entityID: String(s.id!),
                                before: nil, after: Self.stationDigest(s, secret: try storeSecret(db)),
                                detail: actor.auditNote + "首次设置：\(s.name)（\(s.kind.shortLabel)，\(RegionTable.displayName(of: region))）\(bureau)")
            for w in setup.windows {
                _ = try Self.insertWindow(db, ServiceWindow(stationID: s.id!, number: w.number, services: w.services), at: now, actor: actor)
            }
            if let me = actor.operatorID {
                try db.execute(sql: "UPDATE operator SET station_id = ? WHERE id = ? AND station_id IS NULL", arguments: [s.id, me])
            }
            return s
        }
    }

    /// The demo region's stations (泽州县: the county centre and its township stations) with
    /// three windows at the centre, instead of entering a centre by hand.
    @discardableResult
    public func loadDemoStations(by actor: Actor) throws -> [Station] {
        try actor.require(.manageSettings)
        let now = timestamp()
        return try write { db in
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station") ?? 0 > 0 {
                throw StoreError.invalidInput(field: "站点", message: "案件库已有站点，不能再载入演示站点")
            }
            var centre: Int64?
            for seed in SeedData.zezhouStations {
                let insertedID = try db.insertReturningID(sql: """
                    INSERT INTO station(code, name, kind, parent_id, population, consultation_target, duty_pattern, created_at)
                    VALUES (?,?,?,?,?,?,?,?)
                    """, arguments: [seed.code, seed.name, seed.kind.rawValue, seed.kind == .countyCentre ? nil : centre,
                                     seed.population, seed.consultationTarget,
                                     seed.kind == .countyCentre ? DutyPattern.workdays.rawValue : DutyPattern.monday.rawValue, now])
                if seed.kind == .countyCentre {
                    centre = insertedID
                    try Self.fillJusticeBureau(db, regionCode: String(seed.code.prefix(6)))
                }
            }
            guard let centre else { return [] }
            let windows: [(String, [String])] = [("1", ["consultation", "application"]), ("2", ["consultation", "application", "document"]),
                                                 ("3", ["consultation", "other"])]
            for (number, services) in windows {
                _ = try Self.insertWindow(db, ServiceWindow(stationID: centre, number: number, services: services), at: now, actor: actor)
            }
            if let me = actor.operatorID {
                try db.execute(sql: "UPDATE operator SET station_id = ? WHERE id = ? AND station_id IS NULL", arguments: [centre, me])
            }
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "create", entity: "station", entityID: String(centre),
                                before: nil, after: nil,
                                detail: actor.auditNote + "载入演示地区（泽州县）\(SeedData.zezhouStations.count) 个站点和 3 个窗口")
            return try Station.fetchAll(db, sql: "SELECT * FROM station ORDER BY id")
        }
    }

    // MARK: operators

    /// Changes an operator's name, role and station. The last administrator keeps the role.
    @discardableResult
    public func updateOperator(_ operatorID: Int64, name: String, role: OperatorRole, stationID: Int64?, by actor: Actor) throws -> Operator {
        try actor.require(.manageOperators)
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 20 else {
            throw StoreError.invalidInput(field: "姓名", message: "请填写姓名（不超过 20 个字）")
        }
        let now = timestamp()
        return try write { db in
            guard let before = try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [operatorID]) else {
                throw StoreError.notFound(entity: "操作员", id: String(operatorID))
            }
            if before.role == .admin, role != .admin,
               try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator WHERE role = 'admin' AND disabled = 0 AND id != ?", arguments: [operatorID]) ?? 0 == 0 {
                throw StoreError.invalidInput(field: "角色", message: "这是最后一位管理员，不能改为其他角色")
            }
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM operator WHERE name = ? AND disabled = 0 AND id != ?",
                                arguments: [trimmed, operatorID]) ?? 0 > 0 {
                throw StoreError.invalidInput(field: "姓名", message: "已有同名操作员“\(trimmed)”，请加以区分（例如 张敏2）")
            }
            if let stationID, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station WHERE id = ?", arguments: [stationID]) != 1 {
                throw StoreError.notFound(entity: "站点", id: String(stationID))
            }
            try db.execute(sql: "UPDATE operator SET name = ?, role = ?, station_id = ? WHERE id = ?",
                           arguments: [trimmed, role.rawValue, stationID, operatorID])
            let secret = try storeSecret(db)
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "operator", entityID: String(operatorID),
                                before: AuditDigest.of([("name", before.name), ("role", before.role.rawValue),
                                                        ("station", before.stationID.map(String.init))], secret: secret),
                                after: AuditDigest.of([("name", trimmed), ("role", role.rawValue), ("station", stationID.map(String.init))], secret: secret),
                                detail: actor.auditNote + "修改操作员 \(trimmed)（\(before.role.label) → \(role.label)）")
            return try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [operatorID])!
        }
    }

    /// Clears a lockout (too many wrong PINs) without changing the PIN.
    public func unlockOperator(_ operatorID: Int64, by actor: Actor) throws {
        try actor.require(.manageOperators)
        let now = timestamp()
        try write { db in
            guard let op = try Operator.fetchOne(db, sql: "SELECT * FROM operator WHERE id = ?", arguments: [operatorID]) else {
                throw StoreError.notFound(entity: "操作员", id: String(operatorID))
            }
            try db.execute(sql: "UPDATE operator SET failed_attempts = 0, locked_until = NULL WHERE id = ?", arguments: [operatorID])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "unlock", entity: "operator", entityID: String(operatorID),
                                before: nil, after: nil, detail: actor.auditNote + "解除 \(op.name) 的登录锁定")
        }
    }

    // MARK: providers

    /// Every provider with its profile and status, for the administration list.
    public func providerEdits() throws -> [(edit: ProviderEdit, active: Bool)] {
        try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT p.*, f.specialties, f.practice_years, f.max_load FROM provider p
                LEFT JOIN provider_profile f ON f.provider_id = p.id ORDER BY p.active DESC, p.id
                """).map { row in
                let specialties: String? = row["specialties"]
                let edit = ProviderEdit(id: row["id"], name: row["name"], kind: ProviderKind(rawValue: row["kind"]) ?? .lawyer,
                                        organisation: row["organisation"] ?? "", phone: row["phone"] ?? "", isLeading: row["is_leading"],
                                        stationID: row["station_id"],
                                        specialties: (specialties ?? "").split(separator: ",").map(String.init),
                                        practiceYears: row["practice_years"], maxLoad: row["max_load"])
                return (edit, (row["active"] as Bool?) ?? true)
            }
        }
    }

    /// Adds (no id) or changes (with id) a provider and their profile in one transaction.
    @discardableResult
    public func saveProvider(_ edit: ProviderEdit, by actor: Actor) throws -> Int64 {
        try actor.require(.manageOperators)
        let name = edit.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 20 else { throw StoreError.invalidInput(field: "姓名", message: "请填写姓名（不超过 20 个字）") }
        if let y = edit.practiceYears, !(0...60).contains(y) {
            throw StoreError.invalidInput(field: "执业年限", message: "相关执业年限应在 0–60 年之间")
        }
        if let m = edit.maxLoad, !(1...100).contains(m) {
            throw StoreError.invalidInput(field: "办案上限", message: "同时办理案件上限应在 1–100 件之间")
        }
        let phone = edit.phone.trimmingCharacters(in: .whitespaces)
        if !phone.isEmpty, !(phone.count >= 7 && phone.count <= 13 && phone.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") })) {
            throw StoreError.invalidInput(field: "电话", message: "电话应为 7–13 位数字")
        }
        let now = timestamp()
        return try write { db in
            if let station = edit.stationID, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station WHERE id = ?", arguments: [station]) != 1 {
                throw StoreError.notFound(entity: "站点", id: String(station))
            }
            let id: Int64
            if let existing = edit.id {
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM provider WHERE id = ?", arguments: [existing]) == 1 else {
                    throw StoreError.notFound(entity: "承办人员", id: String(existing))
                }
                try db.execute(sql: """
                    UPDATE provider SET name = ?, kind = ?, organisation = ?, phone = ?, is_leading = ?, station_id = ? WHERE id = ?
                    """, arguments: [name, edit.kind.rawValue, edit.organisation, phone.isEmpty ? nil : phone, edit.isLeading,
                                     edit.stationID, existing])
                id = existing
            } else {
                let insertedID = try db.insertReturningID(sql: """
                    INSERT INTO provider(name, kind, organisation, phone, is_leading, station_id, created_at) VALUES (?,?,?,?,?,?,?)
                    """, arguments: [name, edit.kind.rawValue, edit.organisation, phone.isEmpty ? nil : phone, edit.isLeading,
                                     edit.stationID, now])
                id = insertedID
            }
            try db.execute(sql: """
                INSERT INTO provider_profile(provider_id, specialties, practice_years, max_load) VALUES (?,?,?,?)
                ON CONFLICT(provider_id) DO UPDATE SET specialties = excluded.specialties,
                    practice_years = excluded.practice_years, max_load = excluded.max_load
                """, arguments: [id, edit.specialties.joined(separator: ","), edit.practiceYears, edit.maxLoad])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: edit.id == nil ? "create" : "update", entity: "provider",
                                entityID: String(id), before: nil,
                                after: AuditDigest.of([("name", name), ("kind", edit.kind.rawValue), ("phone", phone),
                                                       ("specialties", edit.specialties.joined(separator: ",")),
                                                       ("practice_years", edit.practiceYears.map(String.init)),
                                                       ("max_load", edit.maxLoad.map(String.init))], secret: try storeSecret(db)),
                                detail: actor.auditNote + "\(edit.id == nil ? "新建" : "修改")承办人员 \(name)（\(edit.kind.label)）")
            return id
        }
    }

    /// Takes a provider off (or back onto) the wheel and the roster; their cases stay theirs.
    public func setProviderActive(_ providerID: Int64, _ active: Bool, by actor: Actor) throws {
        try actor.require(.manageOperators)
        let now = timestamp()
        try write { db in
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM provider WHERE id = ?", arguments: [providerID]) else {
                throw StoreError.notFound(entity: "承办人员", id: String(providerID))
            }
            try db.execute(sql: "UPDATE provider SET active = ? WHERE id = ?", arguments: [active, providerID])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: active ? "enable" : "disable", entity: "provider",
                                entityID: String(providerID), before: nil, after: nil,
                                detail: actor.auditNote + "\(active ? "启用" : "停用")承办人员 \(name)")
        }
    }

    // MARK: settings

    public func consoleSettings() throws -> ConsoleSettings {
        try read { db in
            let security = try Self.securitySettings(db)
            func text(_ key: String) throws -> String? { try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
            return ConsoleSettings(idleLockMinutes: security.idleLockMinutes, maxFailedAttempts: security.maxFailedAttempts,
                                   lockoutMinutes: security.lockoutMinutes, voice: try text("queue.voice") ?? "off",
                                   voiceName: Self.voiceSetting(try text("queue.voice_name")), printFolder: try text("print.folder") ?? "",
                                   printer: try text("print.printer") ?? "")
        }
    }

    /// The stored voice name as the settings show it: none, "zh" or "zh-cn" mean Mandarin ("cmn").
    static func voiceSetting(_ stored: String?) -> String {
        let v = (stored ?? "").trimmingCharacters(in: .whitespaces)
        return v.isEmpty || v == "zh" || v == "zh-cn" ? "cmn" : v
    }

    /// Saves the settings; one audit entry per value that changed.
    public func setConsoleSettings(_ s: ConsoleSettings, by actor: Actor) throws {
        try actor.require(.manageSettings)
        guard (1...240).contains(s.idleLockMinutes) else { throw StoreError.invalidInput(field: "闲置锁屏", message: "应为 1–240 分钟") }
        guard (1...20).contains(s.maxFailedAttempts) else { throw StoreError.invalidInput(field: "错误次数", message: "应为 1–20 次") }
        guard (1...1440).contains(s.lockoutMinutes) else { throw StoreError.invalidInput(field: "锁定时长", message: "应为 1–1440 分钟") }
        guard ConsoleSettings.voiceModes.contains(s.voice) else {
            throw StoreError.invalidInput(field: "语音叫号", message: "应为 off（关闭）、window（窗口播报）或 display（大屏播报）")
        }
        guard !s.voiceName.isEmpty, s.voiceName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-_".contains($0)) }) else {
            throw StoreError.invalidInput(field: "语音", message: "espeak-ng 语音名只能含字母、数字和 + - _，例如 zh 或 cmn")
        }
        if !s.printFolder.isEmpty, !s.printFolder.hasPrefix("/") {
            throw StoreError.invalidInput(field: "打印目录", message: "请填写以 / 开头的完整路径，或留空（案件库旁的 print 目录）")
        }
        if s.printer.contains(where: { $0.isWhitespace }) { throw StoreError.invalidInput(field: "打印机", message: "打印机名不能含空格") }
        let now = timestamp()
        let current = try consoleSettings()
        try write { db in
            let k = SecuritySettings.keys
            // Compared with the values in effect (defaults included), so only real changes are written.
            let effective: [String: String] = [
                k.idle: String(current.idleLockMinutes), k.maxFailed: String(current.maxFailedAttempts),
                k.lockout: String(current.lockoutMinutes), "queue.voice": current.voice, "queue.voice_name": current.voiceName,
                "print.folder": current.printFolder, "print.printer": current.printer,
            ]
            let values: [(String, String, String)] = [
                (k.idle, String(s.idleLockMinutes), "闲置锁屏"), (k.maxFailed, String(s.maxFailedAttempts), "PIN 错误次数"),
                (k.lockout, String(s.lockoutMinutes), "锁定时长"), ("queue.voice", s.voice, "语音叫号"),
                ("queue.voice_name", s.voiceName, "语音"), ("print.folder", s.printFolder, "打印目录"), ("print.printer", s.printer, "打印机"),
            ]
            for (key, value, label) in values {
                let before = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
                guard (before ?? effective[key]) != value else { continue }
                try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                               arguments: [key, value])
                try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "setting", entityID: key,
                                    before: before, after: value,
                                    detail: actor.auditNote + "\(label)：\(before ?? "（默认）") → \(value.isEmpty ? "（空）" : value)")
            }
        }
    }

    // MARK: demo stores

    /// The setting that marks a store made by `fayuan demo` (only such a store may be reset).
    static let demoMarkKey = "store.demo"

    /// Marks the store as a demo store; `loginNote` (the demo operators and their PIN) is shown
    /// on its login and lock screens.
    public func markDemoStore(loginNote: String) throws {
        let now = timestamp()
        try write { db in
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = '1'",
                           arguments: [Self.demoMarkKey])
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [Self.demoMarkKey + "_note", loginNote])
            try AuditLog.append(db, at: now, operatorID: nil, action: "update", entity: "store", entityID: "demo",
                                before: nil, after: nil, detail: "标记为演示案件库")
        }
    }

    /// The demo store's note for the login screen; nil for any other store.
    public func demoLoginNote() throws -> String? {
        try read { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.demoMarkKey]) == "1" else { return nil }
            return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.demoMarkKey + "_note"])
        }
    }

    public func isDemoStore() throws -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.demoMarkKey]) == "1" }
    }
}

extension CaseStore {
    /// Separation of duties for 评查 (quality review): the file is not judged by the lawyer who
    /// handled it (an operator linked to the case's provider, or the named peer reviewer), nor by
    /// whoever decided to grant the aid. Checked in the store, inside the review's transaction.
    static func requireIndependentReviewer(_ db: any SQLSession, caseID: Int64, operatorID: Int64?, peerProviderID: Int64?) throws {
        let handler = try Int64.fetchOne(db, sql: "SELECT provider_id FROM aid_case WHERE id = ?", arguments: [caseID])
        if let peerProviderID, let handler, peerProviderID == handler {
            throw StoreError.invalidInput(field: "评查人", message: "同行评查人不能是本案的承办律师")
        }
        guard let operatorID else { return }
        if let handler, try Int64.fetchOne(db, sql: "SELECT provider_id FROM operator WHERE id = ?", arguments: [operatorID]) == handler {
            throw StoreError.invalidInput(field: "评查人", message: "承办本案的律师不能评查本案")
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_decision WHERE case_id = ? AND kind = 'grant' AND operator_id = ?",
                            arguments: [caseID, operatorID]) ?? 0 > 0 {
            throw StoreError.invalidInput(field: "评查人", message: "作出给予法律援助决定的人员不能评查本案")
        }
    }

    // MARK: justice bureau

    /// The setting naming the justice bureau that set up the centre (Art 49 objections go there).
    static let justiceBureauKey = "centre.justice_bureau"

    /// Fills the justice bureau from the region at centre set-up, unless already set. Part of the
    /// set-up: the centre's own audit entry names it (no entry of its own).
    @discardableResult
    static func fillJusticeBureau(_ db: any SQLSession, regionCode: String) throws -> String? {
        guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [justiceBureauKey]) == nil,
              let name = JusticeBureau.defaultName(regionCode: regionCode) else { return nil }
        try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?)", arguments: [justiceBureauKey, name])
        return name
    }

    /// The bureau's name: the setting, else derived from the centre's region code (stores set up
    /// before the setting existed), else empty.
    static func justiceBureau(_ db: any SQLSession, centreCode: String) throws -> String {
        if let set = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [justiceBureauKey]),
           !set.isEmpty { return set }
        return JusticeBureau.defaultName(regionCode: String(centreCode.prefix(6))) ?? ""
    }

    /// 设立本中心的司法行政部门 (setting), as shown on refusal letters.
    public func justiceBureau() throws -> String {
        try read { db in
            let code = try String.fetchOne(db, sql: "SELECT code FROM station WHERE kind = 'county_centre' ORDER BY id LIMIT 1") ?? ""
            return try Self.justiceBureau(db, centreCode: code)
        }
    }

    /// Changes the bureau's name (e.g. after a reorganisation), audited.
    public func setJusticeBureau(_ name: String, by actor: Actor) throws {
        try actor.require(.manageSettings)
        let value = name.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty, value.count <= 40, value.hasSuffix("司法局") || value.contains("司法") else {
            throw StoreError.invalidInput(field: "司法行政部门", message: "请填写设立本中心的司法行政部门全称，例如“晋城市泽州县司法局”")
        }
        let now = timestamp()
        try write { db in
            let before = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Self.justiceBureauKey])
            guard before != value else { return }
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [Self.justiceBureauKey, value])
            try AuditLog.append(db, at: now, operatorID: actor.operatorID, action: "update", entity: "setting",
                                entityID: Self.justiceBureauKey, before: before, after: value,
                                detail: actor.auditNote + "设立本中心的司法行政部门：\(before ?? "（未设置）") → \(value)")
        }
    }
}
