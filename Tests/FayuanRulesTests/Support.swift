import FayuanCore
@testable import FayuanRules
import Foundation

/// The bundled library, loaded once for all tests.
let library: RuleLibrary = {
    do { return try RuleLibrary.bundled() } catch { fatalError("内置规则无法加载：\(error)") }
}()

func date(_ text: String) -> LocalDate {
    guard let value = LocalDate(iso: text) else { fatalError("测试日期无效：\(text)") }
    return value
}

/// A civil application with sensible defaults; override what the test is about.
func civil(_ cause: CauseCode, region: String = "110105", on day: String = "2026-03-02",
           born: String? = "1980-05-01", gender: Gender = .male, groups: [GroupCode] = [],
           income: Double? = nil, evidence: HardshipEvidence? = nil, threshold: Double? = nil,
           daysToDeadline: Int? = nil, urgent: Bool = false) -> ScreeningInput {
    ScreeningInput(
        region: region, applicationDate: date(day),
        applicant: .init(birthDate: born.map(date), gender: gender, groups: groups,
                         householdIncomePerCapitaMonthly: income, hardshipEvidence: evidence),
        matter: .init(kind: .civil, cause: cause, daysToLimitationDeadline: daysToDeadline,
                      needsUrgentPreservation: urgent),
        hardshipThreshold: threshold)
}

func criminal(_ role: CriminalRole, stage: CriminalStage = .trial, region: String = "110105",
              on day: String = "2026-03-02", born: String = "1980-05-01", groups: [GroupCode] = [],
              income: Double? = nil, threshold: Double? = nil, hasDefender: Bool = false,
              lifeOrDeath: Bool = false, absentia: Bool = false, cannotRecognize: Bool = false,
              ordinary: Bool = false) -> ScreeningInput {
    ScreeningInput(
        region: region, applicationDate: date(day),
        applicant: .init(birthDate: date(born), gender: .male, groups: groups,
                         householdIncomePerCapitaMonthly: income),
        matter: .init(kind: .criminal, criminal: .init(
            role: role, stage: stage, hasDefender: hasDefender, possibleLifeOrDeathSentence: lifeOrDeath,
            trialInAbsentia: absentia, cannotFullyRecognizeConduct: cannotRecognize,
            ordinaryProcedure: ordinary)),
        hardshipThreshold: threshold)
}

func screen(_ input: ScreeningInput) throws -> ScreeningResult { try library.screen(input) }

extension ScreeningResult {
    func cites(_ law: String, article: Int? = nil, paragraph: Int? = nil, item: Int? = nil,
               section: String? = nil) -> Bool {
        citations.contains { $0.law == law && (article == nil || $0.article == article)
            && (paragraph == nil || $0.paragraph == paragraph) && (item == nil || $0.item == item)
            && (section == nil || $0.section == section) }
    }

    func explains(_ text: String) -> Bool { explanation.contains { $0.contains(text) } }
}

/// The repository root, found from this file's path (tests read rules/ to check the embedding).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh temporary directory for site rule files.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("fayuan-rules-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
