/// 特殊群体: the ONE rule that decides whether an applicant belongs to the eight special groups of
/// 泽州县《免费法律咨询和特殊群体法律援助惠民工程》实施方案 (seed 004, 四（二）1): 农民工、农民、
/// 残疾人、老年人（60周岁以上）、未成年人、妇女、困难职工、军人军属. A case whose applicant belongs
/// to one counts against the 135-case target and may earn the 1 000 元 special-group subsidy.
///
/// Every place that stores or counts the flag (accepting an application, `fayuan seed`, import,
/// person edits, the v18-special-group migration, reports) calls this rule; nothing else decides it.
///
/// Age is the age on the APPLICATION date (an applicant who turns 60 after applying was not
/// elderly when the case began); woman comes from the recorded gender. Entered codes that only
/// describe an age (高龄、空巢独居、留守儿童…) are not a group by themselves: with a birth date the
/// age decides, without one such a code is taken as evidence of the age group.
public enum SpecialGroup: String, Sendable, Hashable, CaseIterable, Codable {
    case migrantWorker = "migrant_worker"
    case farmer
    case disabled
    case elderly
    case minor
    case woman
    case hardshipWorker = "hardship_worker"
    case military

    public var label: String {
        switch self {
        case .migrantWorker: return "农民工"
        case .farmer: return "农民"
        case .disabled: return "残疾人"
        case .elderly: return "老年人（60周岁以上）"
        case .minor: return "未成年人"
        case .woman: return "妇女"
        case .hardshipWorker: return "困难职工"
        case .military: return "军人军属"
        }
    }
}

public enum SpecialGroupRule {
    /// 老年人权益保障法 Art 2: 六十周岁以上.
    public static let elderlyFromAge = 60
    /// 未成年人保护法 Art 2: 未满十八周岁.
    public static let adultFromAge = 18

    /// Entered group codes (rules/codes.yaml) that place a person in one of the eight groups.
    /// 退役军人、烈士遗属 are not 军人军属 in the programme's wording and are left out.
    public static let enteredCodes: [GroupCode: SpecialGroup] = [
        "migrant_worker": .migrantWorker, "farmer": .farmer,
        "disabled": .disabled, "disabled_severe": .disabled, "disabled_visual": .disabled,
        "disabled_hearing": .disabled, "disabled_speech": .disabled,
        "hardship_worker": .hardshipWorker, "serviceman": .military, "military_family": .military,
    ]

    /// Codes that only say how old someone is; used only when the birth date is unknown.
    public static let ageCodes: [GroupCode: SpecialGroup] = [
        "elderly_advanced": .elderly, "elderly_alone": .elderly, "elderly_incapacitated": .elderly,
        "childless_elderly": .elderly, "child_in_distress": .minor, "left_behind_child": .minor,
    ]

    /// The special groups the applicant belongs to on `day`, in the programme's order.
    /// `groups` are the entered codes as stored (derived codes such as "elderly" are ignored:
    /// they are recomputed here from the birth date and gender).
    public static func groups(entered groups: some Sequence<GroupCode>, birthDate: LocalDate?, gender: Gender?,
                              on day: LocalDate) -> [SpecialGroup] {
        var found = Set<SpecialGroup>()
        let codes = Set(groups)
        for code in codes { if let g = enteredCodes[code] { found.insert(g) } }
        if let birthDate, birthDate <= day {
            let years = Age.years(bornOn: birthDate, on: day)
            if years >= elderlyFromAge { found.insert(.elderly) }
            if years < adultFromAge { found.insert(.minor) }
        } else {
            for code in codes { if let g = ageCodes[code] { found.insert(g) } }
        }
        if gender == .female { found.insert(.woman) }
        return SpecialGroup.allCases.filter(found.contains)
    }

    /// Whether the applicant is in at least one of the eight groups on `day`.
    public static func isSpecialGroup(entered groups: some Sequence<GroupCode>, birthDate: LocalDate?, gender: Gender?,
                                      on day: LocalDate) -> Bool {
        !Self.groups(entered: groups, birthDate: birthDate, gender: gender, on: day).isEmpty
    }

    /// As stored: group codes as strings, birth date "YYYY-MM-DD", gender "M"/"F", and the ID
    /// number, from which a missing birth date or gender is read (a person registered with only
    /// an ID number has no birth_date column filled).
    public static func isSpecialGroup(storedGroups: [String], birthDate: String?, gender: String?, idNumber: String?,
                                      appliedOn: String) -> Bool {
        guard let day = LocalDate(iso: appliedOn) else { return false }
        var born = birthDate.flatMap(LocalDate.init(iso:))
        var sex = gender.flatMap(Gender.init(rawValue:))
        if born == nil || sex == nil, let idNumber, case .success(let id) = IDNumber.parse(idNumber) {
            born = born ?? id.birthDate
            sex = sex ?? id.gender
        }
        return isSpecialGroup(entered: storedGroups.map(GroupCode.init(rawValue:)), birthDate: born, gender: sex, on: day)
    }
}
