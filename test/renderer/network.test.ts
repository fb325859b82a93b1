import { waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './support/fake-bridge.ts';
import { renderApp } from './support/render-app.ts';
import { seedState } from './support/scenarios.ts';
import { freezeDate } from './support/time.ts';

freezeDate();

describe('Network return', () => {
  it("refreshes the active profile at once when the system reports the network is back", async () => {
    const fake = new FakeBridge(seedState('offline'));
    await renderApp(fake);
    expect(fake.callsOf('refreshNow')).toEqual([]);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(fake.callsOf('refreshNow')).toEqual([{ profileId: 'main' }]));
  });
});
