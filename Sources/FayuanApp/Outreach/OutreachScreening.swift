import FayuanCore
import FayuanRules
import FayuanStore

/// 转申请: the rule library applied to a need's pre-fill (identity + the tags valid and proven on
/// the day), so the application's screening sees the outreach tags — 免予核查 (Art 42) and the scope
/// waivers of the region's layers, each with the rule's own citation. Shared by the console and
/// `fayuan outreach need convert`.
public enum OutreachScreening {
    public static func input(_ p: NeedPrefill, region: String, kind: MatterKind = .civil) -> ScreeningInput {
        var matter = ScreeningInput.Matter(kind: kind, cause: kind == .criminal ? nil : p.cause)
        matter.needsUrgentPreservation = p.urgency == .preservation
        return ScreeningInput(region: region, applicationDate: p.on,
                              applicant: .init(birthDate: p.birthDate, idNumber: p.idNumber, gender: p.gender,
                                               groups: p.basis.groups,
                                               hardshipEvidence: p.basis.tags.isEmpty ? nil : .certificate),
                              matter: matter)
    }

    public static func screen(_ p: NeedPrefill, rules: RuleLibrary, region: String, kind: MatterKind = .civil) throws -> NeedScreening {
        let result: ScreeningResult
        do {
            result = try rules.screen(input(p, region: region, kind: kind))
        } catch {
            throw StoreError.invalidInput(field: error.field.isEmpty ? "screening" : error.field, message: error.message)
        }
        var explanation = result.explanation
        if result.economicCheck == .exempt {
            explanation.insert("经济困难状况：免予核查（依据：" + p.basis.tags.map(\.evidenceText).joined(separator: "；") + "）", at: 0)
        }
        return NeedScreening(route: result.route.rawValue, inScope: result.inScope, economicCheck: result.economicCheck.rawValue,
                             priority: result.priority.rawValue, provideFirst: result.provideFirst,
                             reviewDue: result.deadlines?.reviewDue.iso, explanation: explanation)
    }
}
