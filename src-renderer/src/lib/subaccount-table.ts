/**
 * The subaccounts table as data: one row per subaccount joined with its health figure, sorting,
 * filtering and totals. Plain functions so that 1,000 rows can be re-sorted without touching the DOM.
 */
import Big from 'big.js';
import type { CurrencyAmount, Decimal, HealthFigure, HealthReport, ProfileStatus, Subaccount, Subaccounts } from '../../../src-preload/contract.ts';
import { compareDecimals, fromBig, isZero, sum } from '../../../src-shared/decimal.ts';
import { compareFigures, worstFigure } from '../../../src-shared/health-order.ts';
import { subaccountLabel } from '../../../src-shared/subaccount-label.ts';
import { isOutdated } from './labels.ts';

export interface SubaccountRow {
  readonly uid: string;
  readonly accountKey: string;
  /** Full name when Kraken has one, the e-mail otherwise (then the UID). */
  readonly label: string;
  readonly email: string;
  /** Holdings other than zero, in Kraken's order. */
  readonly holdings: readonly CurrencyAmount[];
  readonly marginEquity: Decimal | null;
  readonly maintenanceMargin: Decimal | null;
  readonly availableMargin: Decimal | null;
  readonly health: HealthFigure | null;
  readonly subaccount: Subaccount;
  /** Lower-case text the filter matches against. */
  readonly searchText: string;
}

export type SortKey = 'label' | 'marginEquity' | 'maintenanceMargin' | 'health' | 'availableMargin';
export type SortDirection = 'ascending' | 'descending';

export function subaccountKey(uid: string): string {
  return `sub:${uid}`;
}

/** Rows of a master's list with its health report, or of a desk's composition with its members' figures. */
export function buildRows(subaccounts: Subaccounts, health: Pick<HealthReport, 'figures'>): SubaccountRow[] {
  const figures = new Map<string, HealthFigure>();
  for (const figure of health.figures) figures.set(figure.accountKey, figure);
  return subaccounts.subaccounts.map((subaccount) => {
    const accountKey = subaccountKey(subaccount.uid);
    const label = subaccountLabel(subaccount);
    return {
      uid: subaccount.uid,
      accountKey,
      label,
      email: subaccount.email,
      holdings: subaccount.holdings.filter((holding) => !isZero(holding.amount)),
      marginEquity: subaccount.flex?.marginEquity ?? null,
      maintenanceMargin: subaccount.flex?.maintenanceMargin ?? null,
      availableMargin: subaccount.flex?.availableMargin ?? null,
      health: figures.get(accountKey) ?? null,
      subaccount,
      searchText: `${label}\n${subaccount.email}\n${subaccount.uid}`.toLowerCase(),
    };
  });
}

export function filterRows(rows: readonly SubaccountRow[], query: string): readonly SubaccountRow[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return rows;
  return rows.filter((row) => row.searchText.includes(needle));
}

/** A label, a health figure or an exact figure (compared as decimals), by the sort key. */
type SortValue = string | HealthFigure | null;

function sortValue(row: SubaccountRow, key: SortKey): SortValue {
  return key === 'label' ? row.label : row[key];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compareValues(a: string | HealthFigure, b: string | HealthFigure, key: SortKey): number {
  // Mildest first when ascending, so worst first when descending (compareFigures orders worst first).
  if (key === 'health') return -compareFigures(a as HealthFigure, b as HealthFigure);
  if (key === 'label') return collator.compare(a as string, b as string);
  return compareDecimals(a as Decimal, b as Decimal);
}

/** Stable sort; rows without a value always go last, whatever the direction. */
export function sortRows(rows: readonly SubaccountRow[], key: SortKey, direction: SortDirection): readonly SubaccountRow[] {
  const keyed = rows.map((row, index) => ({ row, index, value: sortValue(row, key) }));
  const sign = direction === 'ascending' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.index - b.index;
      return a.value === null ? 1 : -1;
    }
    const order = compareValues(a.value, b.value, key);
    return order === 0 ? a.index - b.index : sign * order;
  });
  return keyed.map((entry) => entry.row);
}

export interface SubaccountTotals {
  readonly count: number;
  readonly marginEquity: Decimal;
  readonly maintenanceMargin: Decimal;
  readonly availableMargin: Decimal;
  /** Holdings summed per currency code, in first-seen order. */
  readonly holdings: readonly CurrencyAmount[];
  readonly worst: HealthFigure | null;
}

export function totalsOf(rows: readonly SubaccountRow[]): SubaccountTotals {
  const holdings = new Map<string, { amount: Big; currency: CurrencyAmount['currency'] }>();
  for (const row of rows) {
    for (const holding of row.holdings) {
      const entry = holdings.get(holding.currency.code);
      if (entry === undefined) holdings.set(holding.currency.code, { amount: new Big(holding.amount), currency: holding.currency });
      else entry.amount = entry.amount.plus(holding.amount);
    }
  }
  const present = (values: (Decimal | null)[]) => values.filter((value): value is Decimal => value !== null);
  return {
    count: rows.length,
    marginEquity: sum(present(rows.map((row) => row.marginEquity))),
    maintenanceMargin: sum(present(rows.map((row) => row.maintenanceMargin))),
    availableMargin: sum(present(rows.map((row) => row.availableMargin))),
    holdings: [...holdings.values()].map(({ amount, currency }) => ({ currency, amount: fromBig(amount) })),
    worst: worstFigure(rows.map((row) => row.health)),
  };
}

/**
 * How many rows are a desk member's last known figures (`statusOf` gives each member's own state;
 * a master's rows have none): a total over them is not current either.
 */
export function outdatedCount(rows: readonly SubaccountRow[], statusOf: ((uid: string) => ProfileStatus | null) | undefined): number {
  if (statusOf === undefined) return 0;
  return rows.filter((row) => {
    const status = statusOf(row.uid);
    return status !== null && isOutdated(status.state);
  }).length;
}
