import Foundation
import TerminalKit

/// Assembles the console: keymap, theme, home menu and environment.
public enum Console {
    /// The home menu. Each issue that adds a screen adds its entry here.
    public static func homeScreen() -> HomeScreen {
        HomeScreen(items: [
            HomeScreen.MenuItem(key: "9", title: "键位表", detail: "查看当前生效的全部按键", open: { KeymapScreen() }),
        ])
    }

    public static func makeApp(keymap: Keymap, theme: Theme, environment: AppEnvironment) -> App {
        App(root: homeScreen(), keymap: keymap, theme: theme, environment: environment)
    }
}
