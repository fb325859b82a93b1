import { describe, expect, it } from 'vitest';
import { BUDGET_WINDOW_MS, CLIENT_BUDGET_WINDOW_MS, CostBudget, CostBudgets } from '../../../src-main/kraken/budget.ts';
import { NonceSequences } from '../../../src-main/kraken/nonce.ts';
import { backoffDelay, DEFAULT_RETRY, MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../src-main/kraken/retry-policy.ts';
import { ManualClock } from './manual-clock.ts';

describe('CostBudget', () => {
  it('spends up to 500 per 10 s and refuses more', () => {
    const clock = new ManualClock();
    const budget = new CostBudget(clock);
    for (let i = 0; i < 250; i++) expect(budget.tryConsume(2)).toBe(true);
    expect(budget.available()).toBe(0);
    expect(budget.tryConsume(2)).toBe(false);
    expect(budget.tryConsume(0)).toBe(true);
    clock.advance(9_999);
    expect(budget.tryConsume(2)).toBe(false);
    clock.advance(1);
    expect(budget.available()).toBe(500);
  });

  it('refills as old spends leave the sliding window', () => {
    const clock = new ManualClock();
    const budget = new CostBudget(clock);
    budget.tryConsume(300);
    clock.advance(4_000);
    budget.tryConsume(200);
    expect(budget.waitTime(2)).toBe(6_000);
    clock.advance(6_000);
    expect(budget.available()).toBe(300);
    expect(budget.waitTime(301)).toBe(4_000);
  });

  it('waits rather than overspends', async () => {
    const clock = new ManualClock();
    const budget = new CostBudget(clock);
    budget.tryConsume(499);
    let acquired = false;
    const pending = budget.acquire(2).then(() => (acquired = true));
    await Promise.resolve();
    expect(acquired).toBe(false);
    expect(clock.pending()).toEqual([10_000]);
    clock.advance(10_000);
    await pending;
    expect(acquired).toBe(true);
    expect(budget.available()).toBe(498);
  });

  it('stops waiting when aborted', async () => {
    const clock = new ManualClock();
    const budget = new CostBudget(clock);
    budget.exhaust();
    const controller = new AbortController();
    const pending = budget.acquire(2, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('after exhaust() waits a full window', async () => {
    const clock = new ManualClock();
    const budget = new CostBudget(clock);
    budget.exhaust();
    expect(budget.waitTime(2)).toBe(10_000);
    await expect(budget.acquire(501)).rejects.toThrow(RangeError);
  });

  it('is shared per API key, with the client window by default', () => {
    const budgets = new CostBudgets(new ManualClock());
    expect(budgets.for('a')).toBe(budgets.for('a'));
    expect(budgets.for('a')).not.toBe(budgets.for('b'));
    budgets.for('a').exhaust();
    expect(budgets.for('a').waitTime(2)).toBe(CLIENT_BUDGET_WINDOW_MS);
    expect(new CostBudgets(new ManualClock(), BUDGET_WINDOW_MS).for('a').waitTime(2)).toBe(0);
  });
});

describe('NonceSequences', () => {
  it('increases strictly per key even when the clock stands still or goes back', () => {
    const clock = new ManualClock(1_000);
    const nonces = new NonceSequences(clock);
    expect(nonces.next('k')).toBe('1000');
    expect(nonces.next('k')).toBe('1001');
    expect(nonces.next('other')).toBe('1000');
    clock.advance(5);
    expect(nonces.next('k')).toBe('1005');
  });

  it('sends the requests of one key one at a time, in nonce order', async () => {
    const nonces = new NonceSequences(new ManualClock(1));
    const order: string[] = [];
    let release: () => void = () => {};
    const first = nonces.withNonce('k', async (nonce) => {
      order.push(`start ${nonce}`);
      await new Promise<void>((resolve) => (release = resolve));
      order.push(`end ${nonce}`);
    });
    const second = nonces.withNonce('k', async (nonce) => {
      order.push(`start ${nonce}`);
    });
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(order).toEqual(['start 1']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start 1', 'end 1', 'start 2']);
  });

  it('keeps going after a failed request', async () => {
    const nonces = new NonceSequences(new ManualClock(1));
    await expect(nonces.withNonce('k', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(nonces.withNonce('k', async (nonce) => nonce)).resolves.toBe('2');
  });
});

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelay(DEFAULT_RETRY, 0, () => 0.999999, null)).toBe(500);
    expect(backoffDelay(DEFAULT_RETRY, 1, () => 0.5, null)).toBe(500);
    expect(backoffDelay(DEFAULT_RETRY, 10, () => 0.999999, null)).toBe(8_000);
    expect(backoffDelay(DEFAULT_RETRY, 0, () => 0, null)).toBe(0);
    expect(backoffDelay(DEFAULT_RETRY, 0, () => 0, 3_000)).toBe(3_000);
  });

  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter(new Date(now + 5_000).toUTCString(), now)).toBe(5_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('never waits longer than five minutes, whatever Retry-After asks (a day would stop a profile for a day)', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(new Date(now + 86_400_000).toUTCString(), now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('1e308', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBe(300_000);
  });
});
