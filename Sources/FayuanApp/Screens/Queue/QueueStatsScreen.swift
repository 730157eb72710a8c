import FayuanCore
import FayuanStore
import Foundation
import TerminalKit

/// Queue statistics for today, the last 7 days or the last 30 days (←→ to change): issued,
/// served, average and 90th-percentile wait, service time, no-shows and walk-aways, in total,
/// by service and by priority.
public struct QueueStatsScreen: Screen {
    public let session: Session
    static let ranges: [(label: String, days: Int)] = [("今日", 1), ("近7天", 7), ("近30天", 30)]
    public private(set) var range = 0
    private var result: Loaded?

    struct Loaded: Sendable {
        var station: Station
        var from: String
        var to: String
        var statistics: QueueStatistics
    }

    public init(session: Session) { self.session = session }

    public var keymapSection: String { "queue_stats" }
    public var title: String { "排队统计" }

    public mutating func update(_ msg: Msg) -> [Effect] {
        switch msg {
        case .tick where result == nil, .resumed:
            return [load()]
        case .input(.action(StandardAction.right)), .input(.action(StandardAction.nextField)):
            range = (range + 1) % Self.ranges.count
            return [load()]
        case .input(.action(StandardAction.left)), .input(.action(StandardAction.previousField)):
            range = (range + Self.ranges.count - 1) % Self.ranges.count
            return [load()]
        case .input(.action(StandardAction.confirm)):
            return [load()]
        case .result(let value as Loaded):
            result = value
        default:
            break
        }
        return []
    }

    private func load() -> Effect {
        let station = session.station, days = Self.ranges[range].days
        return .perform { env in
            guard let station = try station ?? env.store.stations().first else {
                throw StoreError.notFound(entity: "站点", id: "案件库中还没有任何站点")
            }
            let now = env.clock()
            let to = QueueFormat.day(now, timeZone: env.timeZone)
            let from = QueueFormat.day(now.addingTimeInterval(-Double(days - 1) * 86_400), timeZone: env.timeZone)
            let stats = try env.store.queueStatistics(station: station, from: from, to: to, today: to)
            return Loaded(station: station, from: from, to: to, statistics: stats)
        }
    }

    /// The table rows: total, each service, normal and priority (and each priority reason).
    static func rows(_ s: QueueStatistics) -> [[String]] {
        func row(_ name: String, _ f: QueueFigures) -> [String] {
            [name, "\(f.issued)", "\(f.served)", QueueFormat.duration(f.averageWait), QueueFormat.duration(f.p90Wait),
             QueueFormat.duration(f.averageService), "\(f.noShows)", "\(f.walkAways)", "\(f.open)"]
        }
        var rows = [row("合计", s.total)]
        for service in QueueService.all { if let f = s.byService[service.code] { rows.append(row("  " + service.label, f)) } }
        if let f = s.byPriority["normal"] { rows.append(row("  普通号", f)) }
        if let f = s.byPriority["priority"] { rows.append(row("  " + PriorityReason.mark + "优先号", f)) }
        for reason in PriorityReason.all {
            if let f = s.byPriority["priority:" + reason.code] { rows.append(row("    " + reason.label, f)) }
        }
        return rows
    }

    public func view<C: Canvas>(_ canvas: inout C, area: Rect, context: ViewContext) {
        let theme = context.theme
        let inner = area.inset(top: 0, left: 1, bottom: 0, right: 1)
        let tabs = Self.ranges.enumerated().map { $0.offset == range ? "【\($0.element.label)】" : " \($0.element.label) " }.joined()
        canvas.drawLine(tabs + "　←→ 切换", in: inner.row(0), style: theme[.header])
        guard let result else {
            canvas.drawLine("正在统计……", in: inner.row(2), style: theme[.dim])
            return
        }
        let span = result.from == result.to ? result.from : "\(result.from) 至 \(result.to)"
        canvas.drawLine("\(result.station.name)　\(span)", in: inner.row(1), style: theme[.normal])
        var table = Table(columns: [
            TableColumn("类别", width: .fill(1)), TableColumn("取号", width: .fixed(4), alignment: .right),
            TableColumn("办结", width: .fixed(4), alignment: .right), TableColumn("平均等候", width: .fixed(8), alignment: .right),
            TableColumn("90%等候", width: .fixed(8), alignment: .right), TableColumn("平均办理", width: .fixed(8), alignment: .right),
            TableColumn("未到", width: .fixed(4), alignment: .right), TableColumn("离开", width: .fixed(4), alignment: .right),
            TableColumn("未完", width: .fixed(4), alignment: .right),
        ], rows: Self.rows(result.statistics))
        table.render(in: Rect(x: inner.x, y: inner.y + 3, width: inner.width, height: inner.height - 4), on: &canvas, theme: theme, focused: false)
        canvas.drawLine("等候：取号到首次叫号；90%等候：九成的人不超过此时长；离开：未办理即离开（含当日结束时仍在等候）",
                        in: inner.row(inner.height - 1), style: theme[.dim])
    }
}
