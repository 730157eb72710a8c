import ArgumentParser
import FayuanApp
import FayuanCore
import FayuanDocuments
import FayuanRules
import FayuanStore
import Foundation

/// `fayuan document KIND --case ID [--out FILE.pdf] [--print]`: a case's document as PDF, the
/// same as the console prints (the register's number and, once rendered, the same text). The PDF
/// is always kept in the case's folder (owner-only); `--out` copies it, `--print` sends it to the
/// printer set in 系统设置 with `lp -d`. JSON on stdout says what was written where.
struct DocumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "document",
        abstract: "出具或补打案件文书（PDF）",
        discussion: "文书种类：\n" + CaseDocuments.caseKinds.map { "  \($0.commandName)　\($0.title)" }.joined(separator: "\n")
            + "\n决定书、指派通知书、公函由审查决定或指派时出具并编号，此处补打；本案有决定或指派记录而尚未登记文书的（旧数据），当场编号出具。其余文书没有时当场出具。")

    @OptionGroup var store: StoreOptions
    @OptionGroup var identity: IdentityOptions

    @Argument(help: "文书种类（见下方列表），例如 refusal-decision")
    var kind: String

    @Option(name: .customLong("case"), help: "案件 id")
    var caseID: Int64

    @Option(name: .long, help: "另存一份 PDF 到此路径（文件已存在时拒绝）")
    var out: String?

    @Flag(name: .long, help: "送到系统设置中的打印机（lp -d）；未设置或打印失败时只写 PDF 并说明位置")
    var print = false

    @Flag(name: .long, help: "同时在标准错误输出文书的纯文本（供读屏软件）")
    var text = false

    @Option(name: .long, help: "出具日期 YYYY-MM-DD（默认今天）")
    var day: String?

    @Option(name: .customLong("rules-dir"), help: "站点规则目录（覆盖或补充内置规则）")
    var rulesDir: String?

    struct Output: Encodable {
        var kind: String
        var title: String
        var number: String?
        var caseID: Int64
        var caseNumber: String?
        var pdf: String
        var text: String
        var out: String?
        var printed: Bool
        var printer: String?
        var largePrint: Bool
        var message: String
    }

    static let issuedByAction: Set<DocumentKind> = [.grantDecision, .refusalDecision, .terminationDecision, .assignmentNotice, .officialLetter]

    static func hasAction(for kind: DocumentKind, _ d: CaseDetail) -> Bool {
        switch kind {
        case .grantDecision: d.decisions.contains { $0.kind == "grant" } || (d.board.decidedOn != nil && d.board.step != .refused)
        case .refusalDecision: d.decisions.contains { $0.kind == "refuse" } || d.board.step == .refused
        case .terminationDecision: d.decisions.contains { $0.kind == "terminate" } || d.terminatedOn != nil
        case .assignmentNotice: d.board.providerID != nil
        case .officialLetter: d.board.providerID != nil && d.board.kind == .criminal
        default: true
        }
    }

    /// The day of the decision or assignment a document records (nil for the other kinds).
    static func actionDay(for kind: DocumentKind, _ d: CaseDetail) -> String? {
        switch kind {
        case .grantDecision: d.decisions.last { $0.kind == "grant" }?.day ?? (d.board.step == .refused ? nil : d.board.decidedOn)
        case .refusalDecision: d.decisions.last { $0.kind == "refuse" }?.day ?? d.board.decidedOn
        case .terminationDecision: d.decisions.last { $0.kind == "terminate" }?.day ?? d.terminatedOn
        case .assignmentNotice, .officialLetter: d.board.assignedOn
        default: nil
        }
    }

    func run() throws {
        guard let kind = DocumentKind(commandName: kind), CaseDocuments.caseKinds.contains(kind) else {
            throw CLIOutput.failure("KIND: 未知的文书种类“\(self.kind)”；可用：" + CaseDocuments.caseKinds.map(\.commandName).joined(separator: "、"))
        }
        if let day, CLIDate.day(day) == nil { throw CLIOutput.failure("--day: 日期应为有效的 YYYY-MM-DD：“\(day)”") }
        let date = day ?? DemoCommand.today()
        let (store, op) = try identity.open(self.store)
        let rules: RuleLibrary
        do {
            rules = try RuleLibrary.load(siteDirectories: SiteRules.directories(flag: rulesDir, environment: ProcessInfo.processInfo.environment))
        } catch {
            throw CLIOutput.failure("规则文件有误：\(error)")
        }
        let env = AppEnvironment(store: store, rules: rules)
        let result: (CaseDocuments.Output, Document, CaseDetail) = try StoreCommand.run {
            let detail = try store.caseDetail(caseID)
            var entry = try store.issuedDocuments(caseID).last { $0.kind == kind }
            if entry == nil {
                // A decision or assignment recorded before the register existed (v18) gets its
                // document now; without the decision or assignment on record there is none to make.
                if Self.issuedByAction.contains(kind), !Self.hasAction(for: kind, detail) {
                    throw StoreError.invalidInput(field: "KIND", message: "本案没有\(kind.title)所依据的决定或指派记录")
                }
                // Dated (and numbered in the year of) the decision or assignment it records, not
                // today: a 2021 decision's 决定书 is 〔2021〕…, dated the day it was decided.
                let issueDay = day ?? Self.actionDay(for: kind, detail) ?? date
                entry = try store.issueDocuments(caseID, kinds: [kind], on: issueDay, role: op.role, by: op.id).first
            }
            let doc = try CaseDocuments.model(for: entry!, detail: detail, env: env)
            let output = try CaseDocuments.output(entry!, document: doc, detail: detail, env: env, print: print, role: op.role, by: op.id)
            if let out { try SafeFile.write(try doc.pdf(), to: out) }
            return (output, doc, detail)
        }
        let (output, doc, detail) = result
        if text { printError(doc.text) }
        printError(output.message + (out.map { "；另存为 \($0)" } ?? ""))
        try StoreCommand.printJSON(Output(kind: kind.commandName, title: doc.title, number: doc.number, caseID: caseID,
                                          caseNumber: detail.board.caseNumber, pdf: output.pdfPath, text: output.textPath, out: out,
                                          printed: output.printer != nil, printer: output.printer, largePrint: doc.largePrint,
                                          message: output.message))
    }
}
