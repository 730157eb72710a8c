import Testing
@testable import FayuanRules
import FayuanCore

@Suite struct FayuanRulesModuleTests {
    @Test func moduleLinks() {
        #expect(!FayuanCore.version.isEmpty, "版本号不应为空")
    }
}
