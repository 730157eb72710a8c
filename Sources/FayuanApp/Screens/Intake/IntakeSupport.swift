import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// What an intake screen loads once when it opens: where we are, the rules, today's date, the
/// draft this operator left (if any), and the person it was opened for.
struct IntakeLoad: Sendable {
    var context: IntakeContext?
    var rules: RuleLibrary
    var today: LocalDate
    var providers: [Provider]
    var draft: DraftOffer?
    var person: PickedApplicant?
    /// Input that arrived before the load finished; handled right after it.
    var pending: Input?
    /// The application screen's draft: the typed application (nil for other screens).
    var applicationDraft: ApplicationDraftOffer? = nil
}

/// The application draft: the typed application itself (`AidApplication` as JSON) plus where the
/// clerk was. A picked person's identity number, phone and address appear only masked (`shown`),
/// never in full: the application holds nil for what was not changed.
struct ApplicationDraft: Codable, Sendable, Equatable {
    var application: AidApplication
    var step: Int
    var shown: [String: String]
    var pickedBirthDate: LocalDate?
    var acceptedOn: String?

    var payload: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    static func decode(_ payload: String) -> ApplicationDraft? {
        try? JSONDecoder().decode(ApplicationDraft.self, from: Data(payload.utf8))
    }
}

struct ApplicationDraftOffer: Sendable {
    var draft: ApplicationDraft
    var savedAt: String

    /// This operator's application draft, when it is one in the typed form.
    static func load(_ env: AppEnvironment, operatorID: Int64, form: String, key: String) throws -> ApplicationDraftOffer? {
        guard operatorID > 0, let stored = try env.store.draft(operator: operatorID, form: form, key: key),
              let draft = ApplicationDraft.decode(stored.payload) else { return nil }
        return ApplicationDraftOffer(draft: draft, savedAt: IntakeClock.localTime(stored.savedAt, env))
    }
}

/// A draft found on opening: its values and a Chinese description for the question.
struct DraftOffer: Sendable {
    var values: [String: String]
    var savedAt: String
}

/// A person picked from the search (or passed in by the queue), with their open cases. The
/// `applicant` holds MASKED identity number, phone and address (what the form shows); the birth
/// date is kept for screening only and is not shown beside the masked number.
struct PickedApplicant: Sendable {
    var applicant: Applicant
    var openCases: [OpenCaseSummary]
    var birthDate: LocalDate?

    init(masked p: MaskedPerson, openCases: [OpenCaseSummary]) {
        applicant = Applicant(id: p.id, name: p.name, idType: p.idNumberMasked == nil ? "none" : "resident",
                              idNumber: p.idNumberMasked, gender: p.gender, birthDate: nil, phone: p.phoneMasked,
                              address: p.addressMasked, needs: p.needs, groups: p.groups)
        self.openCases = openCases
        birthDate = p.birthDate.flatMap { LocalDate(iso: $0) }
    }

    /// From a full record (a caller that read one): masked here, so the form never holds it.
    init(applicant a: Applicant, openCases: [OpenCaseSummary]) {
        applicant = Applicant(id: a.id, name: a.name, idType: a.idType, idNumber: a.idNumber.map(PrivacyPolicy.maskIDNumber),
                              gender: a.gender, birthDate: nil, phone: a.phone.map(PrivacyPolicy.maskPhone),
                              address: a.address.map(PrivacyPolicy.maskAddress), needs: a.needs, groups: a.groups)
        self.openCases = openCases
        birthDate = a.birthDate.flatMap { LocalDate(iso: $0) }
    }
}

struct DiscardConfirmed: Sendable {}

enum IntakeClock {
    static func today(_ env: AppEnvironment) -> LocalDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = env.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: env.clock())
        return LocalDate(year: c.year ?? 2026, month: c.month ?? 1, day: c.day ?? 1) ?? LocalDate(dayNumber: 0)
    }

    /// "06-08 10:32" in the environment's time zone, from a stored ISO timestamp.
    static func localTime(_ iso: String, _ env: AppEnvironment) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = try? style.parse(iso) else { return iso }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = env.timeZone
        let c = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        return String(format: "%02d-%02d %02d:%02d", c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }
}

/// Drafts are the forms' values as JSON (sorted keys, so an unchanged form writes the same text).
enum DraftCodec {
    static func encode(_ values: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(values)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    static func decode(_ payload: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(payload.utf8))
    }

    /// Loads this operator's draft of a form; only its writer ever sees it.
    static func load(_ env: AppEnvironment, operatorID: Int64, form: String, key: String) throws -> DraftOffer? {
        guard operatorID > 0, let draft = try env.store.draft(operator: operatorID, form: form, key: key),
              let values = DraftCodec.decode(draft.payload) else { return nil }
        return DraftOffer(values: values, savedAt: IntakeClock.localTime(draft.savedAt, env))
    }
}

extension Session {
    /// The operator id to write in records: nil for the interim guest (no row to reference).
    var recordOperatorID: Int64? { operatorID > 0 ? operatorID : nil }
}

/// Labels of store codes the intake screens show.
enum IntakeLabels {
    static func satisfaction(_ s: Satisfaction) -> String {
        switch s {
        case .satisfied: return "满意"
        case .basicallySatisfied: return "基本满意"
        case .dissatisfied: return "不满意"
        }
    }

    static func kind(_ k: CaseKind) -> String {
        switch k {
        case .civil: return "民事"
        case .administrative: return "行政"
        case .criminal: return "刑事"
        }
    }

    static func gender(_ code: String?) -> String {
        switch code {
        case "M": return "男"
        case "F": return "女"
        default: return ""
        }
    }
}
