// Fixed-window counters for sign-in attempts, per account and per address, held in the process:
// enough to make guessing passwords slow; behind several instances each counts its own share.

export type RateLimit = { attempts: number; windowMs: number };

export type LoginLimits = { perAccount: RateLimit; perAddress: RateLimit };

/** Ten tries per account and fifty per address in fifteen minutes. */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: { attempts: 10, windowMs: 15 * 60 * 1000 },
  perAddress: { attempts: 50, windowMs: 15 * 60 * 1000 },
};

/** Five comments per address in ten minutes: plenty for a person, little for a robot. */
export const DEFAULT_COMMENT_LIMIT: RateLimit = { attempts: 5, windowMs: 10 * 60 * 1000 };

export type RateLimiter = {
  /** Counts one attempt for the key; the seconds to wait when over the limit, else 0. */
  hit(key: string, now: number): number;
  reset(key: string): void;
};

export function createRateLimiter(limit: RateLimit): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    hit(key, now) {
      let window = windows.get(key);
      if (window === undefined || now - window.startedAt >= limit.windowMs) {
        // Old windows are dropped as new ones start, so the map stays the size of recent traffic.
        if (windows.size > 10_000) {
          for (const [k, w] of windows) if (now - w.startedAt >= limit.windowMs) windows.delete(k);
        }
        window = { startedAt: now, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count <= limit.attempts) return 0;
      return Math.max(1, Math.ceil((window.startedAt + limit.windowMs - now) / 1000));
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
