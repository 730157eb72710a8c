/// Bars and sparklines drawn with block characters: eighths of a cell, so a bar 16 cells wide
/// shows 128 steps. Pure functions of the numbers (tested without a terminal).
public enum ReportCharts {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A horizontal bar of `fraction` (0…1, clipped) over `width` cells, padded with spaces.
    public static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let f = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let units = Int((f * Double(width * 8)).rounded())
        var s = String(repeating: "█", count: units / 8)
        if units % 8 > 0 { s.append(eighths[units % 8 - 1]) }
        return s + String(repeating: " ", count: width - (units + 7) / 8)
    }

    /// One character per value, scaled to the largest; a missing value is a space, zero is "▁".
    public static func sparkline(_ values: [Double?]) -> String {
        let top = values.compactMap { $0 }.max() ?? 0
        return String(values.map { v -> Character in
            guard let v else { return " " }
            guard top > 0 else { return "▁" }
            return levels[min(7, max(0, Int((v / top * 7).rounded())))]
        })
    }
}
