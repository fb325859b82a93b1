/**
 * Child process of the crash-safety test: writes snapshots (and a history point each) into the store
 * in `folder` as fast as it can, forever, printing `committed <sequence>` after each write returns.
 * The test SIGKILLs it at random moments. Run directly by Node (type stripping), not by vitest.
 *   node snapshot-writer.ts <folder> <profileId> <subaccountCount>
 */
import { writeSync } from 'node:fs';
import { Store } from '../../../../src-main/store/store.ts';
import { buildAccountSnapshot, snapshotSequence, withSequence } from '../fixtures/account-snapshot-fixture.ts';
import { historyWalk } from '../fixtures/history-point-fixture.ts';
import { buildProfile } from '../fixtures/profile-fixture.ts';

const [folder, profileId, count] = process.argv.slice(2);
if (folder === undefined || profileId === undefined || count === undefined) {
  throw new Error('usage: snapshot-writer.ts <folder> <profileId> <subaccountCount>');
}
const subaccountCount = Number(count);

const store = Store.open(folder);
if (store.profiles.get(profileId) === null) store.profiles.insert(buildProfile(profileId));
const latest = store.snapshots.readLatest(profileId);
const found = latest === null ? 0 : snapshotSequence(latest, subaccountCount);
if (typeof found === 'string') throw new Error(`the latest snapshot is not one whole write: ${found}`);
let sequence = found + 1;
const walk = historyWalk(sequence);
// figures built once; each write only re-stamps the sequence, so the loop's time is spent writing
const template = buildAccountSnapshot({ profileId, subaccountCount, sequence });

for (;;) {
  const snapshot = withSequence(template, sequence);
  store.snapshots.saveLatest(snapshot);
  store.history.append(profileId, [{ accountKey: 'flex', point: walk(snapshot.fetchedAt) }]);
  // synchronous, so that the line is out before the next write starts
  writeSync(1, `committed ${sequence}\n`);
  sequence += 1;
}
