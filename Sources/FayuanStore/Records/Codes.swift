import FayuanCore
/// Code lists stored in the case store. Raw values are the stored and exported codes
/// (shared/contracts/cli.md, glossary); the Chinese labels are what users see.
public enum StationKind: String, Sendable, Codable, CaseIterable {
    case countyCentre = "county_centre", township, workstation
    /// 村（社区）联络点 (v17-admin).
    case liaisonPoint = "liaison_point"
    public var label: String {
        switch self {
        case .countyCentre: return "县公共法律服务中心"
        case .township: return "乡镇公共法律服务工作站"
        case .workstation: return "法律援助工作站"
        case .liaisonPoint: return "村（社区）法律服务联络点"
        }
    }
    /// The short word used in lists and the first-run choice.
    public var shortLabel: String {
        switch self {
        case .countyCentre: return "县级中心"
        case .township: return "乡镇工作站"
        case .workstation: return "援助工作站"
        case .liaisonPoint: return "联络点"
        }
    }
}

public enum ProviderKind: String, Sendable, Codable, CaseIterable {
    case lawyer, grassrootsWorker = "grassroots_worker", retiredOfficial = "retired_official"
    case lawTeacher = "law_teacher", volunteer, publicLawyer = "public_lawyer"
    public var label: String {
        switch self {
        case .lawyer: return "律师"
        case .grassrootsWorker: return "基层法律服务工作者"
        case .retiredOfficial: return "退休政法干警"
        case .lawTeacher: return "法学教师"
        case .volunteer: return "志愿者"
        case .publicLawyer: return "公职律师"
        }
    }
}

/// 无障碍需求: what an applicant needs to be served.
public enum AccessibilityNeed: String, Sendable, Codable, CaseIterable {
    case dialect, signLanguage = "sign_language", hearing, sight, mobility, literacy
    public var label: String {
        switch self {
        case .dialect: return "方言"
        case .signLanguage: return "手语"
        case .hearing: return "听力"
        case .sight: return "视力"
        case .mobility: return "行动不便"
        case .literacy: return "识字困难"
        }
    }
}

public enum ConsultationChannel: String, Sendable, Codable, CaseIterable {
    case window, hotline12348, online, homeVisit = "home_visit"
    public var label: String {
        switch self {
        case .window: return "窗口来访"
        case .hotline12348: return "12348热线"
        case .online: return "网络"
        case .homeVisit: return "上门服务"
        }
    }
}

public enum Satisfaction: String, Sendable, Codable, CaseIterable {
    case satisfied, basicallySatisfied = "basically_satisfied", dissatisfied
}

public enum TicketService: String, Sendable, Codable, CaseIterable {
    case consultation, application, document, other
    /// Letter printed before the number on the ticket.
    public var letter: String {
        switch self {
        case .consultation: return "A"
        case .application: return "B"
        case .document: return "C"
        case .other: return "D"
        }
    }
}

public enum TicketPriority: String, Sendable, Codable, CaseIterable {
    case normal, priority
}

public enum CaseKind: String, Sendable, Codable, CaseIterable {
    case civil, criminal, administrative
    /// The word in the case number: 〔2026〕民援字第0012号.
    public var numberWord: String {
        switch self {
        case .civil: return "民援"
        case .criminal: return "刑援"
        case .administrative: return "行援"
        }
    }
}

/// The statutory steps of a case, in order (withdrawn/refused end it early).
public enum CaseStep: String, Sendable, Codable, CaseIterable {
    case applied, accepted, granted, refused, assigned, handling, closed, archived, withdrawn
    public var label: String {
        switch self {
        case .applied: return "已申请"
        case .accepted: return "已受理"
        case .granted: return "已决定给予"
        case .refused: return "不予援助"
        case .assigned: return "已指派"
        case .handling: return "承办中"
        case .closed: return "已结案"
        case .archived: return "已归档"
        case .withdrawn: return "已撤回"
        }
    }
}

/// Checks an ISO date ("2026-06-08") at the store boundary; `field` names it in the error.
enum StoreDate {
    static func validate(_ text: String, field: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1900...2200).contains(y), (1...12).contains(m), (1...31).contains(d) else {
            throw StoreError.invalidInput(field: field, message: "日期应为 YYYY-MM-DD 格式：\(text)")
        }
    }
}
