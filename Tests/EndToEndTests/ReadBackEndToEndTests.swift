import Foundation
import Testing

/// 给群众看 from the case detail in the real binary (issue 21): the reviewer opens a case, presses
/// s, and the applicant sees their ID number in full on its own page — revealed through the
/// store's audited reveal (one audit entry naming the reviewer and the reason), the case detail
/// behind it still masked. Then large mode at 80×24, 48×14 and 40×12 (the pictures in
/// docs/accessibility.md, saved with FAYUAN_PICTURES like AccessibilityPicturesTests).
@Suite(.serialized) struct ReadBackAccessibilityPicturesTests {
    @Test func readBackFromCaseDetailShowsTheFullIDAuditedAtEverySize() throws {
        let (tmux, c) = try PipelineEndToEndTests.start()
        let db = tmux.storePath
        let applicant = try IntakeEndToEndTests.sql(db, "SELECT applicant_id FROM aid_case WHERE id = \(c.id)")
        let full = try IntakeEndToEndTests.sql(db, "SELECT id_number FROM applicant WHERE id = \(applicant)")
        #expect(full.count == 18, "示例申请人应有 18 位证件号码：\(full)")
        let masked = String(full.prefix(4)) + String(repeating: "*", count: 10) + String(full.suffix(4))
        let reveals = "SELECT count(*) FROM audit_log WHERE action = 'reveal' AND entity_id = '\(applicant)'"
            + " AND detail LIKE '%给群众看%' AND operator_id = (SELECT id FROM operator WHERE name = '赵审查')"

        // Board → step 审查 → the first case → its detail (as PipelineEndToEndTests does).
        try tmux.type("4")
        try tmux.waitFor("待回访")
        try tmux.press("Tab", "Tab", "Down", "Down")
        try tmux.waitFor("步骤 审查")
        try tmux.press("Tab", "Tab", "Tab", "Tab", "Tab")
        try tmux.press("Enter")
        let number = try #require(c.caseNumber)
        var screen = try tmux.waitUntil("案件详情") { $0.contains("\(number) · 审查") && $0.contains("证件 \(masked)") }
        #expect(!screen.contains(full), "案件详情中证件号码脱敏")

        try tmux.type("s")
        try tmux.waitFor("请核对您的姓名")
        #expect(try IntakeEndToEndTests.sql(db, reveals) == "0", "翻到证件号码页之前不查看")
        try tmux.press("Enter")
        screen = try tmux.waitFor("证件号码：\(full)")
        #expect(screen.contains("请核对您的证件号码"), "\(screen)")
        try IntakeEndToEndTests.waitForQuery(db, reveals) { $0 == "1" }
        try AccessibilityPicturesTests.save(tmux, "readback-id-normal-80x24")

        // Large mode, the font hint (80×24 cells: the font was not enlarged) dismissed with ↑.
        try tmux.press("F11")
        try tmux.waitFor("放大终端字体")
        try tmux.press("Up")
        try tmux.waitForAbsence("放大终端字体")
        for (width, height) in [(80, 24), (48, 14), (40, 12)] {
            try tmux.resize(width: width, height: height)
            // Big digits at 80×24; at 48×14 and 40×12 (an enlarged font) plain digits, easier to
            // check than 2-row blocks. Redrawn at the new size: the hint is on the frame's row h-4.
            let page = try tmux.waitUntil("给群众看 证件号码 \(width)×\(height)") { s in
                let lines = s.components(separatedBy: "\n")
                return s.contains("请核对您的证件号码") && lines.count >= height && lines[height - 4].contains("下一页")
                    && (width < 80 || s.filter { AccessibilityPicturesTests.blocks.contains($0) }.count > 20)
            }
            #expect(!page.contains("太小"), "\(width)×\(height)\n\(page)")
            // The number in full, as plain digits (scroll down to it when the big digits fill the page).
            var seen = page
            for _ in 0..<12 where !seen.contains(full) {
                try tmux.press("Down")
                seen = (try? tmux.waitFor(full, timeout: 2)) ?? seen
            }
            #expect(seen.contains(full), "\(width)×\(height): 完整号码可见\n\(seen)")
            try tmux.press("Home")
            try tmux.press("Enter")
            try tmux.waitFor("请核对您的证件号码")
            _ = try tmux.waitUntil("证件号码页") { s in
                let lines = s.components(separatedBy: "\n")
                return lines.count >= height && lines[height - 4].contains("下一页") && s.contains(full)
            }
            try AccessibilityPicturesTests.save(tmux, "readback-id-\(width)x\(height)")
        }
        #expect(try IntakeEndToEndTests.sql(db, reveals) == "1", "一次查看，一条审计")

        // Esc back to the case detail: masked again.
        try tmux.resize(width: 80, height: 24)
        try tmux.press("F11")
        try tmux.press("Escape")
        screen = try tmux.waitUntil("回到案件详情") { $0.contains("\(number) · 审查") && $0.contains("证件 \(masked)") }
        #expect(!screen.contains(full))
    }
}
