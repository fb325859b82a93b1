import { describe, expect, it } from 'vitest';
import { parseKeyCheck } from '../../../src-main/kraken/parse-key-check.ts';
import { parseOpenPositions } from '../../../src-main/kraken/parse-positions.ts';
import { markPricesOf, parseTickers } from '../../../src-main/kraken/parse-tickers.ts';

describe('parseOpenPositions (spec example)', () => {
  const text = `{"result":"success","openPositions":[
    {"side":"short","symbol":"PI_XBTUSD","price":9392.749993345933,"fillTime":"2020-07-22T14:39:12.376Z","size":10000,"unrealizedFunding":1.045432180096817e-05},
    {"side":"long","symbol":"FI_XBTUSD_201225","price":9399.749966754434,"fillTime":"2020-07-22T14:39:12.376Z","size":20000},
    {"side":"long","symbol":"PF_DEFIUSD","price":570.0,"fillTime":"2022-04-20T19:15:25.438Z","size":1,"unrealizedFunding":-0.0073428045972263895,"pnlCurrency":"BTC","maxFixedLeverage":5.0}
  ],"serverTime":"2020-07-22T14:39:12.376Z"}`;

  it('reads every position exactly, symbols lower-cased', () => {
    expect(parseOpenPositions(text)).toEqual([
      { symbol: 'pi_xbtusd', side: 'short', size: '10000', price: '9392.749993345933', fillTime: '2020-07-22T14:39:12.376Z', unrealizedFunding: '0.00001045432180096817' },
      { symbol: 'fi_xbtusd_201225', side: 'long', size: '20000', price: '9399.749966754434', fillTime: '2020-07-22T14:39:12.376Z', unrealizedFunding: null },
      { symbol: 'pf_defiusd', side: 'long', size: '1', price: '570', fillTime: '2022-04-20T19:15:25.438Z', unrealizedFunding: '-0.0073428045972263895' },
    ]);
  });

  it('keeps a position with an unknown side instead of failing', () => {
    const [position] = parseOpenPositions(JSON.stringify({ openPositions: [{ symbol: 'PF_XBTUSD', side: 'unknown', size: '1', price: '2' }] }));
    expect(position?.side).toBe('unknown');
    expect(position?.fillTime).toBeNull();
  });

  it('refuses a position without a size', () => {
    expect(() => parseOpenPositions(JSON.stringify({ openPositions: [{ symbol: 'x', side: 'long', price: 1 }] }))).toThrow(/openPositions\[0\]\.size/);
  });
});

describe('parseTickers (spec example)', () => {
  const text = `{"result":"success","tickers":[
    {"tag":"perpetual","pair":"XBT:USD","symbol":"PI_XBTUSD","markPrice":30209.9,"bid":8634,"indexPrice":21087.8,"last":49289,"suspended":false,"fundingRate":1.18588737106e-07},
    {"tag":"month","pair":"XBT:USD","symbol":"FI_XBTUSD_211231","markPrice":20478.5,"indexPrice":21087.8,"last":28002},
    {"symbol":"in_xbtusd","last":21088,"lastTime":"2022-06-17T11:00:30.000Z"},
    {"symbol":"rr_xbtusd","last":20938,"lastTime":"2022-06-16T15:00:00.000Z"}
  ],"serverTime":"2022-06-17T11:00:31.335Z"}`;

  it('reads prices, index entries without mark price included', () => {
    const tickers = parseTickers(text);
    expect(tickers[0]).toEqual({ symbol: 'pi_xbtusd', markPrice: '30209.9', indexPrice: '21087.8', last: '49289' });
    expect(tickers[2]).toEqual({ symbol: 'in_xbtusd', markPrice: null, indexPrice: null, last: '21088' });
    expect(markPricesOf(tickers)).toEqual({ pi_xbtusd: '30209.9', fi_xbtusd_211231: '20478.5' });
  });

  it('refuses a mark price that is not a decimal', () => {
    expect(() => parseTickers(JSON.stringify({ tickers: [{ symbol: 'PF_XBTUSD', markPrice: 'n/a' }] }))).toThrow(/tickers\[0\]\.markPrice/);
  });
});

describe('parseKeyCheck', () => {
  it('reads the permissions of the key', () => {
    const body = {
      apiKey: 'Gom9BsP75m41c9fuY6oJk/unMWaDZjYIcTP4/5kqPvtzdbj5JU5/Fyeb',
      accountUid: 'ba598ca1-65c1-4f48-927d-0e2b647d627a',
      iiban: null,
      createdAt: '2026-01-02T03:04:05Z',
      permissions: { general: 'READ_ONLY', transfer: 'NO_ACCESS' },
    };
    expect(parseKeyCheck(JSON.stringify(body))).toEqual({ general: 'READ_ONLY', transfer: 'NO_ACCESS', other: {} });
  });

  it('tolerates unknown levels and keeps further permissions', () => {
    expect(parseKeyCheck(JSON.stringify({ permissions: { general: 'FULL_ACCESS', transfer: 'SOMETHING_NEW', earn: 'READ_ONLY' } }))).toEqual({
      general: 'FULL_ACCESS',
      transfer: 'unknown',
      other: { earn: 'READ_ONLY' },
    });
  });

  it('refuses a body without permissions', () => {
    expect(() => parseKeyCheck(JSON.stringify({ apiKey: 'k' }))).toThrow(/permissions/);
  });
});
