// swift-tools-version:6.0
// Fayuan (法援): keyboard-only terminal console for public legal service centres.
// Layout and dependency direction: ../shared/design/DESIGN.md and README.md.
import PackageDescription

/// `pkg-config --cflags pangocairo` on Debian (both multiarch triplets for glib's config header).
let pangoIncludes = [
    "/usr/include/pango-1.0", "/usr/include/glib-2.0", "/usr/lib/x86_64-linux-gnu/glib-2.0/include",
    "/usr/lib/aarch64-linux-gnu/glib-2.0/include", "/usr/include/harfbuzz", "/usr/include/freetype2",
    "/usr/include/libpng16", "/usr/include/fribidi", "/usr/include/cairo", "/usr/include/pixman-1",
]

let package = Package(
    name: "fayuan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "fayuan", targets: ["fayuan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The shared store's second engine (issue 25): PostgreSQL's wire protocol in Swift, with TLS.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The only place that sees ncursesw. No pkgConfig: SwiftPM drops its cflags
        // (see shim.h for why NCURSES_WIDECHAR is defined there instead).
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Spreadsheet output for reports (.xlsx); the header and library are in the default paths.
        .systemLibrary(
            name: "CXlsxWriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // Text layout and PDF for the printed documents: Pango + Cairo with fontconfig (Noto CJK).
        // No pkgConfig: SwiftPM warns about glib's -pthread and drops it; the include paths
        // (`pkg-config --cflags pangocairo` on Debian) are given to FayuanDocuments instead.
        .systemLibrary(
            name: "CPangoCairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "fonts-noto-cjk"])]
        ),
        // Pango/Cairo and libxlsxwriter loaded with dlopen on first use, so that start-up does not
        // load ~40 shared libraries (the modulemaps above declare no `link`): see its header.
        .target(
            name: "CLazyLibraries",
            cSettings: [.unsafeFlags(pangoIncludes.map { "-I" + $0 })],
            linkerSettings: [.linkedLibrary("dl")]
        ),
        // The documents as a typed model, rendered to UTF-8 text and to PDF (A4, GB/T 9704 manner).
        .target(
            name: "FayuanDocuments",
            dependencies: ["CPangoCairo", "CLazyLibraries", "TerminalKit", "FayuanCore"],
            swiftSettings: [.unsafeFlags(pangoIncludes.flatMap { ["-Xcc", "-I" + $0] })]
        ),
        // The domain, pure Swift, no I/O: IDs, ages, calendar, lifecycle, queue, roster, subsidy.
        .target(name: "FayuanCore"),
        // Rule sets as data (YAML, embedded), layered by region and date; evaluation with citations.
        .target(
            name: "FayuanRules",
            dependencies: ["FayuanCore", .product(name: "Yams", package: "Yams")]
        ),
        // The case store: SQLite through GRDB (embedded default), PostgreSQL through PostgresNIO (shared).
        .target(
            name: "FayuanStore",
            dependencies: [
                "FayuanCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Terminal toolkit, no domain knowledge.
        .target(name: "TerminalKit", dependencies: ["CNcursesw"]),
        // Screens and the app loop.
        .target(
            name: "FayuanApp",
            dependencies: ["TerminalKit", "FayuanStore", "FayuanRules", "FayuanCore", "CXlsxWriter", "CLazyLibraries", "FayuanDocuments"]
        ),
        .executableTarget(
            name: "fayuan",
            dependencies: [
                "FayuanApp", "FayuanStore", "FayuanRules", "FayuanCore", "TerminalKit", "FayuanDocuments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Swift runtime and Foundation linked in: start-up does not load and relocate a dozen
            // shared libraries (BENCHMARKS.md, start-up).
            // (FayuanDocuments' Pango headers are seen through its module, hence the include paths.)
            swiftSettings: [.unsafeFlags(["-static-stdlib"] + pangoIncludes.flatMap { ["-Xcc", "-I" + $0] })],
            // lld: GNU ld warns about the static Foundation's use of mktemp(3) (glibc's link-time note).
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"])]
        ),
        // Benchmarks for BENCHMARKS.md (not part of the console).
        .executableTarget(
            name: "fayuan-bench",
            dependencies: [
                "FayuanApp", "FayuanStore", "FayuanRules", "FayuanCore", "TerminalKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Screen-snapshot assertions shared by the test targets (not part of the product).
        .target(name: "TerminalKitTesting", dependencies: ["TerminalKit"], path: "Tests/Support/TerminalKitTesting"),
        .testTarget(name: "FayuanCoreTests", dependencies: ["FayuanCore"]),
        .testTarget(name: "FayuanDocumentsTests", dependencies: ["FayuanDocuments"]),
        .testTarget(name: "FayuanRulesTests", dependencies: ["FayuanRules", "FayuanCore"]),
        .testTarget(name: "FayuanStoreTests", dependencies: ["FayuanStore", "FayuanCore"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "TerminalKitTesting"]),
        .testTarget(name: "FayuanAppTests", dependencies: ["FayuanApp", "FayuanDocuments", "TerminalKit", "TerminalKitTesting", "FayuanStore", "FayuanRules", "FayuanCore"]),
        // Drives the real binary in a private tmux server; needs `swift build` first (make test does it).
        .testTarget(name: "EndToEndTests", dependencies: []),
    ]
)
