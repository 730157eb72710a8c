import Foundation

/// Glyphs by Unicode scalar, from two sources in order:
/// 1. the built-in set (digits, Latin letters, `- : . , # / ( )` and space), always present;
/// 2. a GNU Unifont .hex file (Debian package `unifont`), for Chinese and everything else;
/// 3. when the file is absent, the few embedded Hanzi of the call sentence (`EmbeddedHanzi`).
///
/// The .hex file is optional: the console must work without it, and big Chinese text then falls
/// back to normal-size text (see `BigText`). It is opened on the first lookup the built-in set
/// cannot answer, indexed once (code point → byte offset, ~57k lines) and glyphs are decoded on
/// demand and cached, so start-up never pays for it and a redraw every second costs a lookup.
///
/// Where the file is found: the `hexPath` given to `init`; `BitmapFont.shared` uses
/// `$FAYUAN_UNIFONT` if set (an empty value means "no font file", for trying the fallback),
/// else `/usr/share/unifont/unifont.hex`.
///
/// Thread-safe: one lock guards the lazily built index and the cache (a lookup is microseconds,
/// so contention does not matter); hence `@unchecked Sendable`.
public final class BitmapFont: @unchecked Sendable {
    public static let defaultHexPath = "/usr/share/unifont/unifont.hex"
    public static let pathEnvironmentVariable = "FAYUAN_UNIFONT"

    /// The .hex path the environment asks for; nil when `$FAYUAN_UNIFONT` is set but empty.
    public static func configuredHexPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment[pathEnvironmentVariable] { return path.isEmpty ? nil : path }
        return defaultHexPath
    }

    /// The process-wide font: built-in glyphs plus the configured .hex file. Shared so the index
    /// is built once however many screens draw big text.
    public static let shared = BitmapFont(hexPath: configuredHexPath())

    /// Built-in glyphs only (what a machine without the `unifont` package has).
    public static let builtInOnly = BitmapFont(hexPath: nil)

    /// What became of the .hex file.
    public enum HexFileStatus: Sendable, Equatable {
        /// No path configured: built-in glyphs only.
        case notConfigured
        /// Not opened yet (nothing needed it so far).
        case notLoaded(path: String)
        /// The file does not exist, cannot be read, or holds no usable glyph line.
        case missing(path: String)
        /// Indexed: how many glyphs, and how long building the index took.
        case loaded(path: String, glyphCount: Int, indexTime: Duration)
    }

    public let hexPath: String?
    private let lock = NSLock()
    private var index: HexIndex?
    private var indexFailed = false
    private var indexTime: Duration = .zero
    private var cache: [UInt32: BitmapGlyph] = [:]

    public init(hexPath: String?) {
        self.hexPath = hexPath
    }

    /// The glyph for a scalar, or nil when neither source has it.
    public func glyph(for scalar: Unicode.Scalar) -> BitmapGlyph? {
        if let builtIn = BuiltInGlyphs.table[scalar] { return builtIn }
        guard hexPath != nil else { return EmbeddedHanzi.table[scalar] }
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[scalar.value] { return cached }
        guard let index = loadedIndex(), let glyph = index.glyph(for: scalar.value) else { return EmbeddedHanzi.table[scalar] }
        cache[scalar.value] = glyph
        return glyph
    }

    /// The glyph for a character: its first scalar, provided the rest are only variation
    /// selectors (a combining accent has no place in a 16×16 cell, so such text falls back).
    public func glyph(for character: Character) -> BitmapGlyph? {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return nil }
        if scalars.dropFirst().contains(where: { !(0xFE00...0xFE0F).contains($0.value) }) { return nil }
        return glyph(for: first)
    }

    /// True when every character of `text` that needs a glyph has one (whitespace and line
    /// breaks need none).
    public func covers(_ text: String) -> Bool {
        text.allSatisfy { $0.isWhitespace || glyph(for: $0) != nil }
    }

    /// Builds the .hex index now (e.g. at start-up, off the drawing path) and reports on it.
    @discardableResult
    public func load() -> HexFileStatus {
        lock.lock()
        defer { lock.unlock() }
        _ = loadedIndex()
        return statusLocked
    }

    /// The .hex file's state, without loading it.
    public var hexFileStatus: HexFileStatus {
        lock.lock()
        defer { lock.unlock() }
        return statusLocked
    }

    /// True when the .hex file is configured and usable (loads it if needed).
    public var hasHexFile: Bool {
        if case .loaded = load() { return true }
        return false
    }

    private var statusLocked: HexFileStatus {
        guard let path = hexPath else { return .notConfigured }
        if let index { return .loaded(path: path, glyphCount: index.count, indexTime: indexTime) }
        return indexFailed ? .missing(path: path) : .notLoaded(path: path)
    }

    /// Caller holds the lock. Tries the file once; a missing file is not retried on every
    /// lookup (installing the package needs a restart, which the notice text implies).
    private func loadedIndex() -> HexIndex? {
        if let index { return index }
        guard !indexFailed, let path = hexPath else { return nil }
        let clock = ContinuousClock()
        let start = clock.now
        let built = FileManager.default.contents(atPath: path).flatMap(HexIndex.init(data:))
        indexTime = clock.now - start
        if let built { index = built } else { indexFailed = true }
        return built
    }
}

/// Code point → where its bitmap digits are in the file's bytes. The file is kept in memory
/// (3.7 MB for Unifont 15) and only the glyphs asked for are ever decoded.
struct HexIndex: Sendable {
    private let bytes: Data
    private let codePoints: [UInt32]
    private let offsets: [Int32]
    private let lengths: [UInt8]

    var count: Int { codePoints.count }

    /// nil when the data holds no glyph line ("XXXX:" followed by 32 or 64 hex digits).
    init?(data: Data) {
        var codePoints: [UInt32] = []
        var offsets: [Int32] = []
        var lengths: [UInt8] = []
        codePoints.reserveCapacity(65_536)
        offsets.reserveCapacity(65_536)
        lengths.reserveCapacity(65_536)
        guard data.count < Int(Int32.max) else { return nil }
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            let p = raw.bindMemory(to: UInt8.self)
            let n = raw.count
            var lineStart = 0
            while lineStart < n {
                // memchr finds the line end at C speed; only the few bytes of the code point
                // are looked at in Swift, which keeps indexing fast even in a debug build.
                let lineEnd: Int
                if let nl = memchr(base + lineStart, 0x0A, n - lineStart) {
                    lineEnd = base.distance(to: UnsafeRawPointer(nl))
                } else {
                    lineEnd = n
                }
                var j = lineStart
                var cp: UInt32 = 0
                while j < lineEnd, j - lineStart < 7, let d = hexDigitValue(p[j]) {
                    cp = cp << 4 | UInt32(d)
                    j += 1
                }
                if j > lineStart, j < lineEnd, p[j] == UInt8(ascii: ":") {
                    var end = lineEnd
                    if end > j + 1, p[end - 1] == 0x0D { end -= 1 } // CRLF files
                    let length = end - (j + 1)
                    if length == 32 || length == 64 {
                        codePoints.append(cp)
                        offsets.append(Int32(j + 1))
                        lengths.append(UInt8(length))
                    }
                }
                lineStart = lineEnd + 1
            }
        }
        guard !codePoints.isEmpty else { return nil }
        // Unifont's file is sorted; a hand-made one may not be. Lookups binary-search.
        if zip(codePoints, codePoints.dropFirst()).contains(where: { $0 >= $1 }) {
            let order = codePoints.indices.sorted { codePoints[$0] < codePoints[$1] }
            codePoints = order.map { codePoints[$0] }
            offsets = order.map { offsets[$0] }
            lengths = order.map { lengths[$0] }
        }
        self.bytes = data
        self.codePoints = codePoints
        self.offsets = offsets
        self.lengths = lengths
    }

    func glyph(for codePoint: UInt32) -> BitmapGlyph? {
        var lo = 0, hi = codePoints.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if codePoints[mid] < codePoint { lo = mid + 1 } else { hi = mid }
        }
        guard lo < codePoints.count, codePoints[lo] == codePoint else { return nil }
        let start = Int(offsets[lo])
        let digits = bytes[(bytes.startIndex + start)..<(bytes.startIndex + start + Int(lengths[lo]))]
            .compactMap(hexDigitValue)
        return BitmapGlyph(hexDigits: digits)
    }
}
