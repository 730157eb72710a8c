import Foundation
import TerminalKit

/// The outside world as the app sees it: passed in, so tests can fix the clock and the files.
public struct AppEnvironment: Sendable {
    /// The case store file (`--db`, `$FAYUAN_DB`, or the default under XDG_DATA_HOME).
    public var storePath: String
    /// Current time; tests pass a fixed one.
    public var clock: @Sendable () -> Date
    /// The time zone dates and clocks are shown in (China Standard Time unless TZ says otherwise).
    public var timeZone: TimeZone

    public init(storePath: String, clock: @escaping @Sendable () -> Date = { Date() }, timeZone: TimeZone = .current) {
        self.storePath = storePath
        self.clock = clock
        self.timeZone = timeZone
    }
}
