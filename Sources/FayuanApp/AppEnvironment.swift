import FayuanCore
import FayuanRules
import FayuanStore
import Foundation
import TerminalKit

/// The outside world as the app sees it: passed in, so tests can fix the clock, use a temporary
/// store and a chosen rule library.
public struct AppEnvironment: Sendable {
    /// The case store (opened and migrated before the first screen).
    public var store: CaseStore
    /// The rule library (bundled rules plus site files). Held in a shared box: when a screen
    /// writes a site file (holiday notice, local threshold) it reloads the library and every
    /// copy of the environment sees the new one at once.
    public var rules: RuleLibrary {
        get { ruleBox.library }
        set { ruleBox = RuleLibraryBox(newValue) }
    }
    private var ruleBox: RuleLibraryBox
    /// Where site rule files are read from and written to (`--rules-dir`, $FAYUAN_RULES_DIR …).
    public var siteRules: SiteRuleLocation = .none
    /// Current time; tests pass a fixed one.
    public var clock: @Sendable () -> Date
    /// The time zone dates and clocks are shown in.
    public var timeZone: TimeZone
    /// A line for the login and lock screens (a demo store names its operators and PIN).
    public var loginNote: String?

    public init(store: CaseStore, rules: RuleLibrary, clock: @escaping @Sendable () -> Date = { Date() },
                timeZone: TimeZone = .current) {
        // The store judges attendance times and "today" in the console's time zone (issue 19).
        var store = store
        store.timeZone = timeZone
        self.store = store
        self.ruleBox = RuleLibraryBox(rules)
        self.clock = clock
        self.timeZone = timeZone
    }

    public var storePath: String { store.path }

    /// Puts a reloaded library in place for every holder of this environment.
    public func replaceRules(_ library: RuleLibrary) { ruleBox.library = library }
}

/// The rule library shared by all copies of an environment (the app's and each effect's).
final class RuleLibraryBox: @unchecked Sendable {
    private let lock = NSLock()
    private var current: RuleLibrary

    init(_ library: RuleLibrary) { current = library }

    var library: RuleLibrary {
        get { lock.lock(); defer { lock.unlock() }; return current }
        set { lock.lock(); current = newValue; lock.unlock() }
    }
}

/// Who is at the keyboard, and at which station. Screens are created with the session so every
/// record they write names its operator.
public struct Session: Sendable, Equatable {
    public var operatorRecord: Operator
    public var station: Station?

    public init(operatorRecord: Operator, station: Station? = nil) {
        self.operatorRecord = operatorRecord
        self.station = station
    }

    public var operatorID: Int64 { operatorRecord.id ?? 0 }
    public var operatorName: String { operatorRecord.name }
    public var role: OperatorRole { operatorRecord.role }
}
