import Testing
import FayuanCore

@Suite struct FayuanCoreModuleTests {
    @Test func moduleLinks() {
        #expect(!FayuanCore.version.isEmpty, "版本号不应为空")
    }
}
