/**
 * Child of audit-kill-mid-write.test.ts: the app's own write path as fast as it goes (the Sample
 * profile refreshed back to back: snapshot, history, alert log), until it is killed. Prints
 * "writing" once the first refresh is stored, so the parent kills it mid-stream.
 */
import { AppServices } from '../../../src-main/app/app-services.ts';
import { quietAppOptions } from '../../support/quiet-app-options.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: store-writer-child.ts DATA_DIR');
const app = new AppServices(quietAppOptions(dataDir, { platform: process.platform }));
const sample = app.profiles.createSample();
app.activate(sample.id);
// Every account alerts, so the alert log is written too.
app.setAlertRules(sample.id, { ...app.alertRules(sample.id), warnBelowPct: 10_000, criticalBelowPct: 102, liquidationBelowPct: 101, repeatCriticalMinutes: 1 });
let announced = false;
for (;;) {
  await app.scheduler.refreshNow(sample.id);
  if (!announced) {
    process.stdout.write('writing\n');
    announced = true;
  }
}
