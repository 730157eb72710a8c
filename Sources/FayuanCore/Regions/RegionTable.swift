/// Region names by GB/T 2260 administrative division code, as data: every province-level
/// division (34) and the prefectures and counties the rule library has local rules for
/// (Jiangsu 常州/连云港·赣榆, Shanxi 晋城·泽州, Anhui 淮南) with their neighbours.
///
/// Used to show a code's Chinese name back when a centre enters its region; a code that is not
/// here is not necessarily wrong (the table is not the whole standard), so callers warn and ask
/// for confirmation instead of refusing.
public enum RegionTable {
    /// The text shown for a code the table does not know.
    public static let unknownName = "未知地区"

    public static let provinces: [String: String] = [
        "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
        "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
        "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省", "37": "山东省",
        "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区", "46": "海南省",
        "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
        "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
        "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
    ]

    /// Prefecture (xx xx 00) and county (xx xx xx) codes.
    public static let places: [String: String] = [
        // 江苏省
        "320400": "常州市", "320402": "天宁区", "320404": "钟楼区", "320411": "新北区", "320412": "武进区",
        "320413": "金坛区", "320481": "溧阳市",
        "320700": "连云港市", "320703": "连云区", "320706": "海州区", "320707": "赣榆区", "320722": "东海县",
        "320723": "灌云县", "320724": "灌南县",
        // 山西省
        "140500": "晋城市", "140502": "城区", "140521": "沁水县", "140522": "阳城县", "140524": "陵川县",
        "140525": "泽州县", "140581": "高平市",
        // 安徽省
        "340400": "淮南市", "340402": "大通区", "340403": "田家庵区", "340404": "谢家集区", "340405": "八公山区",
        "340406": "潘集区", "340421": "凤台县", "340422": "寿县",
    ]

    /// The six-digit region part of a code ("140525" of the station code "140525101").
    public static func regionPart(of code: String) -> String { String(code.prefix(6)) }

    /// Whether `code` has the form of a region code: 2, 4 or 6 digits, or 9 or 12 digits for a
    /// township or village (the region code plus its own digits).
    public static func isWellFormed(_ code: String) -> Bool {
        [2, 4, 6, 9, 12].contains(code.count) && code.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// "山西省 晋城市 泽州县" for "140525"; nil when the table does not know the code (or its
    /// province).
    public static func name(of code: String) -> String? {
        guard isWellFormed(code) else { return nil }
        let digits = Array(code.count >= 6 ? regionPart(of: code) : code + String(repeating: "0", count: 6 - code.count))
        let p = String(digits[0..<2])
        guard let province = provinces[p] else { return nil }
        if digits[2...5].allSatisfy({ $0 == "0" }) { return province }
        var parts = [province]
        let prefecture = String(digits[0..<4]) + "00"
        let isPrefecture = digits[4...5].allSatisfy { $0 == "0" }
        if let city = places[prefecture] { parts.append(city) } else if isPrefecture { return nil }
        if !isPrefecture {
            guard let county = places[String(digits)] else { return nil }
            parts.append(county)
        }
        return parts.joined(separator: " ")
    }

    /// The name, or 未知地区.
    public static func displayName(of code: String) -> String { name(of: code) ?? unknownName }
}

/// 司法局: the justice bureau (司法行政部门) that sets up a centre, named from the centre's region:
/// "晋城市泽州县司法局" for 140525, "常州市司法局" for 320400. An objection to a refusal goes to it
/// (法律援助法 Art 49); the name is stored as the setting `centre.justice_bureau` when the centre is
/// set up and printed on the 不予法律援助决定书.
public enum JusticeBureau {
    public static func defaultName(regionCode: String) -> String? {
        guard let full = RegionTable.name(of: regionCode) else { return nil }
        let parts = full.split(separator: " ").map(String.init)
        // The province is left out when there is a city below it (as bureaus are named locally).
        let local = parts.count > 1 ? parts.dropFirst().joined() : parts.joined()
        return local + "司法局"
    }
}

