import Testing
@testable import FayuanApp

@Suite struct FayuanAppModuleTests {
    @Test func moduleLinks() {
        #expect("法援".unicodeScalars.count == 2)
    }
}
