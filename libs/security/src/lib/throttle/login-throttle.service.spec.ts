import { describe, expect, it } from 'vitest';
import { LoginThrottleService } from './login-throttle.service';

describe('LoginThrottleService', () => {
  const make = () => {
    const throttle = new LoginThrottleService();
    let clock = 1_000_000;
    throttle.now = () => clock;
    throttle.limits = { perAccount: 3, perAddress: 5, windowMs: 60_000 };
    return { throttle, advance: (ms: number) => (clock += ms) };
  };

  it('blocks an account after its failure limit and releases it when the window slides', () => {
    const { throttle, advance } = make();
    for (let i = 0; i < 3; i++) throttle.recordFailure('Alice', '10.0.0.1');
    expect(throttle.retryAfter('alice', '10.0.0.2')).toBe(60_000);
    advance(60_001);
    expect(throttle.retryAfter('alice', '10.0.0.2')).toBe(0);
  });

  it('blocks a client address guessing across many accounts', () => {
    const { throttle } = make();
    for (let i = 0; i < 5; i++) throttle.recordFailure(`user${i}`, '10.0.0.9');
    expect(throttle.retryAfter('someone-else', '10.0.0.9')).toBeGreaterThan(0);
    expect(throttle.retryAfter('someone-else', '10.0.0.8')).toBe(0);
  });

  it('forgets an account’s failures after a successful login', () => {
    const { throttle } = make();
    throttle.recordFailure('bob', '10.0.0.1');
    throttle.recordFailure('bob', '10.0.0.1');
    throttle.recordSuccess('bob');
    throttle.recordFailure('bob', '10.0.0.1');
    expect(throttle.retryAfter('bob', '10.0.0.3')).toBe(0);
  });
});
