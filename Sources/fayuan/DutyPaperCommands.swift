import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanDocuments
import FayuanStore
import Foundation

/// `fayuan duty notice` and `fayuan duty payroll`: the duty programme's papers as PDF, the same
/// as the roster screen (n) and the subsidy screen (F6) print — kept under
/// `<print folder>/<year>/值班/` (owner-only), `--out` copies the PDF, `--print` sends it to the
/// printer set in 系统设置 with `lp -d`. JSON on stdout says what was written where.
extension DutyCommand {
    struct PaperOutput: Encodable {
        var month: String
        var title: String
        var station: String?
        var pdf: String
        var text: String
        var out: String?
        var printed: Bool
        var printer: String?
        var message: String
    }

    struct PaperOptions: ParsableArguments {
        @Option(name: .long, help: "月份 YYYY-MM") var month: String
        @Option(name: .long, help: "另存一份 PDF 到此路径（文件已存在时拒绝）") var out: String?
        @Flag(name: .long, help: "送到系统设置中的打印机（lp -d）；未设置或打印失败时只写 PDF 并说明位置") var print = false
        @Flag(name: .long, help: "同时在标准错误输出纯文本（供读屏软件）") var text = false
        @Option(name: .long, help: "出具日期 YYYY-MM-DD（默认今天）") var day: String?

        func check() throws {
            if let day, CLIDate.day(day) == nil { throw CLIOutput.failure("--day: 日期应为有效的 YYYY-MM-DD：“\(day)”") }
        }

        /// Writes (and prints) the paper, copies it to --out, prints the JSON.
        func finish(_ doc: Document, paper: CaseStore.DutyPaper, scope: String, station: String?, store: CaseStore, op: Operator) throws {
            let output = try StoreCommand.run {
                let o = try DutyDocuments.output(doc, paper: paper, month: month, scope: scope, store: store, print: print, by: op)
                if let out { try SafeFile.write(try doc.pdf(), to: out) }
                return o
            }
            if text { printError(doc.text) }
            printError(output.message + (out.map { "；另存为 \($0)" } ?? ""))
            try StoreCommand.printJSON(PaperOutput(month: month, title: doc.title, station: station, pdf: output.pdfPath,
                                                   text: output.textPath, out: out, printed: output.printer != nil,
                                                   printer: output.printer, message: output.message))
        }
    }

    struct Notice: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notice",
            abstract: "值班表公示（PDF）：一个站点或全部站点一个月的值班安排，供张贴；--print 送打印机")
        @OptionGroup var common: Common
        @OptionGroup var paper: PaperOptions
        @Option(name: .long, help: "站点代码或名称（省略时全部站点，每站一表）") var station: String?

        func run() throws {
            try paper.check()
            let (store, _, _, op) = try common.context(month: paper.month)
            let stations = try StoreCommand.run { try store.stations() }
            var name: String?
            if let station {
                guard let found = stations.first(where: { $0.code == station || $0.name == station }) else {
                    throw CLIOutput.failure("--station: 找不到站点“\(station)”（用站点代码或完整名称）")
                }
                name = found.name
            }
            let day = paper.day ?? DemoCommand.today()
            let doc = try StoreCommand.run {
                try store.requireDutyPaper(.rosterNotice, by: op)
                return try DutyDocuments.rosterNotice(month: paper.month, shifts: try store.dutyShifts(month: paper.month), stationName: name,
                                                      issuer: try DutyDocuments.issuer(store), day: day)
            }
            try paper.finish(doc, paper: .rosterNotice, scope: name ?? "", station: name, store: store, op: op)
        }
    }

    struct Payroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payroll",
            abstract: "值班补贴发放表（PDF）：一个月已核定的补贴，每人一行并留签名栏；--print 送打印机")
        @OptionGroup var common: Common
        @OptionGroup var paper: PaperOptions

        func run() throws {
            try paper.check()
            let (store, rules, policy, op) = try common.context(month: paper.month)
            let rates = try common.caseRates(store, rules)
            let day = paper.day ?? DemoCommand.today()
            let doc = try StoreCommand.run {
                try store.requireDutyPaper(.subsidyPayroll, by: op)
                let accounts = try store.subsidyAccounts(month: paper.month, policy: policy, rates: rates)
                return try DutyDocuments.subsidyPayroll(month: paper.month, accounts: accounts, providers: try store.pipelineProviders(),
                                                        issuer: try DutyDocuments.issuer(store), day: day)
            }
            try paper.finish(doc, paper: .subsidyPayroll, scope: "", station: nil, store: store, op: op)
        }
    }
}
