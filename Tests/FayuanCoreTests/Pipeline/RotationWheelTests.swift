import Testing
import FayuanCore

@Suite("Pipeline 轮案与第二十六条") struct RotationWheelTests {
    typealias C = RotationWheel.Candidate
    let request = RotationWheel.Request(cause: "labor_remuneration", causeLabel: "追索劳动报酬")

    @Test("从未轮到的先于上次轮到的；轮次相同看在办件数") func turnOrder() {
        let s = RotationWheel.suggest(request, candidates: [
            C(providerID: 1, name: "王律师", currentLoad: 1, lastTurn: 3),
            C(providerID: 2, name: "李律师", currentLoad: 4, lastTurn: nil),
            C(providerID: 3, name: "赵律师", currentLoad: 0, lastTurn: 2),
        ])
        #expect(s.ranked.map(\.candidate.name) == ["李律师", "赵律师", "王律师"])
        #expect(s.suggested?.reasons.contains("轮次：本轮盘尚未轮到") == true)
        #expect(s.explanation.hasPrefix("轮案建议 李律师："))
    }

    @Test("专长优先；在办已满排最后") func specialtyAndLoad() {
        let s = RotationWheel.suggest(request, candidates: [
            C(providerID: 1, name: "王律师", lastTurn: nil),
            C(providerID: 2, name: "李律师", specialties: ["labor_remuneration"], lastTurn: 5),
            C(providerID: 3, name: "赵律师", specialties: ["labor_remuneration"], currentLoad: 6, maxLoad: 6, lastTurn: nil),
        ])
        #expect(s.ranked.map(\.candidate.name) == ["李律师", "王律师", "赵律师"])
        #expect(s.suggested!.reasons.contains("专长：追索劳动报酬"))
        #expect(s.ranked.last!.reasons.contains("在办已满，排在最后"))
    }

    @Test("重大疑难案件名优律师优先") func leadingFirst() {
        var major = request
        major.isMajor = true
        let s = RotationWheel.suggest(major, candidates: [
            C(providerID: 1, name: "王律师", lastTurn: nil),
            C(providerID: 2, name: "钱律师", isLeading: true, lastTurn: 9),
        ])
        #expect(s.suggested?.candidate.name == "钱律师")
        #expect(s.suggested!.reasons.first == "名优律师（重大疑难案件优先）")
    }

    @Test("利益冲突与第二十六条不符者被排除并说明原因") func exclusions() {
        let death = RotationWheel.Request(cause: "suspect_defendant", causeLabel: "犯罪嫌疑人、被告人", possibleLifeOrDeath: true)
        let s = RotationWheel.suggest(death, candidates: [
            C(providerID: 1, name: "王律师", relevantPracticeYears: 2),
            C(providerID: 2, name: "李律师", relevantPracticeYears: 8),
            C(providerID: 3, name: "周工作者", isLawyer: false, relevantPracticeYears: 10),
            C(providerID: 4, name: "吴律师", relevantPracticeYears: 12, conflict: "曾代理对方当事人“张三”"),
        ])
        #expect(s.ranked.map(\.candidate.name) == ["李律师"])
        #expect(s.suggested!.reasons.contains("相关执业 8 年，符合法律援助法第二十六条"))
        let why = Dictionary(uniqueKeysWithValues: s.excluded.map { ($0.candidate.name, $0.reasons.joined()) })
        #expect(why["王律师"] == "相关执业经历仅 2 年，不满 3 年（法律援助法第二十六条）")
        #expect(why["周工作者"]?.contains("须指派律师") == true)
        #expect(why["吴律师"]?.contains("利益冲突") == true)
        #expect(Article26.refusal(appliesToCase: false, isLawyer: false, relevantPracticeYears: nil) == nil)
        #expect(Article26.refusal(appliesToCase: true, isLawyer: true, relevantPracticeYears: 3) == nil)
    }

    @Test("无人可选时说明") func nobody() {
        #expect(RotationWheel.suggest(request, candidates: []).explanation == "轮案无可指派人选")
    }
}
