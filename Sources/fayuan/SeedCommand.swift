import ArgumentParser
import FayuanStore
import Foundation

/// `fayuan seed --persons N --cases N [--consultations N] [--seed S]` (cli.md).
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "向空的案件库写入确定性的示例数据（泽州县17个站点、律师、申请人、咨询、各阶段案件、排队号、值班）")

    @OptionGroup var store: StoreOptions
    @OptionGroup var identity: IdentityOptions

    @Option(name: .long, help: "申请人数量")
    var persons: Int

    @Option(name: .long, help: "案件数量")
    var cases: Int

    @Option(name: .long, help: "咨询记录数量（默认为申请人数的一半）")
    var consultations: Int?

    @Option(name: .long, help: "随机种子（相同种子生成相同数据，默认 1）")
    var seed: UInt64 = 1

    func validate() throws {
        guard persons >= 1 else { throw ValidationError("--persons：至少为 1") }
        guard cases >= 0 else { throw ValidationError("--cases：不能为负数") }
        if let consultations, consultations < 0 { throw ValidationError("--consultations：不能为负数") }
    }

    func run() throws {
        let caseStore = try store.open()
        // A demo and benchmark tool: free on a store with no applicants yet; otherwise (where it
        // refuses anyway) only an administrator may even try.
        let applicants = try StoreCommand.run { try caseStore.applicantCount() }
        if applicants > 0 || identity.isGiven {
            try IdentityOptions.require(try identity.authenticate(caseStore), .manageSettings)
        }
        let labels = ["stations": "站点、人员、律师", "persons": "申请人与检索索引", "cases": "案件与办理记录",
                      "consultations": "咨询记录", "tickets_shifts": "排队号与值班", "indexes": "重建索引", "audit": "审计记录"]
        let start = Date()
        let report = try StoreCommand.run {
            try caseStore.seed(SeedOptions(persons: persons, cases: cases, consultations: consultations, seed: seed)) { phase in
                printError("正在生成：\(labels[phase] ?? phase)（已用 \(String(format: "%.1f", Date().timeIntervalSince(start))) 秒）")
            }
        }
        try StoreCommand.printJSON(report)
    }
}
