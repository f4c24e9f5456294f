import Foundation
import TapeCore

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
    /// All the waits of one request together: a server that answers every attempt with a
    /// Retry-After just under `maxRetryAfter` cannot hold the shell for attempts × that.
    public var maxTotalWait: Double
    public var seed: UInt64

    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 30,
                maxRetryAfter: Double = 120, maxTotalWait: Double = 180, seed: UInt64 = 0x7A9E) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.maxTotalWait = maxTotalWait
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

