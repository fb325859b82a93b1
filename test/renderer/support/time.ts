/** Freezes Date at the scenarios' NOW (timers stay real, so testing-library's waitFor works). */
import { afterEach, beforeEach, vi } from 'vitest';
import { NOW } from './scenarios.ts';

export function freezeDate(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
