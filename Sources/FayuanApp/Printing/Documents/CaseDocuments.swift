import FayuanCore
import FayuanDocuments
import FayuanRules
import FayuanStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A case's documents from the register: the model of each (as issued when it was first
/// rendered, else built from the case as stored), its PDF and text in the case's own folder
/// (0700, files 0600), and printing through CUPS when a printer is set in 系统设置.
public enum CaseDocuments {
    /// What became of one document.
    public struct Output: Sendable, Equatable {
        public var registerID: Int64
        public var title: String
        public var number: String?
        public var pdfPath: String
        public var textPath: String
        /// The printer it was sent to, nil when only written.
        public var printer: String?
        /// A printer is set but `lp` is missing or refused.
        public var printFailed: Bool
        public var message: String
    }

    /// The kinds that can be made for any case from the store alone (`fayuan document KIND`).
    public static let caseKinds: [DocumentKind] = [
        .applicationForm, .hardshipStatement, .receipt, .supplementNotice, .grantDecision, .refusalDecision,
        .assignmentNotice, .officialLetter, .terminationDecision, .serviceReceipt, .closingReview,
    ]

    /// The case's folder: `<print folder>/<year>/<case number>/`.
    public static func folder(store: CaseStore, detail: CaseDetail) -> String {
        let year = Int((detail.board.acceptedOn ?? detail.board.appliedOn).prefix(4)) ?? 2026
        let base = PrintFolder.directory(storePath: store.path, year: year, folder: PrintFolder.settings(store).folder)
        return base + "/" + PipelineDocuments.fileSafe(detail.board.caseNumber ?? "申请\(detail.board.id)")
    }

    /// The document as issued (its stored model) or, for one never rendered, built now.
    public static func model(for entry: RegisteredDocument, detail: CaseDetail, env: AppEnvironment) throws -> Document {
        if let body = entry.body, let doc = try? JSONDecoder().decode(Document.self, from: Data(body.utf8)) { return doc }
        return try build(entry.kind, number: entry.number, day: entry.issuedOn, detail: detail, env: env)
    }

    /// Builds a document of a case from the store (applicant masked; large print when the
    /// applicant recorded a sight need).
    public static func build(_ kind: DocumentKind, number: String?, day: String, detail: CaseDetail,
                             env: AppEnvironment) throws -> Document {
        let b = detail.board
        let causeLabel = CaseFormat.causeLabel(b.cause, rules: env.rules)
        let applicant = try env.store.applicant(id: b.applicantID)
        let provider = try b.providerID.flatMap { id in try env.store.pipelineProviders().first { $0.id == id } }
        func decision(_ kinds: Set<String>) -> DecisionRecord? { detail.decisions.last { kinds.contains($0.kind) } }
        func labels(_ d: DecisionRecord?, _ list: [DecisionReason]) -> [String] {
            (d?.reasons ?? []).map { DecisionReason.label($0, in: list) }
        }
        var doc: Document
        switch kind {
        case .applicationForm: doc = IntakeDocuments.applicationFormDocument(printData(detail, applicant, causeLabel, env), number: number)
        case .hardshipStatement: doc = IntakeDocuments.hardshipStatementDocument(printData(detail, applicant, causeLabel, env), number: number)
        case .receipt: doc = IntakeDocuments.receiptDocument(printData(detail, applicant, causeLabel, env), number: number)
        case .supplementNotice: doc = IntakeDocuments.supplementNoticeDocument(printData(detail, applicant, causeLabel, env), number: number)
        case .grantDecision:
            let d = decision(["grant"])
            doc = PipelineDocuments.grantDecisionDocument(detail: detail, causeLabel: causeLabel, reasons: labels(d, DecisionReason.grant),
                                                          text: d?.text ?? "", day: d?.day ?? day, number: number)
        case .refusalDecision:
            let d = decision(["refuse"])
            doc = PipelineDocuments.refusalDecisionDocument(detail: detail, causeLabel: causeLabel, reasons: labels(d, DecisionReason.refusal),
                                                            text: d?.text ?? "", day: d?.day ?? day, number: number,
                                                            objectionTerm: .from(env.rules, region: detail.regionCode, on: d?.day ?? day))
        case .assignmentNotice:
            let turn = detail.wheel.last
            doc = PipelineDocuments.assignmentNoticeDocument(detail: detail, causeLabel: causeLabel, provider: provider,
                                                             day: b.assignedOn ?? day, explanation: turn?.explanation ?? "",
                                                             overrideReason: turn?.overrideReason, number: number)
        case .officialLetter:
            doc = PipelineDocuments.officialLetterDocument(detail: detail, causeLabel: causeLabel, provider: provider,
                                                           day: b.assignedOn ?? day, number: number)
        case .terminationDecision:
            let d = decision(["terminate"])
            doc = PipelineDocuments.terminationDecisionDocument(detail: detail, causeLabel: causeLabel,
                                                                grounds: labels(d, DecisionReason.termination), text: d?.text ?? "",
                                                                day: d?.day ?? day, number: number,
                                                                objectionTerm: .from(env.rules, region: detail.regionCode, on: d?.day ?? day))
        case .serviceReceipt:
            let served = try env.store.issuedDocuments(b.id).filter { $0.kind != .serviceReceipt }
            doc = PipelineDocuments.serviceReceiptDocument(detail: detail, served: served, day: day)
        case .closingReview:
            doc = PipelineDocuments.closingReviewDocument(detail: detail, causeLabel: causeLabel, day: day)
        case .rosterNotice, .subsidyPayroll, .report, .queueTicket, .windowRefusal, .handOverLedger:
            throw StoreError.invalidInput(field: "KIND", message: "\(kind.title)不是案件文书")
        }
        if applicant?.needs.contains(.sight) == true { doc = doc.largePrinted() }
        return doc
    }

    /// The application's particulars as the store keeps them (masked).
    static func printData(_ detail: CaseDetail, _ applicant: Applicant?, _ causeLabel: String, _ env: AppEnvironment) -> PrintData {
        let b = detail.board
        var d = PrintData(
            centreName: detail.centreName, stationName: b.stationName, applicantName: b.applicantName, idMasked: b.idMasked,
            gender: IntakeLabels.gender(applicant?.gender), birthDate: applicant?.birthDate ?? "", phone: b.phoneMasked,
            address: applicant?.address ?? "", needs: (applicant?.needs ?? []).map(\.label).joined(separator: "、"),
            kind: CaseFormat.kindLabel(b.kind), cause: causeLabel, opposing: detail.opposingParty, summary: detail.summary,
            groups: b.applicantGroups.map { env.rules.groupLabel(GroupCode(rawValue: $0)) }.joined(separator: "、"),
            evidence: detail.hardshipEvidence == "commitment" ? "个人诚信承诺（告知承诺）" : detail.hardshipEvidence == "certificate" ? "经济困难证明" : "",
            decision: detail.screening?.decision ?? "", explanation: detail.screening.map { [$0.summary] } ?? [],
            reviewDue: b.reviewDue ?? "",
            received: detail.documents.filter { $0.status == .received || $0.status == .committed }.map(\.label),
            missing: detail.documents.filter { $0.status == .missing }.map(\.label),
            dueDate: detail.documents.compactMap(\.dueOn).min() ?? "", appliedOn: b.appliedOn)
        // The clerk who took the application (the first timeline entry with an operator).
        d.operatorName = detail.timeline.first { $0.operatorName != nil }?.operatorName ?? ""
        d.caseNumber = b.caseNumber ?? ""
        d.acceptedOn = b.acceptedOn ?? ""
        return d
    }

    /// Writes a registered document's PDF and text into the case's folder and, when `print`
    /// and a printer is set, sends the PDF to it with `lp -d`. The register keeps the model
    /// (first time) and the count; the audit log says who printed what.
    public static func output(_ entry: RegisteredDocument, document: Document? = nil, detail: CaseDetail, env: AppEnvironment,
                              print: Bool, role: OperatorRole, by operatorID: Int64?, lp: String = "lp") throws -> Output {
        let doc = try document ?? model(for: entry, detail: detail, env: env)
        let dir = folder(store: env.store, detail: detail)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(dir, 0o700)
        let stem = dir + "/" + PipelineDocuments.fileSafe("\(entry.issuedOn)-\(entry.title)" + (entry.number.map { "-" + $0 } ?? ""))
        let pdfPath = stem + ".pdf", textPath = stem + ".txt"
        try SafeFile.write(try doc.pdf(), to: pdfPath, force: true)
        try SafeFile.write(doc.text, to: textPath, force: true)
        let printer = print ? PrintFolder.settings(env.store).printer : nil
        let sent = printer.map { PrintFolder.send(pdfPath, to: $0, lp: lp) } ?? false
        let body = String(decoding: try JSONEncoder().encode(doc), as: UTF8.self)
        try env.store.recordDocumentOutput(entry.id, body: body, path: pdfPath, printRequested: print, printedTo: sent ? printer : nil,
                                           role: role, by: operatorID)
        let name = entry.title + (entry.number.map { "（\($0)）" } ?? "")
        let message: String
        switch (print, printer, sent) {
        case (false, _, _): message = "\(name)：PDF 已写入 \(pdfPath)"
        case (true, nil, _): message = "未设置打印机（系统设置）：\(name) 的 PDF 已写入 \(pdfPath)"
        case (true, let p?, true): message = "\(name) 已送打印机 \(p)；PDF 在 \(pdfPath)"
        case (true, let p?, false): message = "打印机 \(p) 不可用（lp 失败）：\(name) 的 PDF 已写入 \(pdfPath)"
        }
        return Output(registerID: entry.id, title: entry.title, number: entry.number, pdfPath: pdfPath, textPath: textPath,
                      printer: sent ? printer : nil, printFailed: print && printer != nil && !sent, message: message)
    }

    /// After an action: renders the case's documents not yet rendered (the ones the action just
    /// issued), using `models` where the screen has a fuller model (the intake's form), and
    /// returns the case's register for the print list.
    @discardableResult
    public static func renderIssued(_ caseID: Int64, models: [DocumentKind: Document] = [:], env: AppEnvironment,
                                    role: OperatorRole, by operatorID: Int64?) throws -> [Output] {
        let detail = try env.store.caseDetail(caseID)
        return try env.store.issuedDocuments(caseID).filter { $0.body == nil }.map { entry in
            var doc = models[entry.kind].map { m -> Document in
                var m = m
                if let n = entry.number { m.number = n }
                return m
            }
            if doc != nil, try env.store.applicant(id: detail.board.applicantID)?.needs.contains(.sight) == true {
                doc = doc?.largePrinted()
            }
            return try output(entry, document: doc, detail: detail, env: env, print: false, role: role, by: operatorID)
        }
    }
}
