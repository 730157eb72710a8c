/// 预约服务, 上门服务, 远程视频 (round2-capabilities.md §3): the codes of an appointment, a home
/// visit and a remote session, with their Chinese labels. Codes are stored and printed in JSON;
/// labels are what people see. Every enum is closed: an unknown code is bad input, never ignored.

/// How the booking reached us (预约渠道).
public enum AppointmentChannel: String, Sendable, Codable, CaseIterable {
    case phone, hotline12348 = "hotline_12348", online, miniProgram = "mini_program", window
    case stationBooked = "station_booked", civilAffairsReferral = "civil_affairs_referral", outreachNeed = "outreach_need"

    public var label: String {
        switch self {
        case .phone: "电话"
        case .hotline12348: "12348"
        case .online: "网上"
        case .miniProgram: "小程序"
        case .window: "窗口"
        case .stationBooked: "工作站代约"
        case .civilAffairsReferral: "民政转介"
        case .outreachNeed: "外展需求"
        }
    }
}

/// What the appointment is for (预约事项).
public enum AppointmentPurpose: String, Sendable, Codable, CaseIterable {
    case consultation, application, supplement, collectDocument = "collect_document", homeIntake = "home_intake"
    case homeConsultation = "home_consultation", videoConsultation = "video_consultation", remoteIntake = "remote_intake"
    case returnVisit = "return_visit"

    public var label: String {
        switch self {
        case .consultation: "咨询"
        case .application: "提交申请"
        case .supplement: "补充材料"
        case .collectDocument: "领取文书"
        case .homeIntake: "上门受理"
        case .homeConsultation: "上门咨询"
        case .videoConsultation: "远程视频咨询"
        case .remoteIntake: "远程受理"
        case .returnVisit: "回访"
        }
    }
}

/// Where the service happens (服务方式).
public enum AppointmentMode: String, Sendable, Codable, CaseIterable {
    case centre, station, home, video, phone

    public var label: String {
        switch self {
        case .centre: "到中心"
        case .station: "到工作站"
        case .home: "上门"
        case .video: "视频"
        case .phone: "电话"
        }
    }

    /// One character for the board (meaning by a word, never by colour alone).
    public var mark: String {
        switch self {
        case .centre: "中"
        case .station: "站"
        case .home: "门"
        case .video: "视"
        case .phone: "话"
        }
    }
}

/// Green-channel reasons (绿色通道, seed-002 L55): any of them lets the booking take the first
/// free slot from today instead of after the ordinary lead time.
public enum AppointmentPriorityReason: String, Sendable, Codable, CaseIterable {
    case advancedAge = "advanced_age", disabled, seriousIllness = "serious_illness", migrantWorker = "migrant_worker"
    case military, limitationNear = "limitation_near", preservation

    public var label: String {
        switch self {
        case .advancedAge: "高龄"
        case .disabled: "残疾"
        case .seriousIllness: "重病"
        case .migrantWorker: "农民工"
        case .military: "军人军属"
        case .limitationNear: "时效将届满"
        case .preservation: "需保全"
        }
    }
}

/// Where a booking stands. 待确认 → 已确认 → 已完成; 已改约 is a booking moved to a new slot (still
/// to be served); 已取消 and 爽约 end it.
public enum AppointmentStatus: String, Sendable, Codable, CaseIterable {
    case pending, confirmed, moved, cancelled, noShow = "no_show", done

    public var label: String {
        switch self {
        case .pending: "待确认"
        case .confirmed: "已确认"
        case .moved: "已改约"
        case .cancelled: "已取消"
        case .noShow: "爽约"
        case .done: "已完成"
        }
    }

    /// Still to be served (shown on the board, on tomorrow's call list, holds its slot).
    public var isOpen: Bool { self == .pending || self == .confirmed || self == .moved }

    public static let openCodes = allCases.filter(\.isOpen).map(\.rawValue)
}

/// What the staff did at a home visit (上门服务事项).
public enum HomeVisitService: String, Sendable, Codable, CaseIterable {
    case consultation, drafting, intake, supplement, delivery, returnVisit = "return_visit"

    public var label: String {
        switch self {
        case .consultation: "咨询"
        case .drafting: "代书"
        case .intake: "受理申请"
        case .supplement: "补充材料"
        case .delivery: "送达文书"
        case .returnVisit: "回访"
        }
    }
}

/// How the applicant signed (S18, 黑龙江 诚信承诺制): own signature; thumbprint with someone else
/// signing for them (the proxy's ID copy goes into the file); documents read aloud then signed;
/// refused to sign.
public enum SignatureMode: String, Sendable, Codable, CaseIterable {
    case selfSigned = "self", thumbprintProxy = "thumbprint_proxy", readAloud = "read_aloud", refused

    public var label: String {
        switch self {
        case .selfSigned: "本人签名"
        case .thumbprintProxy: "按手印+代签"
        case .readAloud: "宣读后签字"
        case .refused: "拒签"
        }
    }

    /// A thumbprint with a proxy signature needs the proxy named with an ID on file.
    public var needsProxy: Bool { self == .thumbprintProxy }
}

/// What a remote video session was for.
public enum RemoteSessionKind: String, Sendable, Codable, CaseIterable {
    case consultation, intake, supplement, returnVisit = "return_visit"

    public var label: String {
        switch self {
        case .consultation: "咨询"
        case .intake: "受理申请"
        case .supplement: "补充材料"
        case .returnVisit: "回访"
        }
    }
}

/// How documents were signed in a remote session. No national rule on remote e-signature was
/// found (round2 §3.3); the default is a paper signature at the station whose original travels
/// with the hand-over.
public enum RemoteSignatureMode: String, Sendable, Codable, CaseIterable {
    case paperScanned = "paper_scanned", paperWithOriginal = "paper_with_original", electronic

    public var label: String {
        switch self {
        case .paperScanned: "站点纸质签字后扫描"
        case .paperWithOriginal: "站点纸质签字+原件随转交单寄送"
        case .electronic: "电子签名（平台）"
        }
    }

    /// The materials that travel to the centre with the hand-over of a remote intake.
    public func handOverMaterials(kind: RemoteSessionKind) -> [String] {
        guard kind == .intake else { return [] }
        switch self {
        case .paperWithOriginal: return ["申请表原件（站点签字）", "经济困难状况说明表原件（站点签字）"]
        case .paperScanned: return ["申请表扫描件（站点签字）"]
        case .electronic: return []
        }
    }
}

/// Someone acting for the person (法律援助法 Art 40; 山西条例 Art 17: near relatives or agents).
public struct AppointmentProxy: Sendable, Codable, Equatable {
    public var name: String
    public var relation: String
    public var idNumber: String?
    public var phone: String?

    public init(name: String, relation: String, idNumber: String? = nil, phone: String? = nil) {
        self.name = name; self.relation = relation; self.idNumber = idNumber; self.phone = phone
    }
}

/// "YY-20250425-007": 预约 + the day it was booked + its number that day. Home visits are
/// "SM-…" (上门) and remote sessions "SP-…" (视频).
public enum ServiceNumber {
    public static func appointment(bookedOn day: LocalDate, sequence: Int) -> String { format("YY", day, sequence) }
    public static func homeVisit(on day: LocalDate, sequence: Int) -> String { format("SM", day, sequence) }
    public static func remoteSession(on day: LocalDate, sequence: Int) -> String { format("SP", day, sequence) }

    static func format(_ prefix: String, _ day: LocalDate, _ sequence: Int) -> String {
        let digits = day.iso.replacingOccurrences(of: "-", with: "")
        let seq = String(sequence)
        return "\(prefix)-\(digits)-" + String(repeating: "0", count: max(0, 3 - seq.count)) + seq
    }
}
