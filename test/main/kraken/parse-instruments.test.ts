import { describe, expect, it } from 'vitest';
import { KrakenError, SchemaError } from '../../../src-main/kraken/errors.ts';
import { parseInstruments } from '../../../src-main/kraken/parse-instruments.ts';
import { startLoopback } from './loopback.ts';

/** Kraken's OpenAPI example of `/instruments` (trading/public.yml, InstrumentsExample), shortened, plus an index. */
const SPEC_EXAMPLE = `{"instruments":[
 {"symbol":"PI_XBTUSD","pair":"XBT:USD","base":"XBT","quote":"USD","type":"futures_inverse","underlying":"rr_xbtusd",
  "tickSize":0.5,"contractSize":1,"tradeable":true,"marginLevels":[
   {"contracts":0,"initialMargin":0.02,"maintenanceMargin":0.01},
   {"contracts":500000,"initialMargin":0.04,"maintenanceMargin":0.02}],
  "retailMarginLevels":[{"contracts":0,"initialMargin":0.5,"maintenanceMargin":0.25}],"tags":[],"tradfi":false,"mtf":true},
 {"symbol":"PF_XBTUSD","pair":"XBT:USD","base":"XBT","quote":"USD","type":"flexible_futures","tickSize":1,"contractSize":1,
  "tradeable":true,"marginLevels":[
   {"numNonContractUnits":0,"initialMargin":0.02,"maintenanceMargin":0.01},
   {"numNonContractUnits":500000,"initialMargin":0.04,"maintenanceMargin":0.02},
   {"numNonContractUnits":2000000,"initialMargin":0.1,"maintenanceMargin":0.05}],
  "category":"Layer 1","tags":[],"tradfi":false,"mtf":false},
 {"symbol":"in_xbtusd","tradeable":false,"tradfi":false},
 {"symbol":"PF_NEWUSD","type":"perpetual_options","tradeable":true,"tradfi":false,
  "marginLevels":[{"numNonContractUnits":0,"initialMargin":0.1}]}
],"result":"success","serverTime":"2022-06-28T09:29:04.243Z"}`;

describe('parseInstruments', () => {
  const [inverse, linear, index, odd] = parseInstruments(SPEC_EXAMPLE);

  it("reads an inverse contract's levels by contracts, a flexible future's by quote units, exactly", () => {
    expect(inverse).toEqual({
      symbol: 'pi_xbtusd',
      type: 'futures_inverse',
      base: { code: 'BTC', raw: 'XBT' },
      quote: { code: 'USD', raw: 'USD' },
      levelUnit: 'contracts',
      marginLevels: [
        { from: '0', initialMargin: '0.02', maintenanceMargin: '0.01' },
        { from: '500000', initialMargin: '0.04', maintenanceMargin: '0.02' },
      ],
    });
    expect(linear?.levelUnit).toBe('quote');
    expect(linear?.marginLevels.map((level) => level.from)).toEqual(['0', '500000', '2000000']);
  });

  it('keeps indices (no levels) and unknown types; a level without a maintenance rate leaves the contract without levels', () => {
    expect(index).toMatchObject({ symbol: 'in_xbtusd', type: 'unknown', base: null, marginLevels: [] });
    expect(odd).toMatchObject({ symbol: 'pf_newusd', type: 'unknown', marginLevels: [] });
  });

  it('names the path of a wrong figure', () => {
    const broken = SPEC_EXAMPLE.replace('"initialMargin":0.04', '"initialMargin":"four %"');
    expect(() => parseInstruments(broken)).toThrow(SchemaError);
    expect(() => parseInstruments(broken)).toThrow(/instruments\[0\]\.marginLevels\[1\]\.initialMargin/);
  });
});

describe('the client reads /instruments from the simulated exchange', () => {
  it('with the levels the simulator margins by', async () => {
    const loopback = await startLoopback();
    try {
      const instruments = await loopback.client().instruments();
      const btc = instruments.find((instrument) => instrument.symbol === 'pf_xbtusd');
      expect(btc).toMatchObject({ type: 'flexible_futures', base: { code: 'BTC' }, levelUnit: 'quote' });
      expect(btc?.marginLevels[1]).toEqual({ from: '500000', initialMargin: '0.04', maintenanceMargin: '0.02' });
      expect(loopback.exchange.requestCount('instruments')).toBe(1);
    } finally {
      await loopback.close();
    }
  });

  it('an error envelope is a KrakenError, not a schema problem', async () => {
    const loopback = await startLoopback();
    try {
      loopback.exchange.injectFault({ kind: 'errorCode', code: 'Unavailable' }, { endpoint: 'instruments' });
      await expect(loopback.client({ retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }).instruments()).rejects.toBeInstanceOf(KrakenError);
    } finally {
      await loopback.close();
    }
  });
});
