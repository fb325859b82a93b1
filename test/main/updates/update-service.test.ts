/**
 * The update flow end to end: a real electron-updater (DebUpdater) checks a feed served on
 * loopback and downloads its artifact; the service turns every outcome into a state, asks before
 * restarting, and holds the restart while a critical alert is showing.
 */
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src-main/log/logger.ts';
import { CHECK_EVERY_MS, UpdateService } from '../../../src-main/updates/update-service.ts';
import type { UpdateState } from '../../../src-shared/update-state.ts';
import { ElectronUpdaterPort, type UpdaterPort } from '../../../src-main/updates/updater-port.ts';
import { ManualClock } from '../kraken/manual-clock.ts';
import { debUpdaterFor, feedFor, serveFeed, type UpdateFeedServer } from './update-feed.ts';

const ARTIFACT = Buffer.from('a .deb package of Margin Desk 0.2.0, standing in for the real one\n'.repeat(200));

let server: UpdateFeedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function serviceOver(updater: UpdaterPort, criticalAlert = false) {
  const states: UpdateState[] = [];
  const service = new UpdateService({
    updater,
    clock: new ManualClock(),
    logger: createLogger({ filePath: null, console: false }),
    criticalAlertShowing: () => criticalAlert,
    onState: (state) => states.push(state),
  });
  return { service, states };
}

describe('UpdateService with electron-updater against a feed on loopback', () => {
  it('finds a newer version, downloads and verifies it, and waits for the user to restart', async () => {
    server = await serveFeed({ artifact: ARTIFACT });
    const { updater, cacheDir } = debUpdaterFor(server.url);
    const install = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
    const { service, states } = serviceOver(new ElectronUpdaterPort(updater));

    await service.checkNow();

    expect(states.map((s) => s.kind)).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']));
    expect(service.state).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(server.requests).toContain('/margin-desk-0.2.0-amd64.deb');
    expect(readdirSync(cacheDir, { recursive: true })).toContain('pending');
    expect(install).not.toHaveBeenCalled();

    expect(service.installNow()).toBe('restarting');
    expect(install).toHaveBeenCalledWith(false, true);
  });

  it('holds the restart while a critical alert is showing', async () => {
    server = await serveFeed({ artifact: ARTIFACT });
    const { updater } = debUpdaterFor(server.url);
    const install = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
    let critical = true;
    const service = new UpdateService({
      updater: new ElectronUpdaterPort(updater),
      clock: new ManualClock(),
      logger: createLogger({ filePath: null, console: false }),
      criticalAlertShowing: () => critical,
      onState: () => {},
    });
    await service.checkNow();

    expect(service.installNow()).toBe('heldForCriticalAlert');
    expect(install).not.toHaveBeenCalled();
    critical = false;
    expect(service.installNow()).toBe('restarting');
    expect(install).toHaveBeenCalledOnce();
  });

  it('says so when this version is current', async () => {
    server = await serveFeed({ artifact: ARTIFACT, feed: feedFor(ARTIFACT, '0.1.0') });
    const { updater } = debUpdaterFor(server.url);
    const { service } = serviceOver(new ElectronUpdaterPort(updater));
    await service.checkNow();
    expect(service.state.kind).toBe('upToDate');
    expect(server.requests).not.toContain('/margin-desk-0.2.0-amd64.deb');
    expect(service.installNow()).toBe('nothingToInstall');
  });

  it('never installs a download whose checksum does not match the feed, and discards it', async () => {
    server = await serveFeed({ artifact: ARTIFACT, checksumOf: Buffer.from('what the publisher built') });
    const { updater, cacheDir } = debUpdaterFor(server.url);
    const install = vi.spyOn(updater, 'quitAndInstall').mockImplementation(() => {});
    const { service, states } = serviceOver(new ElectronUpdaterPort(updater));

    await service.checkNow();

    expect(service.state).toMatchObject({ kind: 'failed', failure: { reason: 'checksumMismatch' } });
    expect(states.some((s) => s.kind === 'ready')).toBe(false);
    const failure = (service.state as Extract<UpdateState, { kind: 'failed' }>).failure;
    expect(failure.message).toBe('Version 0.2.0 did not match its published checksum and was discarded. Nothing was installed.');
    expect(service.installNow()).toBe('nothingToInstall');
    expect(install).not.toHaveBeenCalled();
    const kept = existsSync(cacheDir) ? readdirSync(cacheDir, { recursive: true }).map(String) : [];
    expect(kept.filter((name) => name.endsWith('.deb'))).toEqual([]);
  });

  it('reports a malformed feed and keeps running', async () => {
    server = await serveFeed({ artifact: ARTIFACT, feed: 'version: [this is not\n  a feed: {' });
    const { updater } = debUpdaterFor(server.url);
    const { service } = serviceOver(new ElectronUpdaterPort(updater));
    await service.checkNow();
    expect(service.state).toMatchObject({ kind: 'failed', failure: { reason: 'badFeed' } });
  });

  it('reports a feed without a version as unreadable', async () => {
    server = await serveFeed({ artifact: ARTIFACT, feed: 'files: []\n' });
    const { updater } = debUpdaterFor(server.url);
    const { service } = serviceOver(new ElectronUpdaterPort(updater));
    await service.checkNow();
    expect(service.state).toMatchObject({ kind: 'failed', failure: { reason: 'badFeed' } });
  });

  it('reports an unreachable feed and keeps running', async () => {
    server = await serveFeed({ artifact: ARTIFACT });
    const url = server.url;
    await server.close();
    server = null;
    const { updater } = debUpdaterFor(url);
    const { service } = serviceOver(new ElectronUpdaterPort(updater));
    await service.checkNow();
    expect(service.state).toMatchObject({
      kind: 'failed',
      failure: { reason: 'unreachable', message: 'The update server could not be reached.' },
    });
  });

  it('reports a feed that answers with an HTTP error', async () => {
    server = await serveFeed({ artifact: ARTIFACT });
    const { updater } = debUpdaterFor(`${server.url}/missing`);
    const { service } = serviceOver(new ElectronUpdaterPort(updater));
    await service.checkNow();
    expect(service.state.kind).toBe('failed');
    const failure = (service.state as Extract<UpdateState, { kind: 'failed' }>).failure;
    expect(['badFeed', 'unreachable']).toContain(failure.reason);
  });
});

describe('UpdateService scheduling', () => {
  function countingPort(): UpdaterPort & { checks: number } {
    return {
      checks: 0,
      check() {
        this.checks += 1;
        return Promise.resolve(null);
      },
      download: () => Promise.resolve(),
      install: () => {},
    };
  }

  it('checks at start and every few hours while enabled, and not at all when turned off', async () => {
    const port = countingPort();
    const clock = new ManualClock();
    const service = new UpdateService({
      updater: port,
      clock,
      logger: createLogger({ filePath: null, console: false }),
      criticalAlertShowing: () => false,
      onState: () => {},
    });
    expect(service.state.kind).toBe('off');
    service.setEnabled(true);
    await service.checkNow();
    expect(port.checks).toBe(1);

    clock.advance(CHECK_EVERY_MS);
    await service.checkNow();
    expect(port.checks).toBe(2);

    service.setEnabled(false);
    expect(service.state.kind).toBe('off');
    clock.advance(3 * CHECK_EVERY_MS);
    expect(port.checks).toBe(2);
    expect(clock.pending()).toEqual([]);
  });

  it('asks the updater once when checks overlap', async () => {
    let release: () => void = () => {};
    let calls = 0;
    const port: UpdaterPort = {
      check: () => {
        calls += 1;
        return new Promise((resolve) => (release = () => resolve(null)));
      },
      download: () => Promise.resolve(),
      install: () => {},
    };
    const { service } = serviceOver(port);
    const first = service.checkNow();
    const second = service.checkNow();
    release();
    await Promise.all([first, second]);
    expect(calls).toBe(1);
  });
});
