import Foundation
import Testing

/// Issue 11 in a real terminal: the applicant read-back in big text, and 大字模式 at 48×14.
@Suite(.serialized) struct LargeTextEndToEndTests {
    /// The intake tests' clerk: a county centre and 王丽 logged in.
    static func clerk() throws -> TmuxSession { try IntakeEndToEndTests.clerk() }

    @Test func readBackShowsNameAndDecisionDateInBigText() throws {
        let tmux = try Self.clerk()
        try tmux.type("3")
        try tmux.waitFor("▶①申请人◀")
        try tmux.type("张三丰")
        try tmux.press("Tab")
        try tmux.type("11010519491231002X")
        try tmux.waitFor("1949-12-31")
        try tmux.press("M-2", "Tab")
        try tmux.type("劳动报酬")
        try tmux.press("F7")
        let page1 = try tmux.waitFor("请核对您的姓名")
        // The name in block letters, or, without the unifont package, in plain text with a notice.
        let blocks = page1.filter { "█▀▄▌▐▘▝▖▗▙▛▜▟▚▞".contains($0) }.count
        #expect(blocks > 40 || page1.contains("未安装大字字库"), "\(page1)")
        try tmux.press("Enter")
        let page2 = try tmux.waitFor("请核对您的证件号码")
        // Typed in front of the applicant: shown in full for them to check (issue 21).
        #expect(page2.contains("证件号码：11010519491231002X"), "\(page2)")
        try tmux.press("Enter", "Enter")
        let page3 = try tmux.waitFor("法律援助中心将在这一天之前告诉您结果")
        // The date's digits are built in: always block letters.
        #expect(page3.filter { "█▀▄▌▐▘▝▖▗▙▛▜▟▚▞".contains($0) }.count > 40, "\(page3)")
        try tmux.press("Escape")
        try tmux.waitFor("▶②事项◀")
    }

    @Test func largeModeWorksAt48x14() throws {
        let tmux = try Self.clerk()
        try tmux.resize(width: 48, height: 14)
        let small = try tmux.waitFor("窗口太小")
        #expect(small.contains("F11"), "\(small)")
        try tmux.press("F11")
        let home = try tmux.waitFor("请按数字选择：")
        #expect(home.contains("2  咨询登记"), "\(home)")
        try tmux.type("3")
        let form = try tmux.waitFor("第①步 申请人")
        #expect(form.contains("姓名"), "\(form)")
        try tmux.type("张三丰")
        try tmux.waitFor("张三丰")
        try tmux.press("F11")
        try tmux.waitFor("窗口太小")
    }
}
