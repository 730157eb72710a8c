import ArgumentParser
import FayuanStore
import Foundation

/// Hidden: `fayuan _stress-writer` issues tickets and records consultations in a loop for the
/// multi-process store test, printing one line per committed write:
/// `T <station> <day> <seq> <ticket id>` / `C <consultation id>` / `D <n>` (a draft saved with payload n),
/// then `DONE <tickets> <consultations>`. With `--flush` every line is written as soon as its
/// transaction commits, so a test that kills the process knows exactly what was committed.
struct StressWriterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_stress-writer", abstract: "多进程并发写入测试（内部使用）", shouldDisplay: false)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "持续秒数")
    var seconds: Double = 5

    @Option(name: .long, help: "进程编号")
    var worker: Int = 0

    @Option(name: .long, help: "营业日期")
    var day: String = "2026-06-08"

    @Flag(name: .long, help: "每次提交后立即输出（供强制终止测试使用）")
    var flush = false

    @Option(name: .long, help: "循环计数的起点（默认为进程编号；重启的进程可从更大的数继续）")
    var first: Int?

    func run() throws {
        let caseStore = try store.open()
        let stations = try StoreCommand.run { try caseStore.stations() }.compactMap(\.id)
        guard !stations.isEmpty else {
            printError("案件库中没有站点")
            throw ExitCode(2)
        }
        let deadline = Date().addingTimeInterval(seconds)
        var tickets = 0, consultations = 0, i = first ?? worker
        var out = ""
        while Date() < deadline {
            let station = stations[i % stations.count]
            try StoreCommand.run {
                let t = try caseStore.issueTicket(station: station, service: .consultation, on: day)
                out += "T \(t.stationID) \(t.day) \(t.seq) \(t.id)\n"
                tickets += 1
                let c = try caseStore.recordConsultation(Consultation(
                    stationID: station, visitorName: "压力测试\(worker)号", channel: .window,
                    topic: "劳动争议", question: "第\(i)次咨询", day: day))
                out += "C \(c.id ?? 0)\n"
                consultations += 1
                // The form a clerk is typing, autosaved on every keystroke.
                try caseStore.saveDraft(operator: Int64(worker + 1), form: "压力测试", key: "草稿", payload: String(i))
                out += "D \(i)\n"
            }
            if flush || out.utf8.count > 1 << 16 { Stdout.write(Data(out.utf8)); out = "" }
            i += 1
        }
        out += "DONE \(tickets) \(consultations)\n"
        Stdout.write(Data(out.utf8))
    }
}
