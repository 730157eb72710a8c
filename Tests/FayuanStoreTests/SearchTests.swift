import Foundation
import Testing
@testable import FayuanStore

@Suite struct SearchTests {
    func populated(_ dir: borrowing TempDir) throws -> CaseStore {
        let (store, _, clerk) = try makeStoreWithStation(dir)
        let people: [(String, String?, String?)] = [
            ("张三丰", "11010519491231002X", "13812345678"),
            ("张三", "140525199001011237", "13900001111"),
            ("王张三", nil, "13700002222"),
            ("单田芳", "140525195001010011", nil),
            ("欧阳娜娜", nil, "15800003333"),
            ("吕秀英", nil, nil),
        ]
        for (name, id, phone) in people {
            try store.saveApplicant(Applicant(name: name, idNumber: id, phone: phone), by: clerk.id)
        }
        return store
    }

    @Test func pinyinTableHasHeteronyms() {
        #expect(PinyinTable.readings(of: "张") == ["zhang"])
        #expect(PinyinTable.readings(of: "单").contains("shan"))
        #expect(PinyinTable.readings(of: "吕") == ["lv"])
        #expect(PinyinTable.readings(of: "A").isEmpty)
    }

    @Test func namesRankExactThenPrefixThenSubstring() throws {
        let dir = TempDir()
        let store = try populated(dir)
        let hits = try store.searchApplicants("张三")
        #expect(hits.map(\.name) == ["张三", "张三丰", "王张三"])
        #expect(hits.map(\.match) == [.exactName, .namePrefix, .nameSubstring])
        #expect(try store.searchApplicants("芳").map(\.name) == ["单田芳"])
        #expect(try store.searchApplicants("阳娜娜").map(\.name) == ["欧阳娜娜"])
        #expect(try store.searchApplicants("李").isEmpty)
    }

    @Test func pinyinInitialsFullAndSurnameReadings() throws {
        let dir = TempDir()
        let store = try populated(dir)
        #expect(try store.searchApplicants("zsf").map(\.name) == ["张三丰"])
        #expect(try store.searchApplicants("zhangsanfeng").map(\.name) == ["张三丰"])
        #expect(try store.searchApplicants("zhangs").map(\.name) == ["张三", "张三丰"])
        #expect(try store.searchApplicants("shantianfang").map(\.name) == ["单田芳"])
        #expect(try store.searchApplicants("dantianfang").map(\.name) == ["单田芳"])
        #expect(try store.searchApplicants("oynn").map(\.name) == ["欧阳娜娜"])
        #expect(try store.searchApplicants("lvxiuying").map(\.name) == ["吕秀英"])
    }

    @Test func idAndPhoneFullAndSuffix() throws {
        let dir = TempDir()
        let store = try populated(dir)
        let exact = try store.searchApplicants("11010519491231002x")
        #expect(exact.first?.name == "张三丰" && exact.first?.match == .exactID)
        #expect(exact.first?.idNumberMasked == "1101**********002X")
        #expect(try store.searchApplicants("1237").map(\.name) == ["张三"])
        #expect(try store.searchApplicants("13700002222").map(\.match) == [.exactPhone])
        let suffix = try store.searchApplicants("3333")
        #expect(suffix.map(\.name) == ["欧阳娜娜"] && suffix.first?.phoneMasked == "158****3333")
    }

    @Test func everySearchStageUsesAnIndex() throws {
        let dir = TempDir()
        let store = try populated(dir)
        for query in ["张", "张三", "张三丰", "zsf", "zhang", "11010519491231002X", "13812345678", "1237"] {
            let stages = PersonSearch.stages(for: query)
            #expect(!stages.isEmpty)
            for stage in stages {
                let plan = try store.read { db in
                    try SQLRow.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + stage.sql,
                                     arguments: SQLArguments(stage.arguments + ["1"]))
                        .map { $0["detail"] as String }
                }
                for step in plan {
                    let fullScan = step.hasPrefix("SCAN ") && !step.contains("USING")
                    #expect(!fullScan, "查询“\(query)”出现全表扫描：\(step)")
                }
            }
        }
    }
}
