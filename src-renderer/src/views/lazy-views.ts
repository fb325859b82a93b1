/**
 * Every view but the overview, which the start-up chunk holds, as a chunk of its own loaded on first
 * visit (state/view-modules.svelte.ts keeps them). History's chart library is a further chunk of its own.
 */
import type { ViewName } from '../../../src-preload/contract.ts';
import type { ViewLoader } from '../state/view-modules.svelte.ts';

export const LAZY_VIEW_LOADERS = {
  flex: () => import('./FlexView.svelte'),
  positions: () => import('./PositionsView.svelte'),
  stress: () => import('./StressView.svelte'),
  subaccounts: () => import('./SubaccountsView.svelte'),
  history: () => import('./HistoryView.svelte'),
  alerts: () => import('./AlertsView.svelte'),
  profiles: () => import('./ProfilesView.svelte'),
  settings: () => import('./SettingsView.svelte'),
} as const satisfies Readonly<Record<Exclude<ViewName, 'overview'>, ViewLoader>>;

