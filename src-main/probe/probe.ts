/**
 * One snapshot of an account through the app's own code, for support and for checks against
 * independent mocks (`npm run probe`, scripts/probe.ts): the REST source's refresh, or the Unified
 * WebSocket stream until every channel has delivered its current state (reconnecting as the app
 * does if the connection drops first), then the health the app would show, with default thresholds,
 * and each position with its mark price, PnL and liquidation price (docs/LIQUIDATION.md).
 */
import { AppError } from '../errors.ts';
import { systemClock } from '../../src-shared/clock.ts';
import { KrakenClient } from '../kraken/client.ts';
import type { AccountSnapshot } from '../../src-shared/account-model.ts';
import { NonceSequences } from '../kraken/nonce.ts';
import { RestDataSource } from '../kraken/rest-data-source.ts';
import type { FetchFunction } from '../kraken/transport.ts';
import { UwsAccountStream } from '../kraken/uws/uws-account-stream.ts';
import { DEFAULT_ALERT_RULES } from '../../src-shared/alert-model.ts';
import { evaluateHealth } from '../monitor/health.ts';
import type { HealthReport } from '../../src-shared/health-model.ts';
import { productionAddresses, type DataSourceKind } from '../../src-shared/profile.ts';
import type { Credentials } from '../profiles/secret-store.ts';
import type { PositionRisk } from '../../src-shared/risk-model.ts';
import { buildRiskReport } from '../risk/risk-report.ts';

export interface ProbeOptions {
  readonly source: DataSourceKind;
  readonly credentials: Credentials;
  /** REST host: the Futures API for `rest`, Spot REST (tokens) for `uws`; production when absent. */
  readonly baseUrl?: string;
  /** `uws` only: the WebSocket; production when absent. */
  readonly streamUrl?: string;
  readonly appVersion: string;
  /** How long a `uws` probe waits for every channel's current state. */
  readonly timeoutMs: number;
  readonly fetch?: FetchFunction;
}

export interface ProbeResult {
  readonly source: DataSourceKind;
  readonly snapshot: AccountSnapshot;
  readonly health: HealthReport;
  /** Every position with its mark price, PnL and liquidation price (the exchange's or the estimate). */
  readonly positions: readonly PositionRisk[];
}

const PROFILE_ID = 'probe';

function timedOut(timeoutMs: number): AppError {
  return new AppError({
    kind: 'probeTimeout',
    message: `Not every channel delivered its current state within ${timeoutMs} ms.`,
    action: 'Check the WebSocket address and the network, or give the probe more time (--timeout-ms).',
    retryable: true,
  });
}

function streamSnapshot(options: ProbeOptions, baseUrl: string, streamUrl: string): Promise<AccountSnapshot> {
  const stream = new UwsAccountStream({
    appVersion: options.appVersion,
    targetOf: async () => ({ baseUrl, streamUrl, getCredentials: async () => options.credentials }),
    // In memory: the probe is one process with one key, its nonces start from the clock.
    nonces: new NonceSequences(systemClock),
    fetch: options.fetch,
    onError: () => undefined,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(timedOut(options.timeoutMs))), options.timeoutMs);
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      handle.close();
      settle();
    };
    const handle = stream.open(PROFILE_ID, {
      changed: () => {
        const snapshot = handle.current();
        if (snapshot !== null) finish(() => resolve(snapshot));
      },
      alive: () => undefined,
      connection: (event) => {
        if (event.kind === 'failed') finish(() => reject(event.error));
      },
    });
  });
}

export async function probe(options: ProbeOptions): Promise<ProbeResult> {
  const production = productionAddresses(options.source);
  const baseUrl = options.baseUrl ?? production.baseUrl;
  let snapshot: AccountSnapshot;
  if (options.source === 'uws') {
    snapshot = await streamSnapshot(options, baseUrl, options.streamUrl ?? production.streamUrl ?? '');
  } else {
    const client = new KrakenClient({ baseUrl, appVersion: options.appVersion, fetch: options.fetch, getCredentials: async () => options.credentials });
    snapshot = await new RestDataSource({ clientFor: () => client }).fetchSnapshot(PROFILE_ID);
  }
  return { source: options.source, snapshot, health: evaluateHealth(snapshot, DEFAULT_ALERT_RULES), positions: buildRiskReport(snapshot).positions };
}
