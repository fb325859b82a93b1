/**
 * How the user has the subaccounts table: filter, sort and the open detail pane. Kept on the app
 * so that leaving the view and coming back finds the table as it was left.
 */
import type { SortDirection, SortKey } from '../lib/subaccount-table.ts';

export class SubaccountTableState {
  query = $state('');
  sortKey = $state<SortKey>('label');
  direction = $state<SortDirection>('ascending');
  selectedUid = $state<string | null>(null);

  /** A new column starts in its most useful direction: names A→Z, health worst first, amounts largest first. */
  sortBy(key: SortKey): void {
    if (key === this.sortKey) {
      this.direction = this.direction === 'ascending' ? 'descending' : 'ascending';
      return;
    }
    this.sortKey = key;
    this.direction = key === 'label' ? 'ascending' : 'descending';
  }
}
