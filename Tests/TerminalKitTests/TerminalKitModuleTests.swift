import Testing
@testable import TerminalKit

@Suite struct TerminalKitModuleTests {
    @Test func moduleLinks() {
        #expect("法援".unicodeScalars.count == 2)
    }
}
