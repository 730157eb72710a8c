import FayuanCore

/// The rows of 预约登记簿, 上门服务台账 and 远程视频服务台账 (round2 §3.6), and what the home-visit
/// pack prints. Personal data leaves here masked (ID numbers, phones); names and the visit
/// address stay, as on the paper ledgers.
public struct AppointmentLedgerRow: Sendable, Equatable, Codable {
    public var number: String
    public var bookedOn: String
    public var channel: String
    public var person: String
    public var purpose: String
    public var slot: String
    public var mode: String
    public var staff: String
    public var status: String
    public var outcome: String
}

public struct HomeVisitLedgerRow: Sendable, Equatable, Codable {
    public var number: String
    public var day: String
    public var address: String
    public var person: String
    public var staffAndPartner: String
    public var services: String
    public var materials: String
    public var signature: String
    public var followUp: String
}

public struct RemoteSessionLedgerRow: Sendable, Equatable, Codable {
    public var number: String
    public var station: String
    public var stationOperator: String
    public var centreStaff: String
    public var time: String
    public var kind: String
    public var linked: String
    public var handOver: String
}

/// Everything the home-visit pack prints for one booking: the booking, the applicant on file
/// (ID number masked), the station and centre, the route of the day (the station's home visits
/// that day, in time order) and who is on duty there that day (the roster).
public struct HomeVisitPackData: Sendable, Equatable {
    public var appointment: Appointment
    public var applicant: Applicant?
    public var applicantAge: Int?
    public var stationName: String
    public var stationAddress: String
    public var centreName: String
    public var route: [Appointment]
    public var dutyOnDay: [DutyShiftView]
    public var staffName: String?
}

extension CaseStore {
    public func appointmentLedger(stationID: Int64?, from: String, to: String) throws -> [AppointmentLedgerRow] {
        let list = try appointments(stationID: stationID, from: from, to: to)
        return try read { db in
            let names = try Self.operatorNames(db)
            return try list.map { a in
                var outcome = a.endNote
                if let caseID = a.caseID {
                    let number = try String.fetchOne(db, sql: "SELECT coalesce(case_number, '') FROM aid_case WHERE id = ?", arguments: [caseID]) ?? ""
                    outcome = number.isEmpty ? "援助申请（待受理）" : "援助申请 \(number)"
                } else if a.consultationID != nil {
                    outcome = "咨询已登记"
                }
                if !a.tags.isEmpty { outcome += (outcome.isEmpty ? "" : "；") + a.tags.joined(separator: "、") }
                return AppointmentLedgerRow(number: a.number, bookedOn: a.bookedOn, channel: a.channel.label,
                                            person: a.personName + (a.proxy.map { "（\($0.relation)\($0.name)代约）" } ?? ""),
                                            purpose: a.purpose.label, slot: "\(a.day) \(a.start)–\(a.end)", mode: a.mode.label,
                                            staff: a.staffOperatorID.flatMap { names[$0] } ?? "", status: a.status.label,
                                            outcome: outcome)
            }
        }
    }

    public func homeVisitLedger(stationID: Int64?, from: String, to: String,
                                groupLabel: (String) -> String = { $0 }) throws -> [HomeVisitLedgerRow] {
        let visits = try homeVisits(stationID: stationID, from: from, to: to)
        return try read { db in
            try visits.map { v in
                var person = v.personName
                if let applicantID = v.applicantID, let a = try Self.applicant(db, id: applicantID), !a.groups.isEmpty {
                    person += "（" + a.groups.map { groupLabel($0) }.joined(separator: "、") + "）"
                }
                let materials = v.materials.map { "\($0.name)\($0.count)份（\($0.original ? "原件" : "复印件")）" }.joined(separator: "；")
                var signature = v.signatureMode.label
                if let proxy = v.proxyReference { signature += "；" + proxy }
                var follow = v.followUp
                if let due = v.followUpDue { follow += (follow.isEmpty ? "" : "，") + "\(due) 前" }
                return HomeVisitLedgerRow(number: v.number, day: "\(v.day) \(v.start)–\(v.end)", address: v.address, person: person,
                                          staffAndPartner: v.staff.joined(separator: "、") + (v.partner.isEmpty ? "" : "；\(v.partner)"),
                                          services: v.services.map(\.label).joined(separator: "、"), materials: materials,
                                          signature: signature, followUp: follow)
            }
        }
    }

    public func remoteSessionLedger(stationID: Int64?, from: String, to: String) throws -> [RemoteSessionLedgerRow] {
        let sessions = try remoteSessions(stationID: stationID, from: from, to: to)
        return try read { db in
            let names = try Self.operatorNames(db)
            return try sessions.map { s in
                let station = try String.fetchOne(db, sql: "SELECT name FROM station WHERE id = ?", arguments: [s.stationID]) ?? ""
                var linked = ""
                if let caseID = s.caseID {
                    let number = try String.fetchOne(db, sql: "SELECT coalesce(case_number, '') FROM aid_case WHERE id = ?", arguments: [caseID]) ?? ""
                    linked = "援助申请 " + (number.isEmpty ? "（待受理）" : number)
                } else if s.consultationID != nil {
                    linked = "咨询记录"
                }
                var handOver = s.handOverNumber ?? ""
                if !s.handOverMaterials.isEmpty { handOver += (handOver.isEmpty ? "" : "：") + s.handOverMaterials.joined(separator: "、") }
                return RemoteSessionLedgerRow(number: s.number, station: station, stationOperator: names[s.stationOperatorID] ?? "",
                                              centreStaff: s.centreStaff, time: "\(s.day) \(s.start)–\(s.end)", kind: s.kind.label,
                                              linked: linked, handOver: handOver)
            }
        }
    }

    static func operatorNames(_ db: any SQLSession) throws -> [Int64: String] {
        var out: [Int64: String] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT id, name FROM operator") { out[row["id"]] = row["name"] }
        return out
    }

    /// The data of the home-visit pack of one booking (what is printed before leaving).
    public func homeVisitPack(_ reference: String) throws -> HomeVisitPackData {
        let a = try appointment(reference)
        guard a.mode == .home else {
            throw StoreError.invalidInput(field: "服务方式", message: "预约 \(a.number) 不是上门服务（\(a.mode.label)），没有上门服务包")
        }
        let duty = try dutyShifts(month: String(a.day.prefix(7)), stationID: a.stationID).filter { $0.shift.day == a.day }
        return try read { db in
            var applicant: Applicant?
            var age: Int?
            if let id = a.applicantID, var found = try Self.applicant(db, id: id) {
                found.idNumber = found.idNumber.map(PrivacyPolicy.maskIDNumber)
                found.phone = found.phone.map(PrivacyPolicy.maskPhone)
                if let birth = found.birthDate.flatMap(LocalDate.init(iso:)), let on = LocalDate(iso: a.day) {
                    age = Age.years(bornOn: birth, on: on)
                }
                applicant = found
            }
            let station = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [a.stationID])
            var centre = station
            var hops = 0
            while let c = centre, c.kind != .countyCentre, let parent = c.parentID, hops < 8 {
                centre = try Station.fetchOne(db, sql: "SELECT * FROM station WHERE id = ?", arguments: [parent])
                hops += 1
            }
            let route = try Appointment.fetchAll(db, sql: """
                SELECT * FROM appointment WHERE station_id = ? AND day = ? AND mode = 'home' AND status IN \(Self.openStatusSQL)
                ORDER BY start_time, id
                """, arguments: [a.stationID, a.day])
            let staff = try a.staffOperatorID.flatMap { try String.fetchOne(db, sql: "SELECT name FROM operator WHERE id = ?", arguments: [$0]) }
            return HomeVisitPackData(appointment: a, applicant: applicant, applicantAge: age, stationName: station?.name ?? "",
                                     stationAddress: station?.address ?? "", centreName: centre?.name ?? station?.name ?? "",
                                     route: route, dutyOnDay: duty, staffName: staff)
        }
    }
}
