import { Injectable } from '@nestjs/common';

interface Window {
  failures: number[];
}

export interface ThrottleLimits {
  /** Failures allowed per account within the window. */
  perAccount: number;
  /** Failures allowed per client address within the window. */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/**
 * Counts failed logins per account and per client address in a sliding window;
 * while either count is at its limit further attempts are refused without
 * checking the password (so a guessing client learns nothing).
 */
@Injectable()
export class LoginThrottleService {
  private readonly byAccount = new Map<string, Window>();
  private readonly byAddress = new Map<string, Window>();
  limits: ThrottleLimits = { ...DEFAULT_THROTTLE_LIMITS };
  now: () => number = () => Date.now();

  /** Milliseconds until an attempt is allowed again; 0 when allowed now. */
  retryAfter(account: string, address: string): number {
    return Math.max(
      this.wait(this.byAccount, account.toLowerCase(), this.limits.perAccount),
      this.wait(this.byAddress, address, this.limits.perAddress),
    );
  }

  recordFailure(account: string, address: string): void {
    const at = this.now();
    this.push(this.byAccount, account.toLowerCase(), at);
    this.push(this.byAddress, address, at);
  }

  recordSuccess(account: string): void {
    this.byAccount.delete(account.toLowerCase());
  }

  private wait(map: Map<string, Window>, key: string, limit: number): number {
    const window = map.get(key);
    if (!window) return 0;
    const since = this.now() - this.limits.windowMs;
    window.failures = window.failures.filter((t) => t > since);
    if (window.failures.length === 0) map.delete(key);
    if (window.failures.length < limit) return 0;
    return window.failures[window.failures.length - limit] + this.limits.windowMs - this.now();
  }

  private push(map: Map<string, Window>, key: string, at: number): void {
    const window = map.get(key) ?? { failures: [] };
    window.failures.push(at);
    if (window.failures.length > 1000) window.failures.shift();
    map.set(key, window);
  }
}
