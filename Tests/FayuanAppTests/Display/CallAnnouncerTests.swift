import FayuanCore
import FayuanStore
import Foundation
import Testing
@testable import FayuanApp

/// Voice call-out: what is said, and that announcements queue instead of talking over each other.
@Suite struct CallAnnouncerTests {
    /// A stand-in for espeak-ng, named espeak-ng in its own directory (used as the search PATH):
    /// it records when it starts and ends and what it was asked to say, and takes `seconds` to "speak".
    static func standIn(seconds: Double) throws -> (dir: String, log: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("语音替身-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let log = dir + "/播报.log"
        let script = """
            #!/bin/sh
            echo "start $(date +%s.%N)|$1|$2|$3" >> '\(log)'
            sleep \(seconds)
            echo "end $(date +%s.%N)" >> '\(log)'

            """
        try script.write(toFile: dir + "/espeak-ng", atomically: true, encoding: .utf8)
        chmod(dir + "/espeak-ng", 0o755)
        return (dir, log)
    }

    @Test func numbersAreReadDigitByDigitAndMaskedValuesNeverRead() {
        #expect(CallAnnouncer.spokenText("请 A050 号到 2 号窗口") == "请 A 零五零 号，到 二 号窗口")
        #expect(CallAnnouncer.spokenText("请 B012 号到 10 号窗口") == "请 B 零一二 号，到 一零 号窗口")
        #expect(CallAnnouncer.spokenText("证件号码 1405**********1234。姓名 王小明") == "证件号码 （已隐去） 。姓名 王小明")
        #expect(!CallAnnouncer.spokenText("证件号 140525＊＊＊＊1234").contains("1"))
        #expect(CallAnnouncer.voiceName("zh") == "cmn" && CallAnnouncer.voiceName("") == "cmn")
        #expect(CallAnnouncer.voiceName("cmn-latn-pinyin") == "cmn-latn-pinyin")
    }

    @Test func severalCallsWithinOnePollAreEachAnnouncedOnce() {
        var tracker = CallTracker()
        func call(_ code: String, _ at: String, window: String = "1") -> HallBoard.Call {
            HallBoard.Call(code: code, window: window, calledAt: "2026-12-03T01:00:\(at).000Z", recallCount: 0, isPriority: false)
        }
        #expect(tracker.newCalls(in: HallBoard(calls: [call("A001", "00")], waiting: 3)).isEmpty, "on the board at start")
        let board = HallBoard(calls: [call("A003", "02", window: "2"), call("A002", "01"), call("A001", "00")], waiting: 1)
        #expect(tracker.newCalls(in: board).map(\.code) == ["A002", "A003"], "both, oldest first")
        #expect(tracker.newCalls(in: board).isEmpty, "never twice")
        // A recall is a new call time: announced again.
        let recalled = HallBoard(calls: [call("A002", "09")] + board.calls, waiting: 1)
        #expect(tracker.newCalls(in: recalled).map(\.code) == ["A002"])
    }

    /// The acceptance check: six calls made 0.5 s apart at three windows, the display polling the
    /// store every 250 ms, a stand-in espeak-ng that takes 0.8 s per announcement (longer than
    /// the gap between calls, so overlapping speech would show) → six announcements, in call
    /// order, none starting before the previous ended, each digit by digit with the Mandarin voice.
    @Test func sixCallsHalfASecondApartAreSixAnnouncementsInOrderWithoutOverlap() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let station = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre), by: nil)
        let day = QueueFormat.day(fixture.clock.read(), timeZone: fixture.environment.timeZone)
        for _ in 0..<6 { _ = try store.issueTicket(station: station, service: QueueService.named("consultation")!, priorityReason: nil, on: day) }
        let (dir, log) = try Self.standIn(seconds: 0.8)
        let announcer = CallAnnouncer(searchPath: dir)
        var tracker = CallTracker()
        _ = HallDisplayRunner.announceNewCalls(try store.hallBoard(station: station, on: day), tracker: &tracker,
                                               announcer: announcer, voice: .display, voiceName: "zh")
        var called: [String] = []
        let start = Date()
        var nextCall = start
        while called.count < 6 || Date().timeIntervalSince(nextCall) < 0.3 {
            if called.count < 6, Date() >= nextCall {
                fixture.clock.advance(seconds: 1)
                let window = String(called.count % 3 + 1)
                let call = try #require(try store.callNextTicket(station: station, window: window, on: day))
                called.append("\(call.ticket.code)@\(window)")
                nextCall = nextCall.addingTimeInterval(0.5)
            }
            let notice = HallDisplayRunner.announceNewCalls(try store.hallBoard(station: station, on: day), tracker: &tracker,
                                                            announcer: announcer, voice: .display, voiceName: "zh")
            #expect(notice == nil)
            usleep(250_000)   // the display's poll interval
        }
        #expect(announcer.waitUntilIdle(timeout: 20))
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 12, "\(lines)")
        var starts: [Double] = [], ends: [Double] = [], said: [String] = []
        for line in lines {
            if line.hasPrefix("start ") {
                let parts = line.dropFirst(6).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                starts.append(Double(parts[0]) ?? 0)
                #expect(parts[1] == "-v" && parts[2] == "cmn", "Mandarin voice: \(line)")
                said.append(parts[3])
            } else {
                ends.append(Double(line.dropFirst(4)) ?? 0)
            }
        }
        let digits: [Character: String] = ["0": "零", "1": "一", "2": "二", "3": "三", "4": "四", "5": "五", "6": "六"]
        let expected = called.map { entry -> String in
            let code = entry.split(separator: "@")[0], window = entry.split(separator: "@")[1]
            return "请 \(code.first!) " + code.dropFirst().map { digits[$0]! }.joined() + " 号，到 " + digits[window.first!]! + " 号窗口"
        }
        #expect(said == expected)
        #expect(called.map { String($0.prefix(4)) } == ["A001", "A002", "A003", "A004", "A005", "A006"])
        for i in 1..<min(starts.count, ends.count) {
            #expect(starts[i] >= ends[i - 1], "announcement \(i + 1) started before \(i) ended")
        }
        if let first = starts.first, let last = ends.last {
            let gaps = (1..<starts.count).map { String(format: "%.2f", starts[$0] - ends[$0 - 1]) }
            print("six calls 0.5 s apart: announcements from +\(String(format: "%.2f", first - start.timeIntervalSince1970)) s to +\(String(format: "%.2f", last - start.timeIntervalSince1970)) s; gaps between announcements (s): \(gaps.joined(separator: ", "))")
        }
    }
}
