import Foundation

/// When and how long to wait before retrying: exponential backoff with jitter on 429 and
/// 5xx, honouring the server's Retry-After.
///
/// "Full jitter" halves: the wait is base·2^attempt scaled by a factor drawn uniformly
/// from [0.5, 1), so many clients hit by the same outage do not retry in lockstep
/// (AWS Architecture Blog, "Exponential Backoff and Jitter"). The draw comes from a
/// seeded SplitMix64 so a session replays with the same waits and tests are exact.
public struct RetryPolicy: Sendable {
    /// Attempts in total, the first included.
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// A Retry-After longer than this fails at once instead of blocking the prompt.
    public var maxRetryAfter: Double
    public var seed: UInt64

    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 30,
                maxRetryAfter: Double = 120, seed: UInt64 = 0x7A9E) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.seed = seed
    }

    public static func retryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// Seconds from a Retry-After value: delta-seconds, or an HTTP-date (RFC 9110 §10.2.3)
    /// measured from `now`. Nil when absent or unreadable.
    public static func retryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        if let s = Double(v), s.isFinite { return max(0, s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let d = f.date(from: v) else { return nil }
        return max(0, d.timeIntervalSince(now))
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, seedable, good enough for jitter.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1) from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }
}
