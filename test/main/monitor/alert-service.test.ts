import { describe, expect, it } from 'vitest';
import type { AlertDraft } from '../../../src-main/monitor/alert-engine.ts';
import { DEFAULT_ALERT_RULES, type AlertRecord } from '../../../src-shared/alert-model.ts';
import { AlertService, type AlertSink } from '../../../src-main/monitor/alert-service.ts';
import { flexAt, reportOf } from './health-fixtures.ts';

const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 5, 12, 0);

/** The store's alert log as the service sees it: ids in order of appending. */
class MemorySink implements AlertSink {
  readonly records: AlertRecord[] = [];
  append(alert: AlertDraft): AlertRecord {
    const record = { ...alert, id: this.records.length + 1, acknowledgedAt: null };
    this.records.push(record);
    return record;
  }
}

/** A manual clock and timer: `advance` runs what falls due, like fake timers would. */
class ManualTime {
  now = START;
  timers: { at: number; run: () => void; cancelled: boolean }[] = [];
  readonly schedule = (delayMs: number, run: () => void): (() => void) => {
    const timer = { at: this.now + delayMs, run, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  pending(): number[] {
    return this.timers.filter((timer) => !timer.cancelled).map((timer) => timer.at);
  }
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = this.timers.filter((timer) => !timer.cancelled && timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      due.cancelled = true;
      this.now = due.at;
      due.run();
    }
    this.now = until;
  }
}

function service() {
  const time = new ManualTime();
  const sink = new MemorySink();
  const alerts = new AlertService({ sink, clock: { now: () => time.now, timer: time.schedule }, engine: { minuteOfDay: () => 12 * 60 } });
  alerts.configure({ profileId: 'main', profileName: 'Main', rules: DEFAULT_ALERT_RULES, refreshSeconds: 30 });
  return { time, sink, alerts };
}

describe('AlertService', () => {
  it('appends every alert to the log and hands the stored records (with ids) to listeners', () => {
    const { time, sink, alerts } = service();
    const heard: AlertRecord[] = [];
    alerts.onAlert((record) => heard.push(record));
    const records = alerts.healthChecked('main', reportOf(flexAt('140')), time.now);
    expect(records.map((record) => [record.id, record.title])).toEqual([[1, '[Main] Margin level 140 % - critical']]);
    expect(heard).toEqual(sink.records);
  });

  it('keeps a single timer for the next check and ticks when it falls due', () => {
    const { time, sink, alerts } = service();
    // refresh every 30 s: the stale limit is three missed refreshes
    expect(time.pending()).toEqual([START + 90_000]);
    alerts.healthChecked('main', reportOf(flexAt('140')), time.now);
    expect(time.pending()).toEqual([START + 90_000]);
    time.advance(90_000);
    expect(sink.records.map((record) => record.level)).toEqual(['critical', 'interrupted']);
    expect(alerts.status('main')).toEqual({ interrupted: true, snoozedUntil: null, level: 'critical' });
  });

  it('snoozes by minutes, reports status changes, and again when the snooze runs out by itself', () => {
    const { time, alerts } = service();
    alerts.healthChecked('main', reportOf(flexAt('900')), time.now);
    let changes = 0;
    alerts.onStatusChange(() => changes++);
    expect(alerts.snooze('main', 1)).toBe(START + MINUTE);
    expect(changes).toBe(1);
    time.advance(30_000);
    alerts.healthChecked('main', reportOf(flexAt('900')), time.now);
    expect(changes).toBe(1);
    time.advance(30_000);
    expect(alerts.status('main').snoozedUntil).toBeNull();
    expect(changes).toBe(2);
    expect(alerts.snooze('main', 0)).toBeNull();
  });

  it('after dispose nothing runs', () => {
    const { time, sink, alerts } = service();
    alerts.dispose();
    time.advance(10 * MINUTE);
    expect(alerts.healthChecked('main', reportOf(flexAt('140')), time.now)).toEqual([]);
    expect(sink.records).toEqual([]);
    expect(time.pending()).toEqual([]);
  });
});
