import Testing

@Suite struct EndToEndModuleTests {
    @Test func placeholderUntilHarness() {
        #expect("法援".unicodeScalars.count == 2)
    }
}
