/// 家庭人均月收入: the household's monthly income divided by its size, in fen (分) so money is
/// exact; the screening compares yuan.
public struct HouseholdIncome: Hashable, Sendable {
    public let householdSize: Int
    /// Total monthly income of the household, in fen.
    public let monthlyTotalFen: Int

    public init?(householdSize: Int, monthlyTotalFen: Int) {
        guard householdSize >= 1, monthlyTotalFen >= 0 else { return nil }
        self.householdSize = householdSize
        self.monthlyTotalFen = monthlyTotalFen
    }

    /// Rounded half up to the fen: 1000.00 / 3 = 333.33, 200.00 / 3 = 66.67.
    public var perCapitaFen: Int { (monthlyTotalFen * 2 + householdSize) / (householdSize * 2) }

    public var perCapitaYuan: Double { Double(perCapitaFen) / 100 }

    /// "1,234.50 元" style without grouping: "1234.50元".
    public static func yuanText(fen: Int) -> String {
        let yuan = fen / 100, cents = fen % 100
        return "\(yuan).\(cents < 10 ? "0" : "")\(cents)元"
    }
}
