// swift-tools-version:6.0
// Tape: a line-editing shell for trading research.
// The target graph enforces the layering described in docs/ARCHITECTURE.md:
//   TapeCore (pure), TapeSamples (data) <- TapeData (disk, network) <- TapeShell (language, sessions, terminal) <- tape
//   TapeCore <- TapeModels (features, labels, validation; XGBoost, LIBLINEAR, LIBSVM) <- TapeShell
import PackageDescription

let package = Package(
    name: "Tape",
    // macOS 15 for the Synchronization module (Mutex, Atomic); Linux has it with Swift 6.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tape", targets: ["tape"]),
        .executable(name: "tape-bench", targets: ["tape-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        // Markdown prose of session notebooks rendered to HTML.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // The live market-data stream's WebSocket client (TLS, auto-ping, async API).
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
    ],
    targets: [
        // System libraries: libedit for line editing, libcurl for HTTP. Each has a shim
        // header with typed wrappers for the variadic C calls Swift cannot make.
        .systemLibrary(name: "CLibEdit", path: "Sources/CLibEdit", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        // Machine learning through Debian's libraries: XGBoost's C API (libxgboost-dev),
        // LIBLINEAR (liblinear-dev) and LIBSVM (libsvm-dev). The last two ship no
        // pkg-config file, so each module map names its library with `link`.
        .systemLibrary(name: "CXGBoost", path: "Sources/CXGBoost", providers: [.apt(["libxgboost-dev"])]),
        .systemLibrary(name: "CLinear", path: "Sources/CLinear", providers: [.apt(["liblinear-dev"])]),
        .systemLibrary(name: "CSVM", path: "Sources/CSVM", providers: [.apt(["libsvm-dev"])]),
        // The SIGINT handler and its flag, in C so the flag has one definition with
        // external linkage that every module reads (see Sources/CInterrupts/include).
        .target(name: "CInterrupts", path: "Sources/CInterrupts"),

        // The VADER lexicon file and its licence, embedded by scripts/embed-vader.py.
        .target(name: "TapeCore", exclude: ["Sentiment/VADER"]),
        // The embedded sample CSVs as generated string literals (scripts/embed-samples.py
        // from the files in CSV/), apart from TapeData's code.
        .target(name: "TapeSamples", exclude: ["CSV"]),
        .target(name: "TapeData",
                dependencies: ["TapeCore", "TapeSamples", "CCurl", .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "WSClient", package: "swift-websocket"),
                               .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
                               // SQLite's C API, to read the store's blocks without copying them twice.
                               .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // Features, labels, validation and the model strategy; the learners are the libraries.
        .target(name: "TapeModels", dependencies: ["TapeCore", "CXGBoost", "CLinear", "CSVM"]),
        .target(name: "TapeShell", dependencies: ["TapeCore", "TapeData", "TapeModels", "CLibEdit", "CInterrupts", .product(name: "Ink", package: "Ink")]),
        .executableTarget(name: "tape",
                          dependencies: ["TapeShell", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "tape-bench", dependencies: ["TapeCore", "TapeData", "TapeModels", "TapeShell"]),

        // What test targets share: closeness assertions, loopback servers, temporary
        // folders, fixture paths (no Tape module, so TapeCoreTests builds without the rest);
        // and, for the shell's tests, transcripts of lines run through a Shell.
        .target(name: "TapeTestSupport", path: "Tests/TapeTestSupport"),
        .target(name: "TapeShellTestSupport", dependencies: ["TapeShell", "TapeTestSupport"], path: "Tests/TapeShellTestSupport"),

        .testTarget(name: "TapeCoreTests", dependencies: ["TapeCore", "TapeTestSupport"]),
        .testTarget(name: "TapeDataTests", dependencies: ["TapeData", "TapeTestSupport"]),
        .testTarget(name: "TapeModelsTests", dependencies: ["TapeModels", "TapeData", "TapeTestSupport"]),
        .testTarget(name: "TapeShellTests", dependencies: ["TapeShell", "TapeTestSupport", "TapeShellTestSupport"]),
    ]
)
