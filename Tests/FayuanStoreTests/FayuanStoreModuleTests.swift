import Testing
@testable import FayuanStore
import FayuanCore

@Suite struct FayuanStoreModuleTests {
    @Test func moduleLinks() {
        #expect(!FayuanCore.version.isEmpty, "版本号不应为空")
    }
}
