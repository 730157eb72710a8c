import TerminalKit
import TerminalKitTesting

/// The everyday theme; style assertions compare with its roles, so they hold if its colours change.
let testTheme = Theme.standard

/// Renders a widget into a fresh grid and returns it.
func draw(width: Int, height: Int, _ body: (inout GridCanvas) -> Void) -> GridCanvas {
    var grid = GridCanvas(width: width, height: height)
    body(&grid)
    return grid
}

/// The screen diff as a test comment, so a failure prints both screens.
func screenMismatch(_ grid: GridCanvas, _ expected: String) -> String? {
    ScreenAssertions.diff(grid, expected)
}
