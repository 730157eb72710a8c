import FayuanCore
import Foundation
internal import GRDB

/// Options of `fayuan seed`.
public struct SeedOptions: Sendable {
    public var persons: Int
    public var cases: Int
    public var consultations: Int
    public var seed: UInt64
    /// The "today" of the generated data; fixed so output depends on `seed` only.
    public var today: String
    /// Weekdays that are holidays (放假) and weekend days that are working days (调休), from the
    /// holiday calendar: no tickets or duty are generated on a day off (the demo obeys the rules).
    public var offDays: Set<String> = []
    public var extraWorkdays: Set<String> = []

    public init(persons: Int, cases: Int, consultations: Int? = nil, seed: UInt64 = 1, today: String = "2026-06-08",
                offDays: Set<String> = [], extraWorkdays: Set<String> = []) {
        self.persons = persons
        self.cases = cases
        self.consultations = consultations ?? persons / 2
        self.seed = seed
        self.today = today
        self.offDays = offDays
        self.extraWorkdays = extraWorkdays
    }

    /// The holidays on weekdays and the 调休 weekend working days in the range the seeder fills
    /// (90 days back, 30 ahead, with a margin), from the holiday calendar. A year the calendar
    /// does not cover yet still keeps the fixed-date statutory holidays of
    /// 《全国年节及纪念日放假办法》 off: 元旦, 劳动节 5.1–5.2, 国庆 10.1–10.3.
    public static func daysOff(around today: String, calendar: HolidayCalendar) -> (off: Set<String>, extra: Set<String>) {
        guard let start = LocalDate(iso: today) else { return ([], []) }
        var off = Set<String>(), extra = Set<String>()
        for offset in -95...35 {
            let d = start.adding(days: offset)
            if calendar.covers(d), let working = try? calendar.isWorkingDay(d) {
                if !working && !d.weekday.isWeekend { off.insert(d.iso) }
                if working && d.weekday.isWeekend { extra.insert(d.iso) }
            } else if [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)].contains(where: { $0 == (d.month, d.day) }) {
                off.insert(d.iso)
            }
        }
        return (off, extra)
    }

    /// Monday–Friday unless a holiday, and 调休 weekend days.
    func isWorkingDay(_ day: Int) -> Bool {
        let iso = SeedCalendar.iso(day)
        if offDays.contains(iso) { return false }
        if extraWorkdays.contains(iso) { return true }
        return SeedCalendar.weekday(day) < 5
    }
}

/// What `fayuan seed` made, and how long each phase took.
public struct SeedReport: Sendable, Codable, Equatable {
    public var stations = 0
    public var operators = 0
    public var providers = 0
    public var persons = 0
    public var searchKeys = 0
    public var cases = 0
    public var caseEvents = 0
    public var consultations = 0
    public var tickets = 0
    public var shifts = 0
    public var seconds: [String: Double] = [:]
}

extension CaseStore {
    /// Fills an empty store with deterministic synthetic data (cli.md `fayuan seed`).
    ///
    /// Bulk mode: one writer connection, large transactions, synchronous=OFF while loading (the
    /// data is regenerable), secondary indexes dropped and rebuilt from their own migration SQL.
    public func seed(_ options: SeedOptions, progress: @escaping (String) -> Void = { _ in }) throws -> SeedReport {
        guard options.persons >= 1, options.cases >= 0, options.consultations >= 0 else {
            throw StoreError.invalidInput(field: "persons", message: "人数至少为 1，案件数和咨询数不能为负")
        }
        guard options.cases == 0 || options.persons > 0 else {
            throw StoreError.invalidInput(field: "cases", message: "生成案件需要先有申请人")
        }
        let now = timestamp()
        do {
            // The seed's own transactions bypass `write`, so its audit entry is anchored here.
            defer { anchorCurrentHead() }
            return try pool.writeWithoutTransaction { db in
                let existing = try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM station) + (SELECT count(*) FROM applicant)") ?? 0
                guard existing == 0 else {
                    throw StoreError.invalidInput(field: "db", message: "数据库已有数据，示例数据只能写入空库")
                }
                // A 100 MB page cache and temporary tables and sorts on disk: the seed of a million
                // cases stays in a few hundred MB of memory (it once held a 1 GB cache and the
                // 8.7 M search keys in memory: 1.8 GB). No sorter threads: each would take its own
                // share of memory for the index builds (612 MB with two).
                try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -100000; PRAGMA temp_store = FILE")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT") }
                var seeder = Seeder(db: db, options: options, now: now, secret: try storeSecret(SQLiteSession(db)), progress: progress)
                return try seeder.run()
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreFile.translate(error, path: path)
        }
    }
}

/// The generator proper. Phases run in their own transactions of at most `batch` rows.
struct Seeder {
    let db: Database
    let options: SeedOptions
    let now: String
    let secret: String
    let progress: (String) -> Void
    var rng: SplitMix64
    var report = SeedReport()
    let batch = 100_000

    let surnames = WeightedTable(SeedData.surnames)
    let groups = SeedData.groups
    let civilCauses = WeightedTable(SeedData.civilCauses)
    let adminCauses = WeightedTable(SeedData.administrativeCauses)
    let criminalRoles = WeightedTable(SeedData.criminalRoles)
    let topics = WeightedTable(SeedData.topics)
    let todayNumber: Int

    var stationIDs: [Int64] = []
    var townshipTable = WeightedTable<(Int64, String)>([])
    var providerIDs: [Int64] = []
    /// The providers of each station (the station they belong to), for duties the roster rules accept.
    var providersByStation: [Int64: [Int64]] = [:]
    var clerkIDs: [Int64] = []
    /// Each person's groups as bits of `SeedData.groups` (2 bytes a person): the cases phase
    /// computes the special-group flag from these and from the person's ID number, which is a
    /// function of the person's index, instead of two queries per case.
    var personGroups: [UInt16] = []

    init(db: Database, options: SeedOptions, now: String, secret: String, progress: @escaping (String) -> Void) {
        self.db = db
        self.options = options
        self.now = now
        self.secret = secret
        self.progress = progress
        rng = SplitMix64(seed: options.seed)
        let p = options.today.split(separator: "-").compactMap { Int($0) }
        todayNumber = p.count == 3 ? SeedCalendar.days(p[0], p[1], p[2]) : SeedCalendar.days(2026, 6, 8)
    }

    mutating func run() throws -> SeedReport {
        try phase("stations") { try $0.seedStationsAndPeople() }
        let dropped = try dropSecondaryIndexes()
        let triggers = try dropTallyTriggers()
        try phase("persons") { try $0.seedPersons() }
        try phase("cases") { try $0.seedCases() }
        try phase("consultations") { try $0.seedConsultations() }
        try phase("tickets_shifts") { try $0.seedTicketsAndShifts() }
        try phase("indexes") { try $0.rebuild(dropped) }
        try phase("tally") { try $0.rebuildTally(triggers) }
        try phase("analyze") { try $0.db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE") }
        try phase("audit") { seeder in
            try seeder.transaction {
                try AuditLog.append(SQLiteSession(seeder.db), at: seeder.now, operatorID: nil, action: "seed", entity: "store", entityID: "-",
                                    before: nil, after: nil,
                                    detail: "示例数据：\(seeder.report.persons)人，\(seeder.report.cases)件，种子\(seeder.options.seed)")
            }
        }
        return report
    }

    mutating func phase(_ name: String, _ body: (inout Seeder) throws -> Void) throws {
        let start = Date()
        progress(name)
        try body(&self)
        report.seconds[name] = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
    }

    func transaction(_ body: () throws -> Void) throws {
        try db.inTransaction(.immediate) {
            try body()
            return .commit
        }
    }

    // MARK: indexes

    /// Drops the secondary indexes of the bulk tables and returns their SQL (from the schema the
    /// migrations made) to recreate them after loading.
    func dropSecondaryIndexes() throws -> [String] {
        let tables = ["applicant", "person_search", "aid_case", "case_event", "consultation"]
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
            AND tbl_name IN (\(tables.map { "'\($0)'" }.joined(separator: ",")))
            """)
        try transaction {
            for row in rows { try db.execute(sql: "DROP INDEX \((row["name"] as String).quotedDatabaseIdentifier)") }
        }
        return rows.map { $0["sql"] }
    }

    func rebuild(_ indexSQL: [String]) throws {
        try transaction {
            for sql in indexSQL { try db.execute(sql: sql) }
        }
    }

    /// The report tally's triggers (v19-speed) would recount each case as it is loaded; they are
    /// dropped while loading, and the tally is computed once from the loaded rows (the same
    /// rebuild as the migration's backfill) before they are put back.
    func dropTallyTriggers() throws -> [String] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'
            """, arguments: [ReportTally.triggerPrefix.replacingOccurrences(of: "_", with: "\\_") + "%"])
        try transaction {
            for row in rows { try db.execute(sql: "DROP TRIGGER \((row["name"] as String).quotedDatabaseIdentifier)") }
        }
        return rows.map { $0["sql"] }
    }

    func rebuildTally(_ triggerSQL: [String]) throws {
        // (A store migrated only part way, in tests, has no tally yet.)
        guard try db.tableExists("report_tally") else { return }
        try transaction {
            try ReportTally.rebuild(SQLiteSession(db))
            for sql in triggerSQL { try db.execute(sql: sql) }
        }
    }

    // MARK: people and places

    mutating func seedStationsAndPeople() throws {
        try transaction {
            var centre: Int64 = 0
            var towns: [((Int64, String), Int)] = []
            for s in SeedData.zezhouStations {
                try db.execute(sql: """
                    INSERT INTO station(code, name, kind, parent_id, population, consultation_target, created_at)
                    VALUES (?,?,?,?,?,?,?)
                    """, arguments: [s.code, s.name, s.kind.rawValue, s.kind == .countyCentre ? nil : centre,
                                     s.population, s.consultationTarget, now])
                let id = db.lastInsertedRowID
                if s.kind == .countyCentre { centre = id } else {
                    towns.append(((id, s.name.replacingOccurrences(of: "公共法律服务工作站", with: "")), s.population))
                }
                stationIDs.append(id)
            }
            townshipTable = WeightedTable(towns)
            report.stations = stationIDs.count

            try db.execute(sql: "INSERT INTO operator(name, role, station_id, created_at) VALUES ('系统管理员', 'admin', ?, ?)",
                           arguments: [centre, now])
            try db.execute(sql: "INSERT INTO operator(name, role, station_id, created_at) VALUES ('审查员', 'reviewer', ?, ?)",
                           arguments: [centre, now])
            for station in stationIDs {
                let name = randomName(male: rng.chance(40))
                try db.execute(sql: "INSERT INTO operator(name, role, station_id, created_at) VALUES (?, 'window_clerk', ?, ?)",
                               arguments: [name, station, now])
                clerkIDs.append(db.lastInsertedRowID)
            }
            report.operators = 2 + stationIDs.count

            let kinds: [(ProviderKind, Int)] = [(.lawyer, 100), (.grassrootsWorker, 30), (.retiredOfficial, 10),
                                                (.lawTeacher, 5), (.publicLawyer, 5)]
            var n = 0
            for (kind, count) in kinds {
                for _ in 0..<count {
                    let station = stationIDs[n % stationIDs.count]
                    try db.execute(sql: """
                        INSERT INTO provider(name, kind, organisation, phone, is_leading, station_id, created_at)
                        VALUES (?,?,?,?,?,?,?)
                        """, arguments: [randomName(male: rng.chance(60)), kind.rawValue,
                                         SeedData.firms[rng.below(SeedData.firms.count)], randomPhone(),
                                         kind == .lawyer && rng.chance(15), station, now])
                    providerIDs.append(db.lastInsertedRowID)
                    providersByStation[station, default: []].append(db.lastInsertedRowID)
                    n += 1
                }
            }
            report.providers = providerIDs.count
        }
    }

    mutating func randomName(male: Bool) -> String {
        let given = male ? SeedData.maleGiven : SeedData.femaleGiven
        var name = surnames.pick(&rng)
        name.append(given[rng.below(given.count)])
        if rng.chance(65) { name.append(given[rng.below(given.count)]) }
        return name
    }

    mutating func randomPhone() -> String {
        var s = SeedData.phonePrefixes[rng.below(SeedData.phonePrefixes.count)]
        let tail = rng.below(100_000_000)
        let digits = String(tail)
        s += String(repeating: "0", count: 8 - digits.count) + digits
        return s
    }

    /// The fixed part of person `i` (0-based): unique ID numbers from a bijection of the index onto
    /// (area, birth date, sequence); the gender follows the sequence's parity as in a real number.
    struct PersonIdentity {
        var idNumber: String
        var birth: String
        var male: Bool
    }

    static let firstBirth = SeedCalendar.days(1940, 1, 1)
    static let birthDays = SeedCalendar.days(2007, 12, 31) - firstBirth + 1

    func identity(_ i: Int) -> PersonIdentity {
        let areas = SeedData.areas.count
        let capacity = areas * Self.birthDays * 999
        let stride = 1_000_003, offset = Int(options.seed % UInt64(capacity))
        let k = (i % capacity * stride + offset) % capacity
        let area = SeedData.areas[k % areas]
        let birth = SeedCalendar.iso(Self.firstBirth + (k / areas) % Self.birthDays)
        let seq = (k / areas / Self.birthDays) % 999 + 1
        return PersonIdentity(idNumber: SeedIDNumber.make(area: area, birth: birth, seq: seq), birth: birth, male: seq % 2 == 1)
    }

    /// The special-group flag of a case of `applicant`, as `CaseStore.specialGroupFlag` reads it
    /// from the stored person (SeederTests checks both agree on every seeded case).
    func specialGroupFlag(applicant: Int64, appliedOn: String) -> Bool {
        let index = Int(applicant - 1)
        let person = identity(index)
        let mask = personGroups[index]
        let codes = groups.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element.0)
        return SpecialGroupRule.isSpecialGroup(storedGroups: codes, birthDate: person.birth, gender: person.male ? "M" : "F",
                                               idNumber: person.idNumber, appliedOn: appliedOn)
    }

    mutating func seedPersons() throws {
        let insert = try db.makeStatement(sql: """
            INSERT INTO applicant(id, name, id_type, id_number, gender, birth_date, phone, address, township_id, needs,
                created_at, updated_at) VALUES (?, ?, 'resident', ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertGroup = try db.makeStatement(sql: "INSERT INTO applicant_group(applicant_id, code) VALUES (?, ?)")
        try db.execute(sql: "CREATE TEMP TABLE seed_search(key TEXT NOT NULL, applicant_id INTEGER NOT NULL)")
        let insertKey = try db.makeStatement(sql: "INSERT INTO seed_search(key, applicant_id) VALUES (?, ?)")

        let needs = AccessibilityNeed.allCases
        personGroups = [UInt16](repeating: 0, count: options.persons)

        var index = 0
        while index < options.persons {
            let end = min(options.persons, index + batch)
            try transaction {
                for i in index..<end {
                    let person = identity(i)
                    let birth = person.birth, male = person.male, idNumber = person.idNumber
                    let name = randomName(male: male)
                    let phone: String? = rng.chance(85) ? randomPhone() : nil
                    let (townID, townName) = townshipTable.pick(&rng)
                    let address = "山西省晋城市泽州县" + townName + String(SeedData.villages[rng.below(SeedData.villages.count)])
                        + SeedData.villageSuffixes[rng.below(SeedData.villageSuffixes.count)] + String(rng.below(120) + 1) + "号"
                    let need = rng.chance(6) ? needs[rng.below(needs.count)].rawValue : ""
                    let id = Int64(i + 1)
                    insert.setUncheckedArguments([id, name, idNumber, male ? "M" : "F", birth, phone, address, townID,
                                                  need, now, now])
                    try insert.execute()
                    for (bit, (code, percent)) in groups.enumerated() where rng.chance(percent) {
                        insertGroup.setUncheckedArguments([id, code])
                        try insertGroup.execute()
                        personGroups[i] |= 1 << bit
                    }
                    for key in PersonSearchIndex.keys(name: name, idNumber: idNumber, phone: phone) {
                        insertKey.setUncheckedArguments([key, id])
                        try insertKey.execute()
                        report.searchKeys += 1
                    }
                }
            }
            index = end
            report.persons = end
        }
        // Sorted bulk load: appending in key order is far cheaper than random B-tree inserts.
        try transaction {
            try db.execute(sql: "INSERT INTO person_search(key, applicant_id) SELECT key, applicant_id FROM seed_search ORDER BY key, applicant_id")
        }
        try db.execute(sql: "DROP TABLE seed_search")
    }

    // MARK: cases

    mutating func seedCases() throws {
        guard options.cases > 0 else { return }
        let centre = stationIDs[0]
        let insertCase = try db.makeStatement(sql: """
            INSERT INTO aid_case(id, centre_id, station_id, applicant_id, kind, cause, route, step, priority, provide_first,
                economic_check, special_group, year, seq, case_number, applied_on, accepted_on, decided_on, assigned_on,
                closed_on, archived_on, provider_id, summary, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let insertEvent = try db.makeStatement(sql: "INSERT INTO case_event(case_id, at, kind, operator_id, note) VALUES (?,?,?,?,?)")
        let insertVisit = try db.makeStatement(sql: """
            INSERT INTO return_visit(case_id, at, operator_id, method, satisfaction, note) VALUES (?,?,?,?,?,?)
            """)
        let insertReview = try db.makeStatement(sql: """
            INSERT INTO quality_review(case_id, at, reviewer_id, kind, result, score, note) VALUES (?,?,?,?,?,?,?)
            """)
        let insertDocument = try db.makeStatement(sql: """
            INSERT INTO case_document(case_id, code, label, status, due_on) VALUES (?,?,?,?,?)
            """)
        let firstDay = todayNumber - 5 * 365
        let span = todayNumber - firstDay
        var sequences: [String: Int] = [:]
        var index = 0
        while index < options.cases {
            let end = min(options.cases, index + batch)
            try transaction {
                for i in index..<end {
                    let id = Int64(i + 1)
                    let applied = firstDay + Int(Double(i) / Double(options.cases) * Double(span))
                    let age = todayNumber - applied
                    let kindRoll = rng.below(100)
                    let kind: CaseKind = kindRoll < 70 ? .civil : (kindRoll < 95 ? .criminal : .administrative)
                    let cause: String
                    switch kind {
                    case .civil: cause = civilCauses.pick(&rng)
                    case .criminal: cause = criminalRoles.pick(&rng)
                    case .administrative: cause = adminCauses.pick(&rng)
                    }
                    let step = pickStep(age: age)
                    let stepOrder: [CaseStep] = [.applied, .accepted, .granted, .assigned, .handling, .closed, .archived]
                    let reached = stepOrder.firstIndex(of: step) ?? (step == .refused ? 2 : 1)
                    let applicant = Int64(rng.below(options.persons) + 1)
                    let clerk = clerkIDs[rng.below(clerkIDs.count)]
                    let station = stationIDs[rng.below(stationIDs.count)]

                    var day = applied
                    var events: [(Int, String, String)] = [(day, "applied", "")]
                    var accepted: Int?, decided: Int?, assigned: Int?, closed: Int?, archived: Int?
                    var year: Int?, seq: Int?, number: String?
                    if reached >= 1 || step == .refused {
                        day += rng.below(3); accepted = day
                        let y = Int(SeedCalendar.iso(day).prefix(4))!
                        let counterKey = "\(y):\(kind.rawValue)"
                        let s = (sequences[counterKey] ?? 0) + 1
                        sequences[counterKey] = s
                        year = y; seq = s
                        number = CaseNumber(year: y, kind: kind, seq: s).text
                        events.append((day, "accept", "受理，编号" + number!))
                    }
                    if step == .refused {
                        day += 1 + rng.below(6); decided = day
                        events.append((day, "refuse", "决定不予法律援助"))
                    } else if reached >= 2 {
                        day += 1 + rng.below(6); decided = day
                        events.append((day, "grant", "决定给予法律援助"))
                    }
                    let provider: Int64? = reached >= 3 ? providerIDs[rng.below(providerIDs.count)] : nil
                    if reached >= 3 { day += 1 + rng.below(3); assigned = day; events.append((day, "assign", "指派承办人")) }
                    if reached >= 4 { day += 1 + rng.below(5); events.append((day, "handling", "承办中")) }
                    if reached >= 5 { day = min(todayNumber - 1, day + 30 + rng.below(150)); closed = day; events.append((day, "closed", "已结案")) }
                    if reached >= 6 { day = min(todayNumber, day + 5 + rng.below(25)); archived = day; events.append((day, "archived", "已归档")) }
                    if step == .withdrawn { day += 1 + rng.below(10); events.append((day, "withdrawn", "申请人撤回")) }

                    let iso: (Int?) -> String? = { $0.map(SeedCalendar.iso) }
                    let route = kind == .criminal && rng.chance(70) ? "notification" : "application"
                    let priority = rng.chance(20) ? "policy" : (rng.chance(3) ? "statutory" : "none")
                    let check = route == "notification" ? "not_applicable" : (rng.chance(40) ? "exempt" : "required")
                    // The flag follows the applicant by the one rule (SpecialGroupRule); the draw that
                    // once set it at random is kept so a given --seed still yields the same store.
                    let provideFirst = rng.chance(2)
                    _ = rng.chance(30)
                    let specialGroup = specialGroupFlag(applicant: applicant, appliedOn: SeedCalendar.iso(applied))
                    insertCase.setUncheckedArguments([
                        id, centre, station, applicant, kind.rawValue, cause, route, step.rawValue, priority,
                        provideFirst, check, specialGroup, year, seq, number, SeedCalendar.iso(applied),
                        iso(accepted), iso(decided), iso(assigned), iso(closed), iso(archived), provider, "",
                        now, now,
                    ])
                    try insertCase.execute()
                    for (d, kind, note) in events {
                        insertEvent.setUncheckedArguments([id, SeedCalendar.iso(d) + "T01:30:00.000Z", kind, clerk, note])
                        try insertEvent.execute()
                        report.caseEvents += 1
                    }
                    if let closed, rng.chance(60) {
                        insertVisit.setUncheckedArguments([id, SeedCalendar.iso(min(todayNumber, closed + 7)) + "T02:00:00.000Z",
                                                           clerk, "phone", rng.chance(95) ? "satisfied" : "basically_satisfied", ""])
                        try insertVisit.execute()
                    }
                    if let archived, rng.chance(30) {
                        insertReview.setUncheckedArguments([id, SeedCalendar.iso(archived) + "T03:00:00.000Z", nil,
                                                            rng.chance(80) ? "administrative" : "peer",
                                                            rng.chance(90) ? "good" : "pass", 80 + rng.below(20), ""])
                        try insertReview.execute()
                    }
                    if step == .accepted, rng.chance(30) {
                        // 容缺受理: accepted with the income proof to follow.
                        insertDocument.setUncheckedArguments([id, "hardship_proof", "经济困难证明", "missing",
                                                              SeedCalendar.iso(applied + 15)])
                        try insertDocument.execute()
                    }
                }
            }
            index = end
            report.cases = end
        }
        try transaction {
            for (key, value) in sequences {
                let parts = key.split(separator: ":")
                try db.execute(sql: "INSERT INTO counter(scope, period, value) VALUES (?, ?, ?)",
                               arguments: ["case:\(centre):\(parts[1])", String(parts[0]), value])
            }
        }
    }

    /// Older cases are further along; some end refused or withdrawn.
    mutating func pickStep(age: Int) -> CaseStep {
        let r = rng.below(100)
        if age < 10 { return r < 50 ? .applied : (r < 80 ? .accepted : .granted) }
        if age < 60 { return r < 5 ? .refused : (r < 30 ? .assigned : (r < 95 ? .handling : .withdrawn)) }
        if age < 240 { return r < 4 ? .refused : (r < 10 ? .handling : (r < 60 ? .closed : (r < 98 ? .archived : .withdrawn))) }
        return r < 3 ? .refused : (r < 5 ? .closed : (r < 98 ? .archived : .withdrawn))
    }

    // MARK: consultations, tickets, roster

    mutating func seedConsultations() throws {
        guard options.consultations > 0 else { return }
        let insert = try db.makeStatement(sql: """
            INSERT INTO consultation(station_id, operator_id, provider_id, applicant_id, visitor_name, channel, topic,
                question, answer, referral, satisfaction, duration_minutes, day, created_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let stationTable = WeightedTable(SeedData.zezhouStations.enumerated().map { ($0.offset, $0.element.consultationTarget) })
        let channels = WeightedTable<ConsultationChannel>([(.window, 55), (.hotline12348, 25), (.online, 12), (.homeVisit, 8)])
        var index = 0
        while index < options.consultations {
            let end = min(options.consultations, index + batch)
            try transaction {
                for i in index..<end {
                    let s = stationTable.pick(&rng)
                    let day = todayNumber - 365 + Int(Double(i) / Double(options.consultations) * 365)
                    let topic = topics.pick(&rng)
                    let linked = rng.chance(40)
                    let applicant: Int64? = linked ? Int64(rng.below(options.persons) + 1) : nil
                    let satisfaction = rng.chance(92) ? "satisfied" : (rng.chance(80) ? "basically_satisfied" : "dissatisfied")
                    let referral: String? = rng.chance(10) ? SeedData.referrals[rng.below(SeedData.referrals.count)] : nil
                    insert.setUncheckedArguments([
                        stationIDs[s], clerkIDs[s], providerIDs[rng.below(providerIDs.count)], applicant,
                        linked ? nil : randomName(male: rng.chance(50)), channels.pick(&rng).rawValue, topic,
                        "关于\(topic)的咨询", "已解答并告知相关法律规定", referral, satisfaction, 5 + rng.below(55),
                        SeedCalendar.iso(day), now,
                    ])
                    try insert.execute()
                }
            }
            index = end
            report.consultations = end
        }
    }

    mutating func seedTicketsAndShifts() throws {
        let insertTicket = try db.makeStatement(sql: """
            INSERT INTO queue_ticket(station_id, day, seq, code, service, priority, status, window, issued_at)
            VALUES (?,?,?,?,?,?,?,?,?)
            """)
        let insertShift = try db.makeStatement(sql: """
            INSERT INTO duty_shift(station_id, provider_id, day, starts_at, ends_at, status) VALUES (?,?,?,?,?,?)
            """)
        let insertAttendance = try db.makeStatement(sql: "INSERT INTO attendance(shift_id, kind, at, result) VALUES (?,?,?,?)")
        let insertSubsidy = try db.makeStatement(sql: """
            INSERT INTO subsidy(provider_id, month, kind, shift_id, amount_fen, status, approved_at, paid_at)
            VALUES (?,?,'duty',?,?,'paid',?,?)
            """)
        // Issue 19: a month is approved only after it ends and paid after that. The demo pays the
        // months that ended before last month (approved on the 5th, paid on the 10th of the month
        // after); last month awaits approval and this month has not ended, so they have no lines.
        let todayText = SeedCalendar.iso(todayNumber)
        let thisMonth = LocalDate(iso: String(todayText.prefix(7)) + "-01")!
        let lastMonth = CaseStore.monthsBefore(thisMonth, 1).iso.prefix(7)
        let services = WeightedTable<TicketService>([(.consultation, 70), (.application, 20), (.document, 7), (.other, 3)])
        try transaction {
            for offset in -30...0 {
                let day = todayNumber + offset
                guard options.isWorkingDay(day) else { continue }
                let dayText = SeedCalendar.iso(day)
                for (n, station) in stationIDs.enumerated() {
                    let count = n == 0 ? 40 + rng.below(40) : 4 + rng.below(12)
                    for seq in 1...count {
                        let service = services.pick(&rng)
                        let status = offset < 0 ? (rng.chance(92) ? "done" : "no_show") : (seq <= count / 2 ? "done" : "waiting")
                        insertTicket.setUncheckedArguments([
                            station, dayText, seq, service.letter + (seq < 10 ? "00" : seq < 100 ? "0" : "") + String(seq),
                            service.rawValue, rng.chance(10) ? "priority" : "normal", status,
                            status == "waiting" ? nil : String(1 + rng.below(n == 0 ? 4 : 1)),
                            dayText + "T01:00:00.000Z",
                        ])
                        try insertTicket.execute()
                        report.tickets += 1
                    }
                    try db.execute(sql: "INSERT INTO counter(scope, period, value) VALUES (?, ?, ?)",
                                   arguments: ["ticket:\(station)", dayText, count])
                }
            }
            for offset in -90...30 {
                let day = todayNumber + offset
                // 调休 Saturdays count as the Friday of their week for the townships' weekly day.
                let weekday = min(4, SeedCalendar.weekday(day))
                guard options.isWorkingDay(day) else { continue }
                let dayText = SeedCalendar.iso(day)
                for (n, station) in stationIDs.enumerated() {
                    // County centre: every working day, two on duty, 8 h. Townships: one day a week, 4 h.
                    let onDuty = n == 0 ? 2 : (weekday == n % 5 ? 1 : 0)
                    var used = Set<Int64>()
                    // On duty at a station: its own people (the roster rule 非本站人员), unless it has
                    // too few, then anyone.
                    let own = providersByStation[station] ?? []
                    let pool = own.count >= onDuty ? own : providerIDs
                    for _ in 0..<onDuty {
                        var provider = pool[rng.below(pool.count)]
                        while used.contains(provider) { provider = pool[rng.below(pool.count)] }
                        used.insert(provider)
                        let past = offset < 0
                        let absent = past && rng.chance(2)
                        insertShift.setUncheckedArguments([station, provider, dayText, n == 0 ? "08:30" : "09:00",
                                                           n == 0 ? "17:30" : "13:00",
                                                           past ? (absent ? "absent" : "done") : "planned"])
                        try insertShift.execute()
                        let shift = db.lastInsertedRowID
                        report.shifts += 1
                        if past && !absent {
                            let late = rng.chance(5)
                            insertAttendance.setUncheckedArguments([shift, "sign_in", dayText + "T00:30:00.000Z", late ? "late" : "present"])
                            try insertAttendance.execute()
                            insertAttendance.setUncheckedArguments([shift, "sign_out", dayText + "T09:30:00.000Z", "present"])
                            try insertAttendance.execute()
                            // 泽州: 200 元/人/天 at the county centre, 300 元/人/次 at townships; −50 元 for late arrival.
                            let amount = (n == 0 ? 20_000 : 30_000) - (late ? 5_000 : 0)
                            let month = String(dayText.prefix(7))
                            if month < lastMonth {
                                let after = CaseStore.monthsBefore(LocalDate(iso: month + "-01")!, -1).iso.prefix(8)
                                insertSubsidy.setUncheckedArguments([provider, month, shift, amount,
                                                                     after + "05T02:00:00.000Z", after + "10T02:00:00.000Z"])
                                try insertSubsidy.execute()
                            }
                        }
                    }
                }
            }
        }
    }
}
