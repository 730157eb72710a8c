import FayuanCore

/// A bookable time at a station (预约时段): `capacity` bookings of one mode. `booked` is how many
/// open bookings hold it (filled in by the queries that list slots).
public struct AppointmentSlot: Sendable, Equatable, Codable, StoreRecord {
    public var id: Int64?
    public var stationID: Int64
    public var day: String
    public var start: String
    public var end: String
    public var mode: AppointmentMode
    public var capacity: Int
    public var staffOperatorID: Int64?
    public var booked: Int = 0

    public init(id: Int64? = nil, stationID: Int64, day: String, start: String, end: String, mode: AppointmentMode,
                capacity: Int = 1, staffOperatorID: Int64? = nil) {
        self.id = id; self.stationID = stationID; self.day = day; self.start = start; self.end = end
        self.mode = mode; self.capacity = capacity; self.staffOperatorID = staffOperatorID
    }

    public var free: Int { max(0, capacity - booked) }

    init(row: SQLRow) throws {
        id = row["id"]; stationID = row["station_id"]; day = row["day"]; start = row["start_time"]; end = row["end_time"]
        mode = AppointmentMode(rawValue: row["mode"]) ?? .centre
        capacity = row["capacity"]; staffOperatorID = row["staff_operator_id"]
        if row.hasColumn("booked") { booked = row["booked"] ?? 0 }
    }
}

/// What the booking form (or `fayuan appointment book`) asks for. `slotID` nil: the first free
/// slot of `mode` at the station that the rules allow.
public struct AppointmentRequest: Sendable, Equatable {
    public var stationID: Int64
    public var channel: AppointmentChannel
    public var purpose: AppointmentPurpose
    public var mode: AppointmentMode
    public var applicantID: Int64?
    public var personName: String
    public var phone: String?
    public var proxy: AppointmentProxy?
    public var matterSummary: String
    public var priorityReasons: [AppointmentPriorityReason]
    public var accessibility: String
    public var staffOperatorID: Int64?
    public var lawyerProviderID: Int64?
    public var slotID: Int64?
    /// The address for a home visit, else empty (the station's own address is shown).
    public var place: String
    /// A limitation or procedural deadline the person states (deadlineHint).
    public var limitationOn: String?
    /// Why a slot after the limitation's safe day is taken anyway (recorded, audited).
    public var overrideReason: String?
    /// The booking day (default: today).
    public var bookedOn: String?

    public init(stationID: Int64, channel: AppointmentChannel, purpose: AppointmentPurpose, mode: AppointmentMode,
                applicantID: Int64? = nil, personName: String, phone: String? = nil, proxy: AppointmentProxy? = nil,
                matterSummary: String = "", priorityReasons: [AppointmentPriorityReason] = [], accessibility: String = "",
                staffOperatorID: Int64? = nil, lawyerProviderID: Int64? = nil, slotID: Int64? = nil, place: String = "",
                limitationOn: String? = nil, overrideReason: String? = nil, bookedOn: String? = nil) {
        self.stationID = stationID; self.channel = channel; self.purpose = purpose; self.mode = mode
        self.applicantID = applicantID; self.personName = personName; self.phone = phone; self.proxy = proxy
        self.matterSummary = matterSummary; self.priorityReasons = priorityReasons; self.accessibility = accessibility
        self.staffOperatorID = staffOperatorID; self.lawyerProviderID = lawyerProviderID; self.slotID = slotID
        self.place = place; self.limitationOn = limitationOn; self.overrideReason = overrideReason; self.bookedOn = bookedOn
    }
}

/// A booking (预约) as stored. The phone and the proxy's ID number are kept whole for the file and
/// the call list; everything that shows them uses `maskedPhone` / `maskedProxyID`.
public struct Appointment: Sendable, Equatable, StoreRecord {
    public var id: Int64
    public var number: String
    public var stationID: Int64
    public var slotID: Int64?
    public var day: String
    public var start: String
    public var end: String
    public var place: String
    public var channel: AppointmentChannel
    public var purpose: AppointmentPurpose
    public var mode: AppointmentMode
    public var applicantID: Int64?
    public var personName: String
    public var phone: String?
    public var proxy: AppointmentProxy?
    public var matterSummary: String
    public var priorityReasons: [AppointmentPriorityReason]
    public var accessibility: String
    public var staffOperatorID: Int64?
    public var lawyerProviderID: Int64?
    public var status: AppointmentStatus
    public var limitationOn: String?
    public var provideFirst: Bool
    public var phoneConfirm: Bool
    public var overrideReason: String?
    public var bookedOn: String
    public var bookedBy: Int64?
    public var endNote: String
    public var consultationID: Int64?
    public var caseID: Int64?
    public var homeVisitID: Int64?
    public var remoteSessionID: Int64?

    init(row: SQLRow) throws {
        id = row["id"]; number = row["appt_no"]; stationID = row["station_id"]; slotID = row["slot_id"]
        day = row["day"]; start = row["start_time"]; end = row["end_time"]; place = row["place"]
        channel = AppointmentChannel(rawValue: row["channel"]) ?? .phone
        purpose = AppointmentPurpose(rawValue: row["purpose"]) ?? .consultation
        mode = AppointmentMode(rawValue: row["mode"]) ?? .centre
        applicantID = row["applicant_id"]; personName = row["person_name"]; phone = row["phone"]
        if let name: String = row["proxy_name"] {
            proxy = AppointmentProxy(name: name, relation: row["proxy_relation"] ?? "", idNumber: row["proxy_id_number"],
                                     phone: row["proxy_phone"])
        }
        matterSummary = row["matter_summary"]
        priorityReasons = (row["priority_reasons"] as String).split(separator: ",").compactMap {
            AppointmentPriorityReason(rawValue: String($0))
        }
        accessibility = row["accessibility"]; staffOperatorID = row["staff_operator_id"]
        lawyerProviderID = row["lawyer_provider_id"]
        status = AppointmentStatus(rawValue: row["status"]) ?? .pending
        limitationOn = row["limitation_on"]; provideFirst = row["provide_first"]; phoneConfirm = row["phone_confirm"]
        overrideReason = row["override_reason"]; bookedOn = row["booked_on"]; bookedBy = row["booked_by"]
        endNote = row["end_note"]; consultationID = row["consultation_id"]; caseID = row["case_id"]
        homeVisitID = row["home_visit_id"]; remoteSessionID = row["remote_session_id"]
    }

    public var maskedPhone: String? { phone.map(PrivacyPolicy.maskPhone) }
    public var maskedProxyID: String? { proxy?.idNumber.map(PrivacyPolicy.maskIDNumber) }

    /// The tags the board and the call list show: 先行提供, 需前一日电话确认, 绿色通道.
    public var tags: [String] {
        var out: [String] = []
        if !priorityReasons.isEmpty { out.append("绿色通道") }
        if provideFirst { out.append("先行提供") }
        if phoneConfirm { out.append(BookingRules.phoneConfirmationTag) }
        return out
    }
}

/// One entry of an appointment's history (append-only).
public struct AppointmentEvent: Sendable, Equatable, Codable {
    public var at: String
    public var kind: String
    public var day: String?
    public var start: String?
    public var note: String
    public var operatorID: Int64?
}

/// One line of tomorrow's call list (the console sends no SMS: staff phone from this list).
/// The phone is whole: the list is an audited reveal.
public struct CallListEntry: Sendable, Equatable, Codable {
    public var number: String
    public var day: String
    public var start: String
    public var end: String
    public var mode: AppointmentMode
    public var purpose: AppointmentPurpose
    public var personName: String
    public var phone: String
    public var proxyName: String?
    public var proxyPhone: String?
    public var place: String
    public var accessibility: String
    public var tags: [String]
}

/// A material taken in at a home visit (listed on the 收件凭证: name, count, original or copy).
public struct ReceivedMaterial: Sendable, Equatable, Codable {
    public var name: String
    public var count: Int
    public var original: Bool

    public init(name: String, count: Int = 1, original: Bool) {
        self.name = name; self.count = count; self.original = original
    }
}

/// The visit record keyed in on return from a home visit (上门服务记录).
public struct HomeVisitRecord: Sendable, Equatable {
    public var appointmentID: Int64?
    public var stationID: Int64
    public var applicantID: Int64?
    public var personName: String
    public var day: String
    public var start: String
    public var end: String
    public var address: String
    /// The staff who went (two recommended), by name.
    public var staff: [String]
    /// e.g. 巴公镇司法所 李干事 (休宁 model).
    public var partner: String
    public var services: [HomeVisitService]
    public var materials: [ReceivedMaterial]
    public var signatureMode: SignatureMode
    public var proxy: AppointmentProxy?
    public var photosTaken: Bool
    public var consentToRecord: Bool
    public var travelKm: Double?
    public var followUp: String
    public var followUpDue: String?

    public init(appointmentID: Int64? = nil, stationID: Int64, applicantID: Int64? = nil, personName: String, day: String,
                start: String, end: String, address: String, staff: [String], partner: String = "",
                services: [HomeVisitService], materials: [ReceivedMaterial] = [], signatureMode: SignatureMode,
                proxy: AppointmentProxy? = nil, photosTaken: Bool = false, consentToRecord: Bool = false,
                travelKm: Double? = nil, followUp: String = "", followUpDue: String? = nil) {
        self.appointmentID = appointmentID; self.stationID = stationID; self.applicantID = applicantID
        self.personName = personName; self.day = day; self.start = start; self.end = end; self.address = address
        self.staff = staff; self.partner = partner; self.services = services; self.materials = materials
        self.signatureMode = signatureMode; self.proxy = proxy; self.photosTaken = photosTaken
        self.consentToRecord = consentToRecord; self.travelKm = travelKm; self.followUp = followUp
        self.followUpDue = followUpDue
    }
}

/// A home visit as stored, with the case it produced.
public struct HomeVisit: Sendable, Equatable, StoreRecord {
    public var id: Int64
    public var number: String
    public var appointmentID: Int64?
    public var stationID: Int64
    public var applicantID: Int64?
    public var personName: String
    public var day: String
    public var start: String
    public var end: String
    public var address: String
    public var staff: [String]
    public var partner: String
    public var services: [HomeVisitService]
    public var signatureMode: SignatureMode
    public var proxyName: String?
    public var proxyRelation: String?
    public var proxyIDNumber: String?
    public var followUp: String
    public var followUpDue: String?
    public var caseID: Int64?
    public var materials: [ReceivedMaterial] = []

    init(row: SQLRow) throws {
        id = row["id"]; number = row["visit_no"]; appointmentID = row["appointment_id"]; stationID = row["station_id"]
        applicantID = row["applicant_id"]; personName = row["person_name"]; day = row["day"]
        start = row["start_time"]; end = row["end_time"]; address = row["address"]
        staff = (row["staff"] as String).split(separator: "、").map(String.init)
        partner = row["partner"]
        services = (row["services"] as String).split(separator: ",").compactMap { HomeVisitService(rawValue: String($0)) }
        signatureMode = SignatureMode(rawValue: row["signature_mode"]) ?? .selfSigned
        proxyName = row["proxy_name"]; proxyRelation = row["proxy_relation"]; proxyIDNumber = row["proxy_id_number"]
        followUp = row["follow_up"]; followUpDue = row["follow_up_due"]; caseID = row["case_id"]
    }

    /// "（代签人 赵小红，女儿，身份证 1405**********0024，复印件附卷）" — what the 说明表 and the ledger show.
    public var proxyReference: String? {
        guard let proxyName else { return nil }
        var text = "代签人 \(proxyName)"
        if let proxyRelation, !proxyRelation.isEmpty { text += "（\(proxyRelation)）" }
        if let id = proxyIDNumber { text += "，身份证 \(PrivacyPolicy.maskIDNumber(id))，复印件附卷" }
        return text
    }
}

/// A remote video session between a station (需求端, its operator) and the centre (服务端).
public struct RemoteSessionRecord: Sendable, Equatable {
    public var appointmentID: Int64?
    public var stationID: Int64
    public var stationOperatorID: Int64
    public var centreID: Int64
    /// The centre lawyer or staff member at the other end, by name.
    public var centreStaff: String
    public var centreProviderID: Int64?
    public var day: String
    public var start: String
    public var end: String
    public var kind: RemoteSessionKind
    public var recordingConsent: Bool
    /// Where the recording is kept outside the console (only its reference is stored).
    public var recordingRef: String
    public var documentsScanned: [String]
    public var signatureMode: RemoteSignatureMode
    /// The hand-over (转交单) number this session's materials travel under, when one exists.
    public var handOverNumber: String?
    public var applicantID: Int64?
    public var personName: String
    public var consultationID: Int64?

    public init(appointmentID: Int64? = nil, stationID: Int64, stationOperatorID: Int64, centreID: Int64,
                centreStaff: String, centreProviderID: Int64? = nil, day: String, start: String, end: String,
                kind: RemoteSessionKind, recordingConsent: Bool = false, recordingRef: String = "",
                documentsScanned: [String] = [], signatureMode: RemoteSignatureMode = .paperWithOriginal,
                handOverNumber: String? = nil, applicantID: Int64? = nil, personName: String, consultationID: Int64? = nil) {
        self.appointmentID = appointmentID; self.stationID = stationID; self.stationOperatorID = stationOperatorID
        self.centreID = centreID; self.centreStaff = centreStaff; self.centreProviderID = centreProviderID
        self.day = day; self.start = start; self.end = end; self.kind = kind; self.recordingConsent = recordingConsent
        self.recordingRef = recordingRef; self.documentsScanned = documentsScanned; self.signatureMode = signatureMode
        self.handOverNumber = handOverNumber; self.applicantID = applicantID; self.personName = personName
        self.consultationID = consultationID
    }
}

/// A remote session as stored.
public struct RemoteSession: Sendable, Equatable, StoreRecord {
    public var id: Int64
    public var number: String
    public var appointmentID: Int64?
    public var stationID: Int64
    public var stationOperatorID: Int64
    public var centreID: Int64
    public var centreStaff: String
    public var day: String
    public var start: String
    public var end: String
    public var kind: RemoteSessionKind
    public var recordingConsent: Bool
    public var signatureMode: RemoteSignatureMode
    public var handOverMaterials: [String]
    public var handOverNumber: String?
    public var applicantID: Int64?
    public var personName: String
    public var caseID: Int64?
    public var consultationID: Int64?

    init(row: SQLRow) throws {
        id = row["id"]; number = row["session_no"]; appointmentID = row["appointment_id"]; stationID = row["station_id"]
        stationOperatorID = row["station_operator_id"]; centreID = row["centre_id"]; centreStaff = row["centre_staff"]
        day = row["day"]; start = row["start_time"]; end = row["end_time"]
        kind = RemoteSessionKind(rawValue: row["kind"]) ?? .consultation
        recordingConsent = row["recording_consent"]
        signatureMode = RemoteSignatureMode(rawValue: row["signature_mode"]) ?? .paperWithOriginal
        handOverMaterials = (row["hand_over_materials"] as String).split(separator: "\n").map(String.init)
        handOverNumber = row["hand_over_no"]; applicantID = row["applicant_id"]; personName = row["person_name"]
        caseID = row["case_id"]; consultationID = row["consultation_id"]
    }
}
