import Foundation
@testable import FayuanStore

/// A store clock a test moves on (before the month to plan it, on its days to sign in, after it
/// to approve), in local time like the station's clock.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now: Date

    init(_ text: String) { now = Self.date(text) }

    func set(_ text: String) { lock.withLock { now = Self.date(text) } }
    func read() -> Date { lock.withLock { now } }

    static func date(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.date(from: text)!
    }
}

func openStore(_ path: String, clock: MovableClock, channel: AuditChannel = .console) throws -> CaseStore {
    try CaseStore.open(testLocation(path), clock: { clock.read() }, channel: channel,
                       anchorDirectory: (path as NSString).deletingLastPathComponent + "/anchors")
}
