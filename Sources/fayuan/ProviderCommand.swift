import ArgumentParser
import FayuanCore
import FayuanStore
import Foundation

/// `fayuan provider list|set`: the lawyers and other aid providers, and the profile the
/// assignment wheel reads (specialties, years of relevant practice for Art 26, case limit).
struct ProviderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider", abstract: "承办人员：列出，设置专长、执业年限和承办上限",
        subcommands: [List.self, Set.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出承办人员及其档案")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        func run() throws {
            let (caseStore, _) = try identity.open(store, readOnly: true)
            try StoreCommand.printList(try StoreCommand.run { try caseStore.providerListings() }, key: "providers")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "设置承办人员档案（指派轮盘据此建议）")
        @OptionGroup var store: StoreOptions
        @OptionGroup var identity: IdentityOptions
        @Argument(help: "承办人员姓名或编号") var provider: String
        @Option(help: "相关执业年限（刑事可能判处无期徒刑、死刑的案件须 3 年以上，法律援助法第二十六条）") var years: Int?
        @Option(help: "专长案由代码，逗号分隔，例如 labor_remuneration,work_injury") var specialties: String?
        @Option(name: .customLong("max-load"), help: "同时承办案件上限") var maxLoad: Int?

        func validate() throws {
            if let years, !(0...70).contains(years) { throw ValidationError("--years：应为 0 到 70 之间的整数") }
            if let maxLoad, maxLoad < 1 { throw ValidationError("--max-load：至少为 1") }
        }

        func run() throws {
            let (caseStore, op) = try identity.open(store)
            // The wheel's profile: reviewers (who assign) and administrators.
            if !AccessPolicy.allows(op.role, .manageSiteRules) { try IdentityOptions.require(op, .assignLawyer) }
            let all = try StoreCommand.run { try caseStore.providerListings() }
            let matches = all.filter { $0.name == provider || String($0.id) == provider }
            guard matches.count == 1, let current = matches.first else {
                printError(matches.isEmpty ? "找不到承办人员 “\(provider)”" : "有 \(matches.count) 位同名承办人员，请用编号")
                throw ExitCode(2)
            }
            let profile = ProviderProfile(
                providerID: current.id,
                specialties: specialties.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? current.specialties,
                practiceYears: years ?? current.practiceYears, maxLoad: maxLoad ?? current.maxLoad)
            try StoreCommand.run { try caseStore.setProviderProfile(profile, by: op.id) }
            let updated = try StoreCommand.run { try caseStore.providerListings() }.first { $0.id == current.id }
            try StoreCommand.printJSON(updated)
            printError("已更新 \(current.name) 的档案")
        }
    }
}
