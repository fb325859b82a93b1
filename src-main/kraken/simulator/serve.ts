/**
 * Runs a simulated exchange on loopback HTTP from the command line, for benchmarks (which measure
 * the client in another process, so the server's work is not counted) and for trying the app
 * against a local exchange:
 *
 *   node src-main/kraken/simulator/serve.ts --subaccounts 1000 --keys 2 [--desk 200] [--port 0] [--style docs|2026] [--heartbeat-ms 1000]
 *
 * Prints one JSON line `{"url": ..., "uwsUrl": ..., "keys": [{"apiKey", "apiSecret"}, ...], "members": [...]}`
 * once listening (REST and Spot REST at `url`, the Unified WebSocket at `uwsUrl`; the keys open
 * nothing but this simulator) and serves until stdin closes or SIGTERM. `--desk N` adds N
 * subaccounts with a Kraken API key each (./desk-exchange.ts), listed in `members`.
 */
import { parseArgs } from 'node:util';
import { createDeskExchange } from './desk-exchange.ts';
import { DOCS_STYLE, REAL_2026_STYLE } from './render.ts';

const { values } = parseArgs({
  options: {
    subaccounts: { type: 'string', default: '1' },
    keys: { type: 'string', default: '1' },
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    style: { type: 'string', default: 'docs' },
    'heartbeat-ms': { type: 'string', default: '1000' },
    desk: { type: 'string', default: '0' },
  },
});

const { exchange, keys: members } = createDeskExchange({
  members: Number(values.desk),
  seed: Number(values.seed),
  style: values.style === '2026' ? REAL_2026_STYLE : DOCS_STYLE,
});
exchange.setCash('xbt', '0.5');
exchange.deposit('USD', '10000');
exchange.deposit('BTC', '0.25');
exchange.openPosition({ symbol: 'pf_xbtusd', size: '0.5', entryPrice: '63000' });
exchange.setWalletBalance('xbt', '0.05');
exchange.openPosition({ symbol: 'pi_xbtusd', size: '2000', entryPrice: '61000' });
exchange.addSubaccounts(Number(values.subaccounts));
const keys = Array.from({ length: Number(values.keys) }, () => exchange.addKey());

const server = await exchange.listen({ port: Number(values.port), uws: { heartbeatMs: Number(values['heartbeat-ms']) } });
process.stdout.write(`${JSON.stringify({ url: server.url, uwsUrl: server.uwsUrl, keys, members })}\n`);

const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
