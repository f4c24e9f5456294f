import Foundation

/// The best wall time of `repeats` runs of `body`, in nanoseconds, with its results
/// folded into `sink` so the optimiser cannot drop the work. Nil (after printing why)
/// when `body` throws.
func bestTime(_ name: String, repeats: Int, _ body: () throws -> Int) -> (ns: Double, sink: Int)? {
    var sink = 0
    let clock = ContinuousClock()
    var best = Duration.seconds(1000)
    for _ in 0..<repeats {
        let start = clock.now
        do { sink &+= try body() } catch { print("\(name): failed: \(error)"); return nil }
        best = min(best, clock.now - start)
    }
    return (Double(best.components.seconds) * 1e9 + Double(best.components.attoseconds) / 1e9, sink)
}

/// CPU time of `clock` (this thread's or the whole process's), user and system, in ns.
func cpuTime(_ clock: clockid_t) -> UInt64 {
    var ts = timespec()
    clock_gettime(clock, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// CPU time consumed by the calling thread, user and system.
func threadCPUNanoseconds() -> Double { Double(cpuTime(CLOCK_THREAD_CPUTIME_ID)) }
