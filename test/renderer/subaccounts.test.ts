import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import type { SnapshotView } from '../../src-preload/contract.ts';
import { openView } from './support/navigate.ts';
import { renderApp } from './support/render-app.ts';
import { seedState } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

function dataRows(): HTMLElement[] {
  const table = screen.getByRole('table', { name: 'Subaccounts' });
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-uid'));
}

function subaccountsOf(view: SnapshotView) {
  return view.snapshot.subaccounts?.subaccounts ?? [];
}

describe('Subaccounts with the seed /subaccounts example', () => {
  it('shows the master UID and the subaccount with exact holdings and flex figures', async () => {
    await renderApp(seedState());
    await openView('subaccounts');
    expect(screen.getByText('ba598ca1-65c1-4f48-927d-0e2b647d627a')).toBeTruthy();
    const [row] = dataRows();
    const text = row?.textContent ?? '';
    expect(text).toContain('fullname redacted');
    expect(text).toContain('email redacted');
    expect(text).toContain('13,662.85078 XRP');
    expect(text).toContain('3.0000485057 ETH');
    expect(text).toContain('0.00000000346 BTC');
    expect(text).not.toContain('GBP'); // zero holdings are left out
    expect(text).toContain('1,543.91 USD');
    expect(text).toContain('0.00 USD');
    expect(text).toContain('No margin used');
  });

  it('opens a detail pane with futures wallets in their quote currency, and closes it with Escape', async () => {
    await renderApp(seedState());
    await openView('subaccounts');
    await fireEvent.click(screen.getByRole('button', { name: /fullname redacted/ }));
    const pane = screen.getByRole('complementary', { name: 'fullname redacted' });
    const text = pane.textContent ?? '';
    expect(text).toContain('7f5c528e-2285-45f0-95f5-83d53d4bfcd2');
    expect(text).toContain('-0.0009056832839642471 USD');
    expect(text).toContain('0.00000000234 BTC');
    expect(text).toContain('16,187.33210488726 USD');
    expect(text).toContain('0.5 ETH');
    // eth: 1 − 1543.91104875 / 1646.575
    expect(text).toContain('6.235%');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'fullname redacted' })).toBeNull());
  });
});

describe('Subaccounts table behaviour', () => {
  it('sorts by a column and says so with aria-sort', async () => {
    const state = seedState('live', { subaccounts: 40 });
    await renderApp(state);
    await openView('subaccounts');
    const header = screen.getByRole('columnheader', { name: /Margin equity/ });
    expect(header.getAttribute('aria-sort')).toBe('none');

    await fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    const all = subaccountsOf(state.snapshots!.main!);
    const richest = [...all].sort((a, b) => new Big(b.flex!.marginEquity).cmp(a.flex!.marginEquity))[0]!;
    expect(dataRows()[0]?.getAttribute('data-uid')).toBe(richest.uid);

    await fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    const poorest = [...all].sort((a, b) => new Big(a.flex!.marginEquity).cmp(b.flex!.marginEquity))[0]!;
    expect(dataRows()[0]?.getAttribute('data-uid')).toBe(poorest.uid);
  });

  it('sorts by health with the riskiest first', async () => {
    await renderApp(seedState('live', { subaccounts: 40 }));
    await openView('subaccounts');
    await fireEvent.click(within(screen.getByRole('columnheader', { name: /Health/ })).getByRole('button'));
    expect(dataRows()[0]?.textContent).toContain('108%');
  });

  it('filters by name, e-mail or UID and totals both the shown and all subaccounts exactly', async () => {
    const state = seedState('live', { subaccounts: 40 });
    await renderApp(state);
    await openView('subaccounts');
    await fireEvent.input(screen.getByRole('searchbox', { name: /Filter subaccounts/ }), { target: { value: 'DESK0003' } });
    expect(dataRows()).toHaveLength(1);
    expect(screen.getByText('Showing 1 of 40')).toBeTruthy();

    const all = subaccountsOf(state.snapshots!.main!);
    const total = all.reduce((sum, subaccount) => sum.plus(subaccount.flex?.marginEquity ?? '0'), new Big(0));
    const shown = all.find((subaccount) => subaccount.email === 'desk0003@example.com')!;
    const formatted = (value: Big) => `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value.toFixed() as `${number}`)} USD`;
    expect(screen.getByRole('rowheader', { name: 'Shown' }).closest('tr')?.textContent).toContain(formatted(new Big(shown.flex!.marginEquity)));
    expect(screen.getByRole('rowheader', { name: 'All 40' }).closest('tr')?.textContent).toContain(formatted(total));

    await fireEvent.input(screen.getByRole('searchbox', { name: /Filter subaccounts/ }), { target: { value: 'no such desk' } });
    expect(screen.getByText('No subaccount matches “no such desk”.')).toBeTruthy();
  });

  it('renders only a window of rows out of 1,000 and moves the window on scroll', async () => {
    await renderApp(seedState('live', { subaccounts: 1000 }));
    await openView('subaccounts');
    expect(screen.getByRole('rowheader', { name: 'All 1,000' })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Subaccounts' });
    expect(table.getAttribute('aria-rowcount')).toBe('1002');
    const before = dataRows();
    expect(before.length).toBeLessThan(60);
    expect(before[0]?.getAttribute('aria-rowindex')).toBe('2');

    const scroller = table.parentElement!;
    scroller.scrollTop = 44 * 500;
    await fireEvent.scroll(scroller);
    const after = dataRows();
    expect(after.length).toBeLessThan(60);
    expect(Number(after[0]?.getAttribute('aria-rowindex'))).toBeGreaterThan(400);
  });

  it('moves between rows with the arrow keys (one tab stop for the table)', async () => {
    await renderApp(seedState('live', { subaccounts: 10 }));
    await openView('subaccounts');
    const buttons = dataRows().map((row) => within(row).getByRole('button'));
    expect(buttons.map((button) => button.tabIndex)).toEqual([0, ...Array(buttons.length - 1).fill(-1)]);
    buttons[0]!.focus();
    await fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(within(dataRows()[1]!).getByRole('button')));
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    await waitFor(() => expect(document.activeElement).toBe(within(dataRows().at(-1)!).getByRole('button')));
  });
});
