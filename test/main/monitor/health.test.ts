import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src-shared/decimal.ts';
import type { MarginWallet } from '../../../src-shared/account-model.ts';
import { DEFAULT_ALERT_RULES } from '../../../src-shared/alert-model.ts';
import {
  evaluateHealth,
  flexHealth,
  levelOf,
  marginWalletHealth,
  thresholdsFor,
  walletMarkPrice,
} from '../../../src-main/monitor/health.ts';
import { worstFigure } from '../../../src-shared/health-order.ts';
import { flexAccount, flexAt, flexSnapshot, seedSnapshot, subaccount } from './health-fixtures.ts';

const d = toDecimal;
const flex = { account: { kind: 'flex' } as const, label: 'Flex' };

describe('health of the seed examples', () => {
  const report = evaluateHealth(seedSnapshot({ pi_xbtusd: '3428.5' }), DEFAULT_ALERT_RULES);
  const byKey = Object.fromEntries(report.figures.map((figure) => [figure.accountKey, figure]));

  it('evaluates the master flex, the single-collateral wallet and the subaccount flex, in that order', () => {
    expect(report.figures.map((figure) => [figure.accountKey, figure.label])).toEqual([
      ['flex', 'Flex'],
      ['wallet:fi_xbtusd', 'fi_xbtusd'],
      ['sub:7f5c528e-2285-45f0-95f5-83d53d4bfcd2', 'fullname redacted'],
    ]);
  });

  it('flex without maintenance margin: no margin used, the whole equity is buffer', () => {
    expect(byKey.flex).toMatchObject({
      level: 'noMargin',
      marginRatio: null,
      buffer: '34122.66',
      bufferCurrency: 'USD',
      initialMarginBreached: false,
      initialMarginRatio: null,
      liquidationPrice: null,
      moveToLiquidationPct: null,
    });
  });

  it('single collateral: pv / mm in the wallet currency and the signed move to the liquidation price', () => {
    expect(byKey['wallet:fi_xbtusd']).toMatchObject({
      level: 'healthy',
      marginRatio: '6.47049308',
      buffer: '129.97891563',
      bufferCurrency: 'BTC',
      initialMarginBreached: false,
      initialMarginRatio: '2.91172188',
      liquidationPrice: '3000',
      markPrice: '3428.5',
      // (3000 − 3428.5) / 3428.5 = −12.498…%, truncated toward zero so the distance is never overstated
      moveToLiquidationPct: '-12.49',
    });
  });

  it("subaccount flex from the subaccounts call, labelled with the subaccount's name", () => {
    expect(byKey['sub:7f5c528e-2285-45f0-95f5-83d53d4bfcd2']).toMatchObject({ level: 'noMargin', buffer: '1543.91', marginRatio: null });
  });

  it('the worst figure is the one with margin in use', () => {
    expect(report.worst?.accountKey).toBe('wallet:fi_xbtusd');
  });

  it('without a mark price the liquidation price is still shown, the move is not', () => {
    const figure = evaluateHealth(seedSnapshot(), DEFAULT_ALERT_RULES).figures[1]!;
    expect(figure).toMatchObject({ liquidationPrice: '3000', markPrice: null, moveToLiquidationPct: null });
  });
});

describe('crafted flex cases', () => {
  const at = (marginEquity: string, maintenanceMargin = '100', more: Partial<Parameters<typeof flexAccount>[0]> = {}) =>
    flexHealth(flexAccount({ marginEquity, maintenanceMargin, ...more }), flex, DEFAULT_ALERT_RULES);

  it('maintenance margin zero: no ratio, no margin used', () => {
    expect(at('5000', '0')).toMatchObject({ level: 'noMargin', marginRatio: null, buffer: '5000' });
  });

  it('maintenance margin zero but open orders above equity: initial margin breached', () => {
    expect(at('100', '0', { initialMarginWithOrders: '150' })).toMatchObject({ level: 'imBreached', initialMarginBreached: true, marginRatio: null });
  });

  it('negative available margin (equity below initial margin) is an initial-margin breach, worse than a warning', () => {
    const figure = at('180', '100', { initialMargin: '200', availableMargin: '-20' });
    expect(figure).toMatchObject({ level: 'imBreached', marginRatio: '1.8', initialMarginBreached: true, initialMarginRatio: '0.9' });
  });

  it('initial margin with orders counts when it is the larger figure', () => {
    expect(at('400', '100', { initialMargin: '300', initialMarginWithOrders: '450' }).initialMarginBreached).toBe(true);
    expect(at('400', '100', { initialMargin: '300', initialMarginWithOrders: '350' }).initialMarginBreached).toBe(false);
  });

  it('negative equity: a negative ratio and buffer, liquidation', () => {
    expect(at('-50')).toMatchObject({ level: 'liquidation', marginRatio: '-0.5', buffer: '-150' });
  });

  it('exactly at a threshold is not below it', () => {
    expect(at('300').level).toBe('healthy');
    expect(at('150').level).toBe('warn');
    expect(at('110').level).toBe('critical');
    expect(at('100').level).toBe('liquidation');
  });

  it('a hair below a threshold is below it, however small the hair', () => {
    expect(at('299.9999999999')).toMatchObject({ level: 'warn', marginRatio: '2.99999999' });
    expect(at('149.99999999999')).toMatchObject({ level: 'critical' });
    expect(at('109.9999')).toMatchObject({ level: 'liquidation' });
  });

  it('exact decimals: 0.3 / 0.1 is exactly 300 % (a float division would give 299.99…)', () => {
    expect(0.3 / 0.1).toBeLessThan(3);
    expect(at('0.3', '0.1')).toMatchObject({ level: 'healthy', marginRatio: '3' });
  });

  it('thresholds entered out of order still give the worst level that applies', () => {
    const swapped = { ...DEFAULT_ALERT_RULES, warnBelowPct: 150, criticalBelowPct: 300 };
    expect(levelOf(d('2'), false, swapped)).toBe('critical');
  });
});

describe('single-collateral wallets', () => {
  const wallet = (overrides: Partial<MarginWallet> = {}): MarginWallet => ({
    key: 'fi_xbtusd',
    currency: { code: 'BTC', raw: 'xbt' },
    balances: [],
    contracts: [],
    portfolioValue: d('2'),
    pnl: d('0'),
    availableFunds: d('1'),
    funding: null,
    usd: null,
    margin: { im: d('1'), mm: d('0.5'), lt: null, tt: null },
    triggers: { im: d('0'), mm: d('0'), lt: null, tt: null },
    ...overrides,
  });

  it('no position (trigger estimate 0, mm 0): no margin used, no liquidation price', () => {
    const figure = marginWalletHealth(wallet({ margin: { im: d('0'), mm: d('0'), lt: null, tt: null } }), d('50000'), DEFAULT_ALERT_RULES);
    expect(figure).toMatchObject({ level: 'noMargin', marginRatio: null, liquidationPrice: null, moveToLiquidationPct: null, initialMarginBreached: false });
  });

  it('a short: the liquidation price above the mark gives a positive move', () => {
    const figure = marginWalletHealth(wallet({ triggers: { im: d('0'), mm: d('60000'), lt: null, tt: null } }), d('50000'), DEFAULT_ALERT_RULES);
    expect(figure).toMatchObject({ marginRatio: '4', moveToLiquidationPct: '20', level: 'healthy' });
  });

  it('pv below im is an initial-margin breach', () => {
    expect(marginWalletHealth(wallet({ portfolioValue: d('0.9') }), null, DEFAULT_ALERT_RULES)).toMatchObject({ initialMarginBreached: true, level: 'imBreached' });
  });

  it('finds the mark price of a held contract, an open position, or the pair perpetual', () => {
    const prices = { pi_xbtusd: d('100'), fi_xbtusd_260925: d('101'), pi_ethusd: d('5') };
    expect(walletMarkPrice(wallet({ contracts: [{ symbol: 'fi_xbtusd_260925', size: d('10') }] }), { positions: [], markPrices: prices })).toBe('101');
    expect(
      walletMarkPrice(wallet(), {
        positions: [{ symbol: 'fi_xbtusd_260925', side: 'long', size: d('1'), price: d('1'), fillTime: null, unrealizedFunding: null }],
        markPrices: prices,
      }),
    ).toBe('101');
    expect(walletMarkPrice(wallet({ contracts: [{ symbol: 'fi_xbtusd_260925', size: d('0') }] }), { positions: [], markPrices: prices })).toBe('100');
    expect(walletMarkPrice(wallet({ key: 'fv_solusd' }), { positions: [], markPrices: prices })).toBeNull();
  });

  it('a position or wallet named __proto__ finds no mark price instead of Object.prototype', () => {
    const proto = wallet({ key: '__proto__', triggers: { im: d('0'), mm: d('60000'), lt: null, tt: null } });
    const snapshot = {
      positions: [{ symbol: '__proto__', side: 'long' as const, size: d('1'), price: d('1'), fillTime: null, unrealizedFunding: null }],
      markPrices: {},
    };
    expect(walletMarkPrice(proto, snapshot)).toBeNull();
    const report = evaluateHealth({ ...flexSnapshot(null, []), accounts: { ...flexSnapshot(null, []).accounts, marginWallets: [proto] }, ...snapshot }, DEFAULT_ALERT_RULES);
    expect(report.figures[0]).toMatchObject({ accountKey: 'wallet:__proto__', markPrice: null, moveToLiquidationPct: null });
    // A mark price the exchange really sent under that name (JSON.parse makes it an own property) is found.
    expect(walletMarkPrice(proto, { ...snapshot, markPrices: JSON.parse('{"__proto__": "7"}') as Record<string, string> as never })).toBe('7');
  });
});

describe('evaluateHealth with subaccounts and overrides', () => {
  const snapshot = flexSnapshot(flexAccount({ marginEquity: '1000', maintenanceMargin: '100' }), [
    subaccount('a', 'Alpha', flexAccount({ marginEquity: '400', maintenanceMargin: '100' })),
    subaccount('b', 'Beta', flexAccount({ marginEquity: '400', maintenanceMargin: '100' })),
    subaccount('c', 'Gamma', null),
  ]);

  it('subaccounts inherit the profile thresholds unless overridden', () => {
    const rules = { ...DEFAULT_ALERT_RULES, subaccountOverrides: { b: { warnBelowPct: 500 } } };
    const report = evaluateHealth(snapshot, rules);
    expect(report.figures.map((figure) => [figure.accountKey, figure.level])).toEqual([
      ['flex', 'healthy'],
      ['sub:a', 'healthy'],
      ['sub:b', 'warn'],
    ]);
    expect(report.worst?.label).toBe('Beta');
    expect(thresholdsFor(rules, { kind: 'subaccountFlex', uid: 'b' })).toEqual({ warnBelowPct: 500, criticalBelowPct: 150, liquidationBelowPct: 110, hysteresisPct: 10 });
    expect(thresholdsFor(rules, { kind: 'flex' }).warnBelowPct).toBe(300);
  });

  it('a subaccount whose UID names an Object property gets the profile thresholds', () => {
    for (const uid of ['__proto__', 'constructor', 'toString']) {
      expect(thresholdsFor({ ...DEFAULT_ALERT_RULES, subaccountOverrides: {} }, { kind: 'subaccountFlex', uid })).toEqual(thresholdsFor(DEFAULT_ALERT_RULES, { kind: 'flex' }));
    }
  });

  it('a subaccount without a name is labelled by its e-mail', () => {
    const report = evaluateHealth(flexSnapshot(null, [{ ...subaccount('x', '', flexAccount({ marginEquity: '1', maintenanceMargin: '0' })), fullName: null }]), DEFAULT_ALERT_RULES);
    expect(report.figures[0]!.label).toBe('x@example.com');
  });

  it('nothing to evaluate: no worst figure', () => {
    expect(evaluateHealth(flexSnapshot(null), DEFAULT_ALERT_RULES)).toEqual({ worst: null, figures: [] });
  });

  it('worst: higher level first, then the lower ratio, no ratio last', () => {
    expect(worstFigure([flexAt('250'), flexAt('240'), flexAt('260')])?.marginRatio).toBe('2.4');
    expect(worstFigure([flexAt('140'), flexAt('120')])?.marginRatio).toBe('1.2');
    const none = flexHealth(flexAccount({ marginEquity: '1', maintenanceMargin: '0' }), flex, DEFAULT_ALERT_RULES);
    expect(worstFigure([none, flexAt('900')])?.marginRatio).toBe('9');
  });
});

describe('health with figures the source did not send', () => {
  it('is unknown for that account, with the reason, never healthy, and the profile shows it as its worst', () => {
    const healthy = seedSnapshot({ pi_xbtusd: '3428.5' });
    const snapshot = { ...healthy, missingFigures: { 'wallet:fi_xbtusd': ['maintenance margin (maintenance_margin)'] } };
    const report = evaluateHealth(snapshot, DEFAULT_ALERT_RULES);
    const wallet = report.figures.find((figure) => figure.accountKey === 'wallet:fi_xbtusd');
    expect(wallet).toMatchObject({
      level: 'unknown',
      marginRatio: null,
      buffer: null,
      unknownReason: expect.stringMatching(/did not send maintenance margin \(maintenance_margin\)/),
    });
    // The other accounts are judged on their own figures.
    expect(report.figures.find((figure) => figure.accountKey === 'flex')?.level).toBe('noMargin');
    expect(report.worst?.accountKey).toBe('wallet:fi_xbtusd');
  });

  it('does not hide a warning elsewhere: a warn account stays the worst', () => {
    const master = flexAccount({ marginEquity: '250', maintenanceMargin: '100' });
    const snapshot = { ...flexSnapshot(master, [subaccount('u1', 'Sub', master)]), missingFigures: { 'sub:u1': ['margin equity'] } };
    const report = evaluateHealth(snapshot, DEFAULT_ALERT_RULES);
    expect(report.figures.map((figure) => figure.level)).toEqual(['warn', 'unknown']);
    expect(report.worst?.accountKey).toBe('flex');
  });
});
