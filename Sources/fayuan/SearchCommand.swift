import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan search QUERY [--limit N] [--json]` (cli.md).
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "查找申请人：姓名（任意连续汉字）、拼音首字母或全拼、证件号（完整或后4位以上）、手机号（完整或后4位）")

    @OptionGroup var store: StoreOptions
    @OptionGroup var identity: IdentityOptions

    @Argument(help: "查询内容，如 张三、zsf、zhangsanfeng、1234")
    var query: String

    @Option(name: .long, help: "最多显示几条（默认 20）")
    var limit: Int = 20

    @Flag(name: .long, help: "以 JSON 输出")
    var json = false

    func validate() throws {
        guard (1...1000).contains(limit) else { throw ValidationError("--limit：应在 1 到 1000 之间") }
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("查询内容不能为空") }
    }

    func run() throws {
        // A whole identity number is answered with hits only to an operator who may reveal
        // identities, otherwise 找到/未找到; the look-up is audited, so the store is opened for writing.
        let (caseStore, op) = try identity.open(store, readOnly: !CaseStore.isWholeIdentityNumber(query))
        let answer = try StoreCommand.run { try caseStore.searchPeople(query, limit: limit, by: op) }
        guard case .hits(let hits) = answer else {
            let found = answer == .identityCheck(found: true)
            if json {
                try StoreCommand.printJSON(["found": found])
            } else {
                print(found ? "找到" : "未找到")
            }
            return
        }
        if json {
            try StoreCommand.printList(hits.map(SearchHitJSON.init), key: "applicants")
            return
        }
        if hits.isEmpty { printError("没有找到匹配“\(query)”的申请人") }
        for hit in hits {
            let hitJSON = SearchHitJSON(hit)
            let fields = [String(hit.applicantID), hit.name, hit.idNumberMasked ?? "-", hitJSON.genderLabel ?? "-",
                          hit.phoneMasked ?? "-", hit.township ?? "-", hit.match.label]
            print(fields.joined(separator: "\t"))
        }
    }
}
