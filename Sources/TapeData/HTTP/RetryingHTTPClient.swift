import Foundation
import TapeCore

/// Wraps any client: retries 429, 5xx and dropped transfers per `RetryPolicy`, then turns
/// a final non-2xx status into an `HTTPError` with a message saying what to check.
public final class RetryingHTTPClient: HTTPClient {
    public let base: HTTPClient
    public let policy: RetryPolicy
    public let cancellation: CancellationToken
    /// Waits the given seconds; throws to stop (cancellation). Injected so tests record
    /// the waits instead of sleeping.
    public let sleep: (Double) throws -> Void
    private var rng: SplitMix64
    /// Every wait taken, in seconds, for tests and the progress line.
    public private(set) var waits: [Double] = []

    public init(base: HTTPClient, policy: RetryPolicy = RetryPolicy(), cancellation: CancellationToken = .global,
                sleep: ((Double) throws -> Void)? = nil) {
        self.base = base
        self.policy = policy
        self.cancellation = cancellation
        self.rng = SplitMix64(seed: policy.seed)
        self.sleep = sleep ?? { [cancellation] s in try RetryingHTTPClient.interruptibleSleep(s, cancellation) }
    }

    public func get(_ request: HTTPRequest, progress: HTTPProgress?) throws -> HTTPResponse {
        let shown = request.redactedURL
        var attempt = 0
        var waited = 0.0
        while true {
            attempt += 1
            let last = attempt >= max(1, policy.maxAttempts)
            var retryAfter: Double?
            do {
                let r = try base.get(request, progress: progress)
                if (200...299).contains(r.status) { return r }
                guard RetryPolicy.retryable(status: r.status), !last else {
                    throw HTTPError.status(code: r.status, url: shown, attempts: attempt, hint: request.credentialHint,
                                           serverCode: HTTPError.serverCode(in: r.body))
                }
                retryAfter = RetryPolicy.retryAfter(r.headers["retry-after"])
            } catch let error as HTTPError {
                // A dropped connection is worth another try; anything else is final.
                guard case .truncated = error, !last else { throw error }
            }
            let backoff = min(policy.maxDelay, policy.baseDelay * pow(2, Double(attempt - 1))) * (0.5 + 0.5 * rng.unit())
            if let ra = retryAfter, ra > policy.maxRetryAfter {
                throw HTTPError.retryAfterTooLong(url: shown, seconds: ra)
            }
            let wait = retryAfter.map { max($0, 0) } ?? backoff
            if waited + wait > policy.maxTotalWait {
                throw HTTPError.retryAfterTooLong(url: shown, seconds: waited + wait)
            }
            waited += wait
            waits.append(wait)
            try sleep(wait)
            if cancellation.isCancelled { throw HTTPError.cancelled(url: shown) }
        }
    }

    /// Sleeps in 50 ms slices so Ctrl-C during a backoff is felt at once.
    static func interruptibleSleep(_ seconds: Double, _ c: CancellationToken) throws {
        var left = seconds
        while left > 0 {
            if c.isCancelled { return }
            let slice = min(left, 0.05)
            Thread.sleep(forTimeInterval: slice)
            left -= slice
        }
    }
}
