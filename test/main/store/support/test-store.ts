import { afterEach } from 'vitest';
import { Store } from '../../../../src-main/store/store.ts';
import { tempFolder } from './temp-folder.ts';

const opened: Store[] = [];

// registered after temp-folder's hook, so it runs first (vitest runs afterEach hooks in reverse order)
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** A store on a real SQLite file in a fresh temp folder, closed after the current test. */
export function openTestStore(): Store {
  const store = Store.open(tempFolder());
  opened.push(store);
  return store;
}
