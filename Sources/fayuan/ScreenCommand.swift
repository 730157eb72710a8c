import ArgumentParser
import FayuanCore
import FayuanRules
import Foundation

/// `fayuan screen [FILE|-] [--region CODE] [--date YYYY-MM-DD]`
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "按规则库筛查法律援助申请（JSON 输入，JSON 输出）")

    @Argument(help: "申请 JSON 文件；省略或 - 表示从标准输入读取；可为数组")
    var file: String?

    @Option(help: "覆盖输入中的地区代码（GB/T 2260）")
    var region: String?

    @Option(help: "覆盖输入中的申请日期 YYYY-MM-DD")
    var date: String?

    @OptionGroup var options: RuleLibraryOptions

    func run() throws {
        if let date, LocalDate(iso: date) == nil {
            throw CLIOutput.failure("--date: 日期应为有效的 YYYY-MM-DD：“\(date)”")
        }
        let text: String
        if let file, file != "-" {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIOutput.failure("无法读取文件：\(file)")
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw CLIOutput.failure("文件不是 UTF-8 编码：\(file)")
            }
            text = decoded
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let library = try options.library()
        do {
            let document = try JSONValue.parse(text)
            if case .array(let items) = document {
                var results: [JSONValue] = []
                for (index, item) in items.enumerated() {
                    results.append(try screen(item, library: library, path: "[\(index)]"))
                }
                CLIOutput.print(JSONValue.array(results).rendered())
            } else {
                CLIOutput.print(try screen(document, library: library, path: "").rendered())
            }
        } catch {
            throw CLIOutput.failure(error.description)
        }
    }

    private func screen(_ value: JSONValue, library: RuleLibrary,
                        path: String) throws(ScreeningInputError) -> JSONValue {
        var value = value
        if case .object(var pairs) = value {
            for (key, override) in [("region", region), ("applicationDate", date)] {
                guard let override else { continue }
                if let index = pairs.firstIndex(where: { $0.0 == key }) {
                    pairs[index].1 = .string(override)
                } else {
                    pairs.append((key, .string(override)))
                }
            }
            value = .object(pairs)
        }
        let input = try ScreeningInput(json: value, library: library, path: path)
        do {
            return try library.screen(input).json
        } catch {
            let field = path.isEmpty ? error.field : path + "." + error.field
            throw ScreeningInputError(field: field, message: error.message)
        }
    }
}
