import type { SimulatedExchange } from '../../../src-main/kraken/simulator/exchange.ts';

/**
 * A subaccount 'Desk' that raises alerts as the mark price falls: 10,000 USD collateral, long 5 BTC
 * entered at 64,000. Margin level = (10,000 + 5 × (P − 64,000)) / (1 % × 5 × P): 350 % at 64,250.5,
 * 297 % at 63,900 (warn), 143 % at 62,900 (critical).
 */
export function addAlertingDesk(exchange: SimulatedExchange) {
  const sub = exchange.addSubaccount({ email: 'desk@example.com', fullName: 'Desk' });
  exchange.deposit('USD', '10000', { account: sub.uid });
  exchange.openPosition({ account: sub.uid, symbol: 'pf_xbtusd', size: '5', entryPrice: '64000' });
  return sub;
}
