/** Moves around the app the way a user does: through the navigation landmark. */
import { fireEvent, screen, within } from '@testing-library/svelte';
import type { ViewName } from '../../../src-preload/contract.ts';
import { VIEW_TITLES } from '../../../src-renderer/src/lib/labels.ts';

export async function openView(view: ViewName): Promise<HTMLElement> {
  const nav = screen.getByRole('navigation', { name: 'Views' });
  await fireEvent.click(within(nav).getByRole('button', { name: new RegExp(`^${VIEW_TITLES[view]}`) }));
  return screen.findByRole('heading', { level: 1, name: VIEW_TITLES[view] });
}

export function rowOf(table: HTMLElement, header: string): HTMLElement {
  const cell = within(table).getByRole('rowheader', { name: header });
  const row = cell.closest('tr');
  if (row === null) throw new Error(`no row for ${header}`);
  return row;
}
