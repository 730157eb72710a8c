import Foundation
import Testing
@testable import FayuanStore

/// Four `fayuan _stress-writer` processes on one store file for `FAYUAN_STRESS_SECONDS`
/// (default 30): no errors, tickets unique and gapless per station and day, every reported row
/// present and nothing unreported.
@Suite struct MultiProcessTests {
    @Test func fourWritersOneFile() throws {
        guard let binary = FayuanBinary.locate() else {
            Issue.record("找不到 fayuan 可执行文件：先运行 swift build（或设置 FAYUAN_BIN）")
            return
        }
        let seconds = ProcessInfo.processInfo.environment["FAYUAN_STRESS_SECONDS"].flatMap(Double.init) ?? 30
        let dir = TempDir()
        let path = dir.file("并发.db")
        let setup = try openStore(path)
        for (code, name) in [("140525000", "泽州县公共法律服务中心"), ("140525102", "巴公镇公共法律服务工作站")] {
            try setup.addStation(Station(code: code, name: name, kind: .township), by: nil)
        }
        try setup.close()

        let workers = try (0..<4).map { k in
            try FayuanBinary.run(binary, ["_stress-writer", "--db", path, "--seconds", String(seconds), "--worker", String(k)],
                                 in: dir.path, tag: "worker\(k)")
        }
        let runs = workers.enumerated().map { FayuanBinary.finish($1, in: dir.path, tag: "worker\($0)") }

        var reportedTickets: [Int64: (station: Int64, day: String, seq: Int)] = [:]
        var reportedConsultations = Set<Int64>()
        for (k, run) in runs.enumerated() {
            #expect(run.status == 0, "写入进程\(k)退出码 \(run.status)：\(run.stderr)")
            #expect(run.stderr.isEmpty, "写入进程\(k)有错误输出：\(run.stderr)")
            var done = false
            var tickets = 0, consultations = 0
            for line in run.stdout.split(separator: "\n") {
                let f = line.split(separator: " ")
                switch f.first {
                case "T":
                    let id = Int64(f[4])!
                    #expect(reportedTickets[id] == nil, "票号记录 \(id) 被报告两次")
                    reportedTickets[id] = (Int64(f[1])!, String(f[2]), Int(f[3])!)
                    tickets += 1
                case "C":
                    #expect(reportedConsultations.insert(Int64(f[1])!).inserted)
                    consultations += 1
                case "D":
                    break
                case "DONE":
                    done = true
                    #expect(Int(f[1]) == tickets && Int(f[2]) == consultations, "进程\(k)报告数与明细不符")
                default:
                    Issue.record("无法识别的输出：\(line)")
                }
            }
            #expect(done, "写入进程\(k)没有正常结束")
            #expect(tickets > 0, "写入进程\(k)一次也没写成功")
        }

        let store = try openStore(path)
        let rows = try store.read { db in try SQLRow.fetchAll(db, sql: "SELECT id, station_id, day, seq FROM queue_ticket") }
        #expect(rows.count == reportedTickets.count, "库中票号 \(rows.count) 条，进程报告 \(reportedTickets.count) 条")
        var seqsByStationDay: [String: [Int]] = [:]
        for row in rows {
            let id: Int64 = row["id"], station: Int64 = row["station_id"], day: String = row["day"], seq: Int = row["seq"]
            if let reported = reportedTickets[id] {
                #expect(reported.station == station && reported.day == day && reported.seq == seq, "票号 \(id) 与报告不符")
            } else {
                Issue.record("库中有未报告的票号记录 \(id)")
            }
            seqsByStationDay["\(station)/\(day)", default: []].append(seq)
        }
        #expect(seqsByStationDay.count == 2)
        for (key, seqs) in seqsByStationDay {
            #expect(seqs.sorted() == Array(1...seqs.count), "站点/日期 \(key) 的号码有重复或跳号")
        }
        let consultationIDs = try store.read { db in Set(try Int64.fetchAll(db, sql: "SELECT id FROM consultation")) }
        #expect(consultationIDs == reportedConsultations, "咨询记录与进程报告不一致")
        #expect(try store.check().ok)
    }
}
