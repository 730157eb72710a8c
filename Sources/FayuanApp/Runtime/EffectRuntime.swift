import FayuanStore
import Foundation

/// Names one draft: whose, which form, which instance (e.g. "ticket:12").
public struct DraftKey: Sendable, Hashable, Codable {
    public var operatorID: Int64
    public var form: String
    public var key: String
    public init(operatorID: Int64, form: String, key: String) {
        self.operatorID = operatorID; self.form = form; self.key = key
    }
}

/// Runs `.perform` work away from the key loop (DESIGN.md: "Effects run off the key loop").
///
/// One serial queue per store: work runs in the order it was asked for, so a screen's "save"
/// then "reload" never overtake each other. The outcome waits in a mailbox until the key loop
/// takes it (`takeCompleted`) and hands it to the screen that asked, by its stack identity.
final class BackgroundWorker: @unchecked Sendable {
    struct Completed {
        var screenID: Int
        var outcome: Result<any Sendable, any Error>
    }

    private let queue = DispatchQueue(label: "fayuan.effects", qos: .userInitiated)
    /// Draft writes have their own queue: a draft waiting on another process's write lock never
    /// holds up a screen's reads, and the key loop's short wait for screen work never waits for it.
    private let draftQueue = DispatchQueue(label: "fayuan.drafts", qos: .utility)
    private let lock = NSLock()
    private var completed: [Completed] = []
    private var outstanding = 0

    /// Work submitted and not yet delivered.
    var hasPending: Bool { lock.withLock { outstanding > 0 || !completed.isEmpty } }

    func submit(screenID: Int, _ work: @escaping @Sendable () throws -> any Sendable) {
        lock.withLock { outstanding += 1 }
        queue.async { [self] in
            let outcome: Result<any Sendable, any Error>
            do { outcome = .success(try work()) } catch { outcome = .failure(error) }
            lock.withLock {
                outstanding -= 1
                completed.append(Completed(screenID: screenID, outcome: outcome))
            }
        }
    }

    /// Work with no screen to answer (draft writes).
    func submitDetached(_ work: @escaping @Sendable () -> Void) {
        draftQueue.async(execute: work)
    }

    func takeCompleted() -> [Completed] {
        lock.withLock {
            let out = completed
            completed = []
            return out
        }
    }

    /// Waits until everything submitted so far has run, at most `timeout` seconds.
    @discardableResult
    func drain(timeout: TimeInterval) -> Bool {
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        return done.wait(timeout: .now() + timeout) == .success
    }

    /// Waits until the draft writes submitted so far have run, at most `timeout` seconds.
    @discardableResult
    func drainDrafts(timeout: TimeInterval) -> Bool {
        let done = DispatchSemaphore(value: 0)
        draftQueue.async { done.signal() }
        return done.wait(timeout: .now() + timeout) == .success
    }
}

/// Drafts typed on every key. Each change goes first to this terminal's journal file (an append
/// to a local file, never waiting on SQLite's write lock), then to the store in the background,
/// coalesced per draft (only the latest value of each is written).
///
/// Durability: the append is a `write(2)`, so once a key has been handled its draft survives the
/// process being killed (kill -9): the kernel has it, and the next start replays the journal
/// into the store. Against a power cut the file is fsync'ed at most once a second (on a separate
/// queue, so typing never waits for the disk): at most the last second is lost.
final class DraftWriter: @unchecked Sendable {
    private let store: CaseStore
    private let journal: DraftJournal?
    private let worker: BackgroundWorker?
    private let lock = NSLock()
    /// Latest value per draft not yet written to the store (nil payload: delete).
    private var pending: [DraftKey: String?] = [:]
    private var flushScheduled = false
    private var appendedSeq = 0
    private var persistedSeq = 0

    /// Without a worker (tests, commands) drafts are written to the store at once.
    init(store: CaseStore, journal: DraftJournal?, worker: BackgroundWorker?) {
        self.store = store
        self.journal = journal
        self.worker = worker
    }

    /// Records a change. Returns an error message when the draft could not be kept anywhere.
    func record(_ key: DraftKey, payload: String?) -> String? {
        guard key.operatorID > 0 else { return nil }
        guard let worker else {
            do {
                if let payload { try store.saveDraft(operator: key.operatorID, form: key.form, key: key.key, payload: payload) }
                else { try store.deleteDraft(operator: key.operatorID, form: key.form, key: key.key) }
                return nil
            } catch {
                return "草稿未能保存：\(error)"
            }
        }
        var failure: String?
        if let journal {
            do { try journal.append(DraftJournal.Entry(draft: key, payload: payload)) } catch {
                failure = "草稿日志写入失败：\(error)"
            }
        }
        let schedule: Bool = lock.withLock {
            appendedSeq += 1
            pending[key] = .some(payload)
            if flushScheduled { return false }
            flushScheduled = true
            return true
        }
        if schedule { worker.submitDetached { [self] in flush() } }
        if journal != nil, lock.withLock({ persistedSeq == appendedSeq }) { journal?.compactIfLarge() }
        return failure
    }

    /// Writes what is pending to the store (on the worker queue). A failed write stays pending
    /// (it is still in the journal) and is tried again with the next change or at exit.
    func flush() {
        let (batch, seq): ([DraftKey: String?], Int) = lock.withLock {
            let b = pending
            pending = [:]
            flushScheduled = false
            return (b, appendedSeq)
        }
        var failed: [DraftKey: String?] = [:]
        for (key, payload) in batch {
            do {
                if let payload { try store.saveDraft(operator: key.operatorID, form: key.form, key: key.key, payload: payload) }
                else { try store.deleteDraft(operator: key.operatorID, form: key.form, key: key.key) }
            } catch {
                failed[key] = payload
            }
        }
        lock.withLock {
            for (key, payload) in failed where pending[key] == nil { pending[key] = payload }
            if failed.isEmpty && seq > persistedSeq { persistedSeq = seq }
        }
    }

    /// At exit: write what is pending (bounded wait) and close the journal; the journal file is
    /// removed only when everything reached the store, otherwise the next start replays it.
    func close(timeout: TimeInterval) {
        if let worker {
            worker.submitDetached { [self] in flush() }
            worker.drainDrafts(timeout: timeout)
        }
        let clean = lock.withLock { pending.isEmpty && persistedSeq == appendedSeq }
        journal?.close(remove: clean)
    }

    /// fsync now (hang-up, lock): the next power cut loses nothing typed so far.
    func sync() { journal?.syncNow() }
}

/// The per-terminal journal file: `$XDG_STATE_HOME/fayuan/journal/<store>-<pid>.journal`
/// (`~/.local/state/...` without XDG_STATE_HOME), mode 0600 in a 0700 directory. One JSON line per
/// draft change. The owning process holds an exclusive `flock` on it, so a start-up replays only
/// journals whose process has gone.
final class DraftJournal: @unchecked Sendable {
    struct Entry: Codable {
        var operatorID: Int64
        var form: String
        var key: String
        /// nil: the draft was deleted (saved or discarded).
        var payload: String?
        /// When it was typed (seconds since 1970). Journals of several dead terminals are
        /// replayed newest-last by this, not by file name (nil in journals written before it).
        var at: Double?

        init(draft: DraftKey, payload: String?, at: Date = Date()) {
            operatorID = draft.operatorID; form = draft.form; key = draft.key; self.payload = payload
            self.at = at.timeIntervalSince1970
        }
        var draft: DraftKey { DraftKey(operatorID: operatorID, form: form, key: key) }
    }

    let path: String
    private var fd: Int32
    private let syncQueue = DispatchQueue(label: "fayuan.journal.sync", qos: .utility)
    private let lock = NSLock()
    private var syncScheduled = false
    private var lastSync = Date.distantPast
    private var size: Int = 0
    /// Compaction threshold (bytes): the file is emptied once everything in it is in the store.
    static let compactAbove = 1 << 20

    /// The journal directory for an environment (XDG_STATE_HOME, else ~/.local/state).
    static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty { return xdg + "/fayuan/journal" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/fayuan/journal"
    }

    /// Which store a journal belongs to: a short hash of the store's path.
    static func storeTag(_ storePath: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in URL(fileURLWithPath: storePath).standardizedFileURL.path.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100000001b3
        }
        return String(hash, radix: 16)
    }

    init(directory: String, storePath: String, processID: Int32 = getpid()) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        path = "\(directory)/\(Self.storeTag(storePath))-\(processID).journal"
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.unavailable(path: path, detail: "无法创建草稿日志文件") }
        fchmod(fd, 0o600)
        _ = flock(fd, LOCK_EX | LOCK_NB)
        var st = stat()
        if fstat(fd, &st) == 0 { size = Int(st.st_size) }
    }

    func append(_ entry: Entry) throws {
        var line = try JSONEncoder().encode(entry)
        line.append(0x0A)
        let written = line.withUnsafeBytes { raw in write(fd, raw.baseAddress, raw.count) }
        guard written == line.count else { throw StoreError.unavailable(path: path, detail: "写入不完整") }
        size += written
        scheduleSync()
    }

    /// At most one fsync a second, off the key loop.
    private func scheduleSync() {
        let delay: TimeInterval? = lock.withLock {
            if syncScheduled { return nil }
            syncScheduled = true
            return max(0, 1 - Date().timeIntervalSince(lastSync))
        }
        guard let delay else { return }
        syncQueue.asyncAfter(deadline: .now() + delay) { [self] in
            let descriptor = lock.withLock { syncScheduled = false; lastSync = Date(); return fd }
            if descriptor >= 0 { fsync(descriptor) }
        }
    }

    func syncNow() {
        let descriptor = lock.withLock { fd }
        if descriptor >= 0 { fsync(descriptor) }
    }

    /// Empties the file once it has grown large and all it holds is in the store.
    func compactIfLarge() {
        guard size > Self.compactAbove else { return }
        if ftruncate(fd, 0) == 0 { size = 0 }
    }

    func close(remove: Bool) {
        let descriptor: Int32 = lock.withLock { let d = fd; fd = -1; return d }
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        if remove { unlink(path) }
        Foundation.close(descriptor)
    }

    /// Replays journals of this store left by processes that have gone (killed, power cut):
    /// the last change of each draft is written to the store, then the file is removed.
    /// Returns how many drafts were restored.
    @discardableResult
    static func replay(directory: String, storePath: String, into store: CaseStore) -> Int {
        let tag = storeTag(storePath)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        // Every journal whose terminal has gone, locked while we replay it. Several may hold the
        // same draft (a terminal killed, the next one killed too, or one that hung up before its
        // last write reached the store): the entry typed last wins, whichever file it is in — the
        // file names order only process ids.
        var files: [(path: String, fd: Int32)] = []
        defer { for file in files { Foundation.close(file.fd) } }
        var latest: [DraftKey: (at: Double, payload: String?)] = [:]
        var order: [DraftKey] = []
        for name in names.sorted() where name.hasPrefix(tag + "-") && name.hasSuffix(".journal") {
            let file = directory + "/" + name
            let fd = open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            // Its writer still holds the lock: a live terminal, not ours to replay.
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { Foundation.close(fd); continue }
            files.append((file, fd))
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            for line in data.split(separator: 0x0A) {
                // A line cut by a power cut is incomplete JSON: skip it, keep the rest.
                guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { continue }
                let at = entry.at ?? 0
                if let seen = latest[entry.draft] {
                    // Within a file later lines are newer; across files the time decides.
                    if at >= seen.at { latest[entry.draft] = (at, entry.payload) }
                } else {
                    order.append(entry.draft)
                    latest[entry.draft] = (at, entry.payload)
                }
            }
        }
        var restored = 0
        var ok = true
        for key in order {
            guard let (_, payload) = latest[key] else { continue }
            do {
                if let payload { try store.saveDraft(operator: key.operatorID, form: key.form, key: key.key, payload: payload); restored += 1 }
                else { try store.deleteDraft(operator: key.operatorID, form: key.form, key: key.key) }
            } catch {
                ok = false
            }
        }
        if ok { for file in files { unlink(file.path) } }
        return restored
    }
}
