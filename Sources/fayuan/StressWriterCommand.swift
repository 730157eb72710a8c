import ArgumentParser
import FayuanStore
import Foundation

/// Hidden: `fayuan _stress-writer` issues tickets and records consultations in a loop for the
/// multi-process store test, printing one line per committed write:
/// `T <station> <day> <seq> <ticket id>` / `C <consultation id>`, then `DONE <tickets> <consultations>`.
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

    func run() throws {
        let caseStore = try store.open()
        let stations = try StoreCommand.run { try caseStore.stations() }.compactMap(\.id)
        guard !stations.isEmpty else {
            printError("案件库中没有站点")
            throw ExitCode(2)
        }
        let deadline = Date().addingTimeInterval(seconds)
        var tickets = 0, consultations = 0, i = worker
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
            }
            if out.utf8.count > 1 << 16 { FileHandle.standardOutput.write(Data(out.utf8)); out = "" }
            i += 1
        }
        out += "DONE \(tickets) \(consultations)\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
