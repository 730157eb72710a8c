import Foundation
@testable import FayuanStore

/// A fresh directory per test, removed at the end.
struct TempDir: ~Copyable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "fayuan-store-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A fixed clock so timestamps in tests are deterministic.
let fixedClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_780_000_000) }

/// Where a test's store lives. With `FAYUAN_TEST_ENGINE=postgres` (and `FAYUAN_TEST_POSTGRES`, which
/// scripts/pg-scratch.sh sets) each store path becomes its own schema on the throw-away PostgreSQL,
/// the same schema whenever the test reopens that path; otherwise it is the SQLite file.
func testLocation(_ path: String) -> StoreLocation {
    let environment = ProcessInfo.processInfo.environment
    guard environment["FAYUAN_TEST_ENGINE"] == "postgres", let base = environment["FAYUAN_TEST_POSTGRES"] else {
        return StoreLocation(path: path)
    }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in path.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return StoreLocation(path: base + (base.contains("?") ? "&" : "?") + "schema=t_" + String(hash, radix: 16))
}

/// Anchors go next to the test's store (inside its TempDir), not into ~/.local/state.
func openStore(_ path: String, channel: AuditChannel = .console) throws -> CaseStore {
    try CaseStore.open(testLocation(path), clock: fixedClock, channel: channel,
                       anchorDirectory: (path as NSString).deletingLastPathComponent + "/anchors")
}

/// A store with the Zezhou centre, one township station and a clerk.
func makeStoreWithStation(_ dir: borrowing TempDir) throws -> (CaseStore, Station, Operator) {
    let store = try openStore(dir.file("法援.db"))
    let centre = try store.addStation(Station(code: "140525000", name: "泽州县公共法律服务中心", kind: .countyCentre,
                                              population: 480_000), by: nil)
    let clerk = try store.addOperator(Operator(name: "窗口王丽", role: .windowClerk, stationID: centre.id), by: nil)
    return (store, centre, clerk)
}
