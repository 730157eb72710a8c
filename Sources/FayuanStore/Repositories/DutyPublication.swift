import FayuanCore
import Foundation

/// 公示: the month's roster as a printable text file and a CSV (UTF-8 with BOM so spreadsheet
/// programs read the Chinese), written under the store's folder in 值班公示/.
extension CaseStore {
    public var publicationDirectory: String {
        (URL(fileURLWithPath: path).deletingLastPathComponent().path) + "/值班公示"
    }

    /// Writes the files and records the publication (audited). Returns the paths.
    @discardableResult
    public func publishRoster(month: String, title: String = "值班表", by op: Operator) throws -> RosterPublication {
        try AccessPolicy.require(op.role, .editRoster)
        let shifts = try dutyShifts(month: month).filter { $0.shift.status != "cancelled" }
        guard !shifts.isEmpty else { throw StoreError.invalidInput(field: "month", message: "\(month) 还没有排班，不能公示") }
        let (text, csv) = Self.publicationFiles(month: month, title: title, shifts: shifts)
        let directory = publicationDirectory
        let textPath = directory + "/值班表-\(month).txt"
        let csvPath = directory + "/值班表-\(month).csv"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try text.write(toFile: textPath, atomically: true, encoding: .utf8)
            try (CSV.bom + csv).write(toFile: csvPath, atomically: true, encoding: .utf8)
        } catch {
            throw StoreError.unavailable(path: directory, detail: "无法写入公示文件：\(error.localizedDescription)")
        }
        try recordPublication(month: month, duties: shifts.count, textPath: textPath, csvPath: csvPath, by: op)
        return RosterPublication(month: month, duties: shifts.count, textPath: textPath, csvPath: csvPath, publishedAt: timestamp())
    }

    /// The text (grouped by station, one line per duty) and CSV of a month's roster.
    public static func publicationFiles(month: String, title: String, shifts: [DutyShiftView]) -> (String, String) {
        var text = "\(month.replacingOccurrences(of: "-", with: "年"))月 公共法律服务值班\(title)（公示）\n"
        text += String(repeating: "=", count: 40) + "\n"
        var order: [String] = []
        var byStation: [String: [DutyShiftView]] = [:]
        for s in shifts {
            if byStation[s.stationName] == nil { order.append(s.stationName) }
            byStation[s.stationName, default: []].append(s)
        }
        for station in order {
            text += "\n\(station)\n"
            for s in byStation[station]! {
                let weekday = LocalDate(iso: s.shift.day).map { $0.weekday.label } ?? ""
                let kind = RosterPolicy.kindLabels[s.providerKind] ?? s.providerKind
                text += "  \(s.shift.day) \(weekday)  \(s.shift.startsAt)–\(s.shift.endsAt)  \(s.providerName)（\(kind)）\n"
            }
        }
        text += "\n共 \(shifts.count) 班。群众可到上述站点免费咨询法律问题；值班安排如有变动另行公示。\n"
        var csv = CSV.line(["日期", "星期", "站点", "站点代码", "开始", "结束", "值班人员", "人员类别"])
        for s in shifts {
            csv += CSV.line([s.shift.day, LocalDate(iso: s.shift.day)?.weekday.label ?? "", s.stationName, s.stationCode,
                             s.shift.startsAt, s.shift.endsAt, s.providerName,
                             RosterPolicy.kindLabels[s.providerKind] ?? s.providerKind])
        }
        return (text, csv)
    }
}
