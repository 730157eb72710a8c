import Foundation
import Testing

/// Issue 26: docs/cli.md, the man page and the shell completions are generated from the command
/// definitions, and `make install` (scripts/install.sh) puts them where `man` and bash find them.
@Suite struct CLIDocsTests {
    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func docsCliMdIsWhatTheBinaryGenerates() throws {
        let generated = try runFayuan(["_docs", "markdown"])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: Self.repoRoot.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        #expect(committed == generated.stdout, "docs/cli.md 已过时：请运行 make docs 重新生成")
        #expect(generated.stdout.contains("## fayuan case decide"))
        #expect(generated.stdout.contains("审查决定：给予或不予法律援助"))
    }

    @Test func everyVisibleSubcommandHasAnExample() throws {
        let generated = try runFayuan(["_docs", "markdown"])
        let sections = generated.stdout.components(separatedBy: "\n## ").dropFirst()
        #expect(sections.count > 40)
        var missing: [String] = []
        for section in sections {
            let name = String(section.prefix(while: { $0 != "\n" }))
            if name.hasPrefix("fayuan"), !section.contains("示例：") { missing.append(name) }
        }
        #expect(missing.isEmpty, "这些子命令没有示例（在 Sources/fayuan/CommandExamples.swift 补上）：\(missing)")
        let help = try runFayuan(["duty", "sign-in", "--help"])
        #expect(help.stdout.contains("示例：\n  fayuan duty sign-in"))
    }

    @Test func installPutsManPageAndCompletionsWhereTheyAreFoundAndUninstallRemovesThem() throws {
        let dest = FileManager.default.temporaryDirectory.appendingPathComponent("法援安装-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: dest) }
        let script = Self.repoRoot.appendingPathComponent("scripts/install.sh").path
        let env = ["BIN": try TmuxSession.binaryPath(), "PREFIX": "/usr", "DESTDIR": dest.path]
        let installed = try spawn(["/bin/bash", script, "install"], environment: env, stdin: nil)
        #expect(installed.status == 0, "\(installed.stderr)")
        let prefix = dest.appendingPathComponent("usr")
        for file in ["bin/fayuan", "share/man/man1/fayuan.1", "share/bash-completion/completions/fayuan",
                     "share/zsh/site-functions/_fayuan", "share/fish/vendor_completions.d/fayuan.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "缺少 \(file)")
        }

        // `man fayuan` finds and renders the Chinese page (MANPATH stands in for the standard place).
        let man = try spawn(["man", "-P", "cat", "fayuan"],
                            environment: ["MANPATH": prefix.appendingPathComponent("share/man").path, "MANWIDTH": "100",
                                          "LANG": "C.UTF-8"], stdin: nil)
        #expect(man.status == 0, "\(man.stderr)")
        #expect(man.stdout.contains("名称"))
        #expect(man.stdout.contains("退出状态"))
        #expect(man.stdout.contains("fayuan case decide"))
        #expect(man.stdout.contains("审查决定：给予或不予法律援助"))

        // Tab completion in a real bash: fayuan du<Tab> su<Tab>.
        let bash = try TmuxSession(arguments: ["--norc", "--noprofile"], width: 100, height: 20,
                                   environment: ["PATH": prefix.appendingPathComponent("bin").path + ":/usr/bin:/bin",
                                                 "PS1": "试一试$ "],
                                   program: "/bin/bash")
        try bash.waitFor("试一试$")
        try bash.type("source \(prefix.appendingPathComponent("share/bash-completion/completions/fayuan").path)")
        try bash.press("Enter")
        try bash.type("fayuan du")
        try bash.press("Tab")
        try bash.waitFor("fayuan duty")   // capture-pane trims the space completion adds
        try bash.type("su")
        try bash.press("Tab")
        try bash.waitFor("fayuan duty subsidy")

        let removed = try spawn(["/bin/bash", script, "uninstall"], environment: env, stdin: nil)
        #expect(removed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("bin/fayuan").path))
        #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/man/man1/fayuan.1").path))
    }
}
