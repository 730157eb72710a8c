import ArgumentParser
import FayuanCore
import Foundation

/// `fayuan _docs markdown|man`: the command-line reference generated from the command definitions
/// themselves (each subcommand's Chinese help plus its examples), so docs/cli.md and the man page
/// cannot drift from the binary. `make docs` writes docs/cli.md; `make install` writes the man page.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_docs", abstract: "生成命令行参考文档（docs/cli.md 与 man 手册页，内部使用）", shouldDisplay: false)

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, man }

    @Argument(help: "格式：markdown（docs/cli.md）或 man（fayuan.1）")
    var format: Format

    func run() throws {
        let pages = Self.pages()
        switch format {
        case .markdown: Stdout.write(Data(Self.markdown(pages).utf8))
        case .man: Stdout.write(Data(Self.man(pages).utf8))
        }
    }

    struct Page {
        var path: [String]
        var abstract: String
        var help: String
        var examples: [String]
        var isGroup: Bool
    }

    /// Every visible command, depth first, in the order `--help` lists them.
    static func pages() -> [Page] {
        var pages: [Page] = []
        func walk(_ type: ParsableCommand.Type, _ path: [String]) {
            let configuration = type.configuration
            guard configuration.shouldDisplay else { return }
            let raw = path.isEmpty ? Fayuan.helpMessage(columns: 100_000)
                                   : Fayuan.helpMessage(for: type, columns: 100_000)
            pages.append(Page(path: path, abstract: configuration.abstract,
                              help: ParserChinese.translateHelp(raw, width: 100),
                              examples: CommandExamples.examples(for: path) ?? [],
                              isGroup: !configuration.subcommands.isEmpty))
            for sub in configuration.subcommands { walk(sub, path + [sub._commandName]) }
        }
        walk(Fayuan.self, [])
        return pages
    }

    static func markdown(_ pages: [Page]) -> String {
        var out = """
        # fayuan 命令行参考

        <!-- 由 `fayuan _docs markdown > docs/cli.md`（即 `make docs`）从命令定义生成，请勿手改；
             CLIDocsTests 在它与程序不一致时失败。 -->

        本页列出 `fayuan` 的每个子命令：用途、选项（即 `--help` 的内容）和示例。共同约定见
        [../README.md](../README.md) 与项目共享的命令行约定（cli.md）：

        - JSON 写到标准输出（UTF-8，一个文档）；给人看的提示写到标准错误，全部中文。
        - 退出码：0 成功；1 否定的答复（不是错误，如号码无效、省级导出有缺项）；2 输入有误（提示指明哪个
          参数或字段）；3 案件库或环境问题（锁定、损坏、不可写，不会写入一半）；4 被拒绝（角色无权、
          PIN 错误或锁定、保密）。
        - 写入数据或显示个人信息的子命令要表明身份：`--operator 姓名` 并从终端（不回显）或标准输入第一行
          读 PIN，或用 `FAYUAN_TOKEN` / `--token-file` 的接口令牌；命令行上不接受任何密码。
        - `--db` 选择案件库，默认 `$FAYUAN_DB`，否则 `~/.local/share/fayuan/fayuan.db`。

        ## 目录


        """
        for page in pages {
            let name = (["fayuan"] + page.path).joined(separator: " ")
            let indent = String(repeating: "  ", count: max(0, page.path.count - 1))
            out += "\(indent)- [\(name)](#\(anchor(page.path)))：\(page.abstract)\n"
        }
        for page in pages {
            let name = (["fayuan"] + page.path).joined(separator: " ")
            out += "\n<a id=\"\(anchor(page.path))\"></a>\n\n## \(name)\n\n\(page.abstract)\n\n```text\n\(page.help.trimmingCharacters(in: .newlines))\n```\n"
            if !page.examples.isEmpty {
                out += "\n示例：\n\n```sh\n" + page.examples.joined(separator: "\n") + "\n```\n"
            }
        }
        return out
    }

    static func anchor(_ path: [String]) -> String {
        (["fayuan"] + path).joined(separator: "-").replacingOccurrences(of: "_", with: "")
    }

    /// A roff man page (section 1) in Chinese; man-db renders UTF-8 input through groff's preconv.
    static func man(_ pages: [Page]) -> String {
        func escape(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                var l = String(line).replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
                if l.hasPrefix(".") || l.hasPrefix("'") { l = "\\&" + l }
                return l
            }.joined(separator: "\n")
        }
        let root = pages.first
        var out = """
        .\\" 由 fayuan _docs man 从命令定义生成，请勿手改。
        .TH FAYUAN 1 "" "法援 \(FayuanCore.version)" "法援使用手册"
        .ad l
        .nh
        .SH 名称
        fayuan \\- \(escape(root?.abstract ?? "法援"))
        .SH 用法
        .B fayuan
        [\\fI子命令\\fR] [\\fI选项\\fR]
        .SH 说明
        无子命令时打开终端界面。子命令是同一核心的命令行接口：JSON 写到标准输出，中文提示写到标准错误。
        写入数据或显示个人信息的子命令以操作员身份执行：\\fB\\-\\-operator\\fR 姓名，PIN 从终端（不回显）或标准输入第一行读取；
        或用环境变量 \\fBFAYUAN_TOKEN\\fR、\\fB\\-\\-token\\-file\\fR 的接口令牌。
        .SH 退出状态
        .TP
        .B 0
        成功。
        .TP
        .B 1
        否定的答复（不是错误），如号码无效、省级导出有缺项。
        .TP
        .B 2
        输入有误，提示指明哪个参数或字段。
        .TP
        .B 3
        案件库或环境问题（锁定、损坏、不可写），不会写入一半。
        .TP
        .B 4
        被拒绝：角色无权、PIN 错误或锁定、保密。
        .SH 环境变量
        .TP
        .B FAYUAN_DB
        案件库位置（文件路径）。
        .TP
        .B FAYUAN_TOKEN
        接口令牌，代替 \\-\\-operator 与 PIN。
        .TP
        .B XDG_DATA_HOME
        默认案件库目录（$XDG_DATA_HOME/fayuan/fayuan.db）。
        .TP
        .B XDG_STATE_HOME
        草稿日志与审计锚点目录。
        .SH 子命令

        """
        for page in pages.dropFirst() {
            let name = (["fayuan"] + page.path).joined(separator: " ")
            out += ".SS \(escape(name))\n\(escape(page.abstract))\n.PP\n.nf\n\(escape(page.help.trimmingCharacters(in: .newlines)))\n.fi\n"
            if !page.examples.isEmpty {
                out += ".PP\n示例：\n.PP\n.nf\n\(escape(page.examples.joined(separator: "\n")))\n.fi\n"
            }
        }
        out += """
        .SH 文件
        .TP
        .I ~/.local/share/fayuan/fayuan.db
        默认案件库。
        .TP
        .I ~/.config/fayuan/terminal.toml
        本终端的窗口号等设置。
        .SH 另见
        完整说明见项目的 README.md 与 docs/cli.md。

        """
        return out
    }
}
