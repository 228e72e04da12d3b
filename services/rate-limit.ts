/**
 * Per-gateway token buckets, counted in events: a gateway may send `rate`
 * events per second on average and `burst` at once. A batch that does not fit
 * is refused whole (429 with Retry-After) and nothing of it is stored.
 */
export interface RateLimitDecision {
  readonly ok: boolean;
  /** Seconds until the batch would fit (only when !ok). */
  readonly retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `n` tokens from `key`'s bucket if they are all there. */
  take(key: string, n: number): RateLimitDecision {
    if (this.ratePerSecond <= 0) return { ok: true, retryAfterSeconds: 0 };
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.burst, updatedMs: t };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((t - b.updatedMs) / 1000) * this.ratePerSecond);
      b.updatedMs = t;
    }
    if (n <= b.tokens) {
      b.tokens -= n;
      return { ok: true, retryAfterSeconds: 0 };
    }
    const missing = Math.min(n, this.burst) - b.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.ratePerSecond)) };
  }
}
