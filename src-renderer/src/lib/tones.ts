/** Which colour (a `tone-*` class of app.css) each level and state is drawn in. */
import type { AlertLevel, ConnectionState, HealthLevel } from '../../../src-preload/contract.ts';

export type Tone = 'ok' | 'neutral' | 'warn' | 'im' | 'crit' | 'liq' | 'info';

export const HEALTH_TONES: Readonly<Record<HealthLevel, Tone>> = {
  noMargin: 'ok',
  healthy: 'ok',
  unknown: 'neutral',
  warn: 'warn',
  imBreached: 'im',
  critical: 'crit',
  liquidation: 'liq',
};

export const ALERT_TONES: Readonly<Record<AlertLevel, Tone>> = {
  warn: 'warn',
  imBreached: 'im',
  critical: 'crit',
  liquidation: 'liq',
  interrupted: 'info',
};

export const CONNECTION_TONES: Readonly<Record<ConnectionState, Tone>> = {
  live: 'ok',
  refreshing: 'info',
  stale: 'warn',
  offline: 'crit',
  authFailed: 'crit',
  keychainLocked: 'warn',
  switchedOff: 'crit',
  idle: 'neutral',
};
