import FayuanStore
import Foundation
import Testing
@testable import FayuanApp

/// 管理 → 系统设置 is obeyed: documents go to the print folder set there, to the printer set
/// there (through `lp -d`), and calls are spoken with the espeak-ng voice set there.
@Suite struct PrintSettingsTests {
    /// A stand-in for `lp` or `espeak-ng` that writes its arguments, one per line, to `log`.
    static func recorder(_ dir: String, name: String, log: String) throws -> String {
        let path = dir + "/" + name
        try "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '\(log)'\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test func documentsGoToTheFolderAndPrinterFromTheSettings() throws {
        let fixture = try AppFixture()
        let store = fixture.environment.store
        let admin = try store.createOperator(name: "张敏", role: .admin, pin: "246810", by: .firstRun, kdfRounds: 1000)
        let folder = fixture.directory + "/窗口打印"
        let doc = PrintedDocument(fileName: "〔2026〕民援字第0001号-受理回执.txt", text: "受理回执\n申请人：张三丰\n")

        // Not set: beside the store, nothing sent to a printer.
        let log = fixture.directory + "/lp.log"
        let lp = try Self.recorder(fixture.directory, name: "lp", log: log)
        let before = try PrintFolder.write([doc], store: store, year: 2026, lp: lp)
        #expect(before == [PrintFolder.directory(storePath: store.path, year: 2026) + "/〔2026〕民援字第0001号-受理回执.txt"])
        #expect(!FileManager.default.fileExists(atPath: log))

        var settings = try store.consoleSettings()
        settings.printFolder = folder
        settings.printer = "办公室打印机"
        try store.setConsoleSettings(settings, by: .operatorRecord(admin))
        let paths = try PrintFolder.write([doc], store: store, year: 2026, lp: lp)
        #expect(paths == [folder + "/2026/〔2026〕民援字第0001号-受理回执.txt"])
        #expect(try String(contentsOfFile: paths[0], encoding: .utf8).contains("张三丰"))
        let mode = try FileManager.default.attributesOfItem(atPath: paths[0])[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "-d\n办公室打印机\n\(paths[0])\n")
        // A printer that cannot be reached (no lp): the file is still written, nothing thrown.
        #expect(PrintFolder.send(paths[0], to: "办公室打印机", lp: fixture.directory + "/没有这个程序") == false)
    }

    @Test func callsAreSpokenWithTheChosenVoice() throws {
        let fixture = try AppFixture()
        let log = fixture.directory + "/espeak.log"
        let program = try Self.recorder(fixture.directory, name: "espeak-ng", log: log)
        #expect(CallAnnouncer(program: program).speak("请 A001 号到 2 号窗口", voice: "cmn"))
        let deadline = Date().addingTimeInterval(10)
        var said = ""
        while Date() < deadline {
            said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if said.hasSuffix("窗口\n") { break }
            usleep(20_000)
        }
        #expect(said == "-v\ncmn\n请 A 零零一 号，到 二 号窗口\n")
    }
}
