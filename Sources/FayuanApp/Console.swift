import Foundation
import TerminalKit

/// Assembles the console: keymap, theme, home menu and environment.
public enum Console {
    /// The home menu for the operator at the keyboard. Each issue that adds a screen adds its
    /// entry here (one line), creating the screen with the session so it knows who is working.
    public static func homeScreen(session: Session) -> HomeScreen {
        var items: [HomeScreen.MenuItem] = []
        items.append(HomeScreen.MenuItem(key: "9", title: "键位表", detail: "查看当前生效的全部按键", open: { KeymapScreen() }))
        return HomeScreen(items: items.sorted { $0.key < $1.key })
    }

    public static func makeApp(keymap: Keymap, theme: Theme, environment: AppEnvironment, session: Session) -> App {
        App(root: homeScreen(session: session), keymap: keymap, theme: theme, environment: environment)
    }
}
