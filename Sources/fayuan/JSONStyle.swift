import FayuanStore
import Foundation

/// The one JSON style every subcommand follows (docs/cli.md): ids are numbers, dates ISO strings,
/// enums their code plus a Chinese `…Label`, and a list is an object with its `count` and the
/// items under a plural name — so a script can tell "none" from "not asked" and add fields later.
struct JSONList<Item: Encodable>: Encodable {
    let key: String
    let items: [Item]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(items.count, forKey: Key("count"))
        try container.encode(items, forKey: Key(key))
    }
}

extension StoreCommand {
    /// `{"count": N, "<key>": [...]}` on stdout.
    static func printList<Item: Encodable>(_ items: [Item], key: String) throws {
        try printJSON(JSONList(key: key, items: items))
    }
}

extension SearchMatch {
    /// How the query matched, in Chinese.
    var label: String {
        switch self {
        case .exactID: return "证件号码完全相同"
        case .exactPhone: return "手机号完全相同"
        case .exactName: return "姓名完全相同"
        case .exactPinyin: return "拼音完全相同"
        case .namePrefix: return "姓名开头相同"
        case .pinyinPrefix: return "拼音开头相同"
        case .nameSubstring: return "姓名包含"
        case .idSuffix: return "证件号码末位相同"
        case .phoneSuffix: return "手机号末位相同"
        }
    }
}

/// One search hit as the command line prints it (masked, with Chinese labels beside the codes).
struct SearchHitJSON: Encodable {
    let applicantID: Int64
    let name: String
    let idNumberMasked: String?
    let gender: String?
    let genderLabel: String?
    let phoneMasked: String?
    let township: String?
    let match: String
    let matchLabel: String

    init(_ hit: SearchHit) {
        applicantID = hit.applicantID
        name = hit.name
        idNumberMasked = hit.idNumberMasked
        gender = hit.gender
        genderLabel = hit.gender.map { $0 == "F" ? "女" : $0 == "M" ? "男" : $0 }
        phoneMasked = hit.phoneMasked
        township = hit.township
        match = hit.match.rawValue
        matchLabel = hit.match.label
    }
}
