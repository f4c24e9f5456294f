import Foundation
import Synchronization
import TapeCore
import TapeData
import TapeShell

/// The market-scale figures (issue 20): a synthetic universe shaped like 2,567 NYSE
/// symbols × 22 years, loaded from a folder of CSV files, saved to and loaded from the
/// store, loaded from a local SeaweedFS over S3, scanned and swept; each step's time is
/// set against the machine's measured memory bandwidth (the bytes the step must move at
/// the least, divided by the fastest this machine copies memory), so the report says how
/// far each step is from the hardware's limit.
///
/// Peak memory is measured in a child process per step (`tape-bench scale-step ...`), so
/// one step's high-water mark is not another's; it is set against the bars' own size.
/// The universe is written once into .build/bench-universe and reused while its
/// parameters are unchanged. `TAPE_BENCH_SYMBOLS` makes a smaller one (e.g. 300).
func benchScale() {
    let symbols = Int(ProcessInfo.processInfo.environment["TAPE_BENCH_SYMBOLS"] ?? "") ?? 2567
    let generator = SyntheticUniverse(symbols: symbols)
    let folder = ".build/bench-universe-\(symbols)-v2"
    let marker = folder + "/.complete"
    if !FileManager.default.fileExists(atPath: marker) {
        try? FileManager.default.removeItem(atPath: folder)
        print("scale: writing the synthetic universe (\(symbols) symbols × \(generator.years) years) to \(folder)")
        let start = ContinuousClock.now
        do {
            let s = try generator.write(to: folder)
            try "\(s.files) \(s.bars) \(s.bytes) \(s.late) \(s.delisted) \(s.withGaps)\n".write(toFile: marker, atomically: true, encoding: .utf8)
        } catch {
            print("scale: cannot write the universe: \(error)")
            return
        }
        print("scale: written in \(seconds(ContinuousClock.now - start)) s")
    }
    let facts = ((try? String(contentsOfFile: marker, encoding: .utf8)) ?? "").split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard facts.count == 6 else { print("scale: \(marker) unreadable; delete \(folder)"); return }
    print("scale: universe \(facts[0]) symbols, \(facts[1]) bars, \(facts[2] >> 20) MB of CSV; \(facts[3]) listed late, "
          + "\(facts[4]) delisted, \(facts[5]) with a trading halt")

    let bandwidth = MemoryBandwidth.measure()
    print("scale: memory bandwidth (copy, bytes read + written per second): one thread \(gb(bandwidth.one)) GB/s, "
          + "two threads \(gb(bandwidth.two)) GB/s; the floor below uses the faster")
    let floorRate = max(bandwidth.one, bandwidth.two)
    let loadAverage = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
    print("scale: load average before the steps \(loadAverage) (\(ProcessInfo.processInfo.activeProcessorCount) cores)")

    let work = NSTemporaryDirectory() + "tape-scale-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let store = work + "/store.db"

    func report(_ name: String, _ r: StepResult?, moved: (StepResult) -> Double, goal: String) {
        guard let r else { return }
        let floor = moved(r) / floorRate
        print(String(format: "%@: %.3f s (%.1f ns/bar; %.2f s of CPU in the process) for %d bars; floor %.3f s (%.0f MB at %.1f GB/s) = %.0f%% of the limit; "
                     + "peak memory +%d MB = %.2f× the bars' %d MB; goal %@",
                     name, r.seconds, r.seconds * 1e9 / Double(max(r.bars, 1)), r.cpu, r.bars, floor, moved(r) / 1e6, floorRate / 1e9,
                     100 * floor / max(r.seconds, 1e-9), r.peakGrowth >> 20, Double(r.peakGrowth) / Double(max(r.barBytes, 1)),
                     r.barBytes >> 20, goal))
    }
    let csvBytes = Double(facts[2])
    for _ in 0..<3 {
        report("scale.load universe from CSV folder", runStep(["load-folder", folder]), moved: { csvBytes + Double($0.barBytes) },
               goal: "≤ 2 s")
    }
    report("scale.save universe to a new store", runStep(["save-store", folder, store]), moved: { 2 * Double($0.barBytes) },
           goal: "≤ 1 µs/bar")
    for _ in 0..<3 {
        report("scale.load universe from the store", runStep(["load-store", store]), moved: { 2 * Double($0.barBytes) },
               goal: "≤ 1 s and ≤ 50 ns/bar")
    }
    benchScaleS3(folder: folder, work: work, csvBytes: csvBytes, report: report)
    benchScaleScan(store: store)
}

/// What a child step reports: wall seconds of the step alone, bars and their bytes, and
/// the growth of the resident set's high-water mark over the step.
struct StepResult {
    var seconds: Double
    var bars: Int
    var barBytes: Int
    var peakGrowth: Int
    /// CPU seconds of the whole child process (both cores, user and system): on a shared
    /// machine the wall time depends on the neighbours, this much less.
    var cpu: Double
}

/// Runs `tape-bench scale-step ARGS` and reads its `RESULT` line.
func runStep(_ args: [String], environment: [String: String] = [:]) -> StepResult? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/proc/self/exe")
    p.arguments = ["scale-step"] + args
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    p.standardOutput = out
    do { try p.run() } catch { print("scale: cannot start a step: \(error)"); return nil }
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("RESULT ") }) else {
        print("scale: step \(args.first ?? "") failed: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        return nil
    }
    var v: [String: Double] = [:]
    for kv in line.dropFirst(7).split(separator: " ") {
        let parts = kv.split(separator: "=")
        if parts.count == 2, let x = Double(parts[1]) { v[String(parts[0])] = x }
    }
    return StepResult(seconds: v["seconds"] ?? .nan, bars: Int(v["bars"] ?? 0), barBytes: Int(v["barBytes"] ?? 0),
                      peakGrowth: Int(v["peakGrowth"] ?? 0), cpu: v["cpu"] ?? .nan)
}

/// The child side: one step, timed, with its memory high-water mark.
func scaleStep(_ args: [String]) {
    let baseline = ProcessMemory.resident()
    ProcessMemory.resetPeak()
    let start = ContinuousClock.now
    var universe: Universe?
    do {
        switch args.first {
        case "load-folder":
            universe = try Universe.load(folder: args[1])
        case "save-store":
            let u = try Universe.load(folder: args[1])
            let store = try Store(path: args[2])
            let saveStart = ContinuousClock.now
            _ = try store.save(u.members.map { ($0, "bench") })
            print(result(seconds(ContinuousClock.now - saveStart), u, baseline: baseline))
            return
        case "load-store":
            universe = try Universe.load(store: try Store(path: args[1]), name: "u")
        case "load-s3":
            let env = ProcessInfo.processInfo.environment
            let config = try S3Config.fromEnvironment(env)
            universe = try Universe.load(s3: S3Client(http: RetryingHTTPClient(base: CurlHTTPClient()), config: config),
                                         url: args[1])
        default:
            print("scale-step: unknown step \(args.first ?? "")")
            return
        }
    } catch {
        print("scale-step: \(error)")
        return
    }
    if let u = universe { print(result(seconds(ContinuousClock.now - start), u, baseline: baseline)) }
}

func result(_ seconds: Double, _ u: Universe, baseline: Int) -> String {
    "RESULT seconds=\(seconds) bars=\(u.barCount) barBytes=\(u.byteCount) peakGrowth=\(max(0, ProcessMemory.peak() - baseline))"
        + " failures=\(u.failures.count) cpu=\(Double(cpuTime(CLOCK_PROCESS_CPUTIME_ID)) / 1e9)"
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
func gb(_ bytesPerSecond: Double) -> String { String(format: "%.1f", bytesPerSecond / 1e9) }

/// The resident set of this process, from /proc (Linux); 0 elsewhere.
enum ProcessMemory {
    static func field(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return kb * 1024
        }
        return 0
    }
    static func resident() -> Int { field("VmRSS") }
    static func peak() -> Int { field("VmHWM") }
    /// Linux resets VmHWM to the current resident set when 5 is written to clear_refs.
    static func resetPeak() { try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8) }
}

/// The fastest this machine copies memory, one thread and two: 256 MB copied between two
/// buffers, best of five, counting bytes read plus bytes written.
enum MemoryBandwidth {
    static func measure() -> (one: Double, two: Double) {
        let n = 256 << 20
        let a = UnsafeMutableRawPointer.allocate(byteCount: n, alignment: 64)
        let b = UnsafeMutableRawPointer.allocate(byteCount: n, alignment: 64)
        defer { a.deallocate(); b.deallocate() }
        memset(a, 1, n)
        memset(b, 2, n)
        func best(_ threads: Int) -> Double {
            var fastest = Double.infinity
            let half = n / threads
            let src = UInt(bitPattern: a), dst = UInt(bitPattern: b)
            for _ in 0..<5 {
                let start = ContinuousClock.now
                DispatchQueue.concurrentPerform(iterations: threads) { k in
                    let from = UnsafeRawPointer(bitPattern: src + UInt(k * half)), to = UnsafeMutableRawPointer(bitPattern: dst + UInt(k * half))
                    if let from, let to { memcpy(to, from, half) }
                }
                fastest = min(fastest, seconds(ContinuousClock.now - start))
            }
            return Double(2 * n) / fastest
        }
        return (best(1), best(2))
    }
}

/// The universe from a local SeaweedFS (the S3 tests' server, Tests/Servers/s3_server.py)
/// through Tape's S3 client; skipped when the server is not installed (`make test-servers`).
func benchScaleS3(folder: String, work: String, csvBytes: Double, report: (String, StepResult?, (StepResult) -> Double, String) -> Void) {
    let weed = ".build/venv-s3/bin/weed"
    guard FileManager.default.isExecutableFile(atPath: weed) else {
        print("scale.load universe from S3: skipped (\(weed) missing: run make test-servers)")
        return
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let (access, secret) = ("benchkey", "benchsecret")
    p.arguments = ["python3", "Tests/Servers/s3_server.py", weed, work + "/s3", access, secret, "bench", folder]
    p.environment = ProcessInfo.processInfo.environment.merging(["S3_VOLUME_MB": "1024", "S3_UPLOAD_THREADS": "8"]) { $1 }
    let out = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardInput = input
    do { try p.run() } catch { print("scale.load universe from S3: cannot start the server: \(error)"); return }
    defer {
        try? input.fileHandleForWriting.close()
        p.waitUntilExit()
    }
    print("scale: uploading the universe to SeaweedFS (not timed)")
    // Whole lines until the server's PORT or FAILED line (or its end).
    var line = "", current = ""
    let reader = out.fileHandleForReading
    while true {
        let byte = reader.readData(ofLength: 1)
        if byte.isEmpty { break }
        if byte == Data([10]) {
            if current.hasPrefix("PORT ") || current.hasPrefix("FAILED") { line = current; break }
            current = ""
        } else {
            current += String(decoding: byte, as: UTF8.self)
        }
    }
    guard line.hasPrefix("PORT "), let port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) else {
        print("scale.load universe from S3: the server did not start (\(line))")
        return
    }
    let env = ["AWS_ACCESS_KEY_ID": access, "AWS_SECRET_ACCESS_KEY": secret, "AWS_ENDPOINT_URL_S3": "http://127.0.0.1:\(port)",
               "AWS_REGION": "us-east-1"]
    for _ in 0..<3 {
        report("scale.load universe from S3 (SeaweedFS on loopback)", runStep(["load-s3", "s3://bench/universe/"], environment: env),
               { csvBytes + Double($0.barBytes) }, "≤ 5 s")
    }
}

/// `scan` through the shell over the universe loaded from the store, best of five, and
/// the bytes it must read at the least: the closing prices of every bar.
func benchScaleScan(store: String) {
    let out = CapturedOutput()
    let shell = Shell(output: out)
    guard shell.run(line: "set store \"\(store)\"") == .ok, shell.run(line: "load universe u from store") == .ok else {
        print("scale.scan: cannot load the universe: \(out.take())")
        return
    }
    let loaded = out.take()
    let words = loaded.joined(separator: " ").split(separator: " ").map(String.init)
    var bars = 0
    if let i = words.firstIndex(where: { $0.hasPrefix("bars") }), i > 0 { bars = Int(words[i - 1]) ?? 0 }
    let query = "scan u where close > sma(close, 200) rank by pct(close, 126) top 10"
    var best = Double.infinity
    for _ in 0..<5 {
        _ = out.take()
        let start = ContinuousClock.now
        guard shell.run(line: query) == .ok else { print("scale.scan: failed: \(out.take())"); return }
        best = min(best, seconds(ContinuousClock.now - start))
    }
    print(String(format: "scale.scan %@ over %d bars: %.1f ms (best of 5); goal ≤ 20 ms", query, bars, best * 1e3))
}
